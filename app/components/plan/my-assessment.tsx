import { useTranslation } from "../../i18n/use-translation.ts";
import type { AssessmentView } from "../../lib/assessment-types.ts";
import { OwnViewForm } from "./own-view-form.tsx";
import { AssessmentContext } from "./assessment-shared.tsx";

/**
 * "Slik ser jeg det" on "Min plan": what staff have scored about the user, in plain words, and
 * their own view beside it. Read-only once the plan is closed; every score still shows.
 */
export function MyAssessment({ view, saved }: { view: AssessmentView; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <AssessmentContext.Provider value={view}>
      <section id="slik-ser-jeg-det" aria-labelledby="my-assessment-heading" className="card my-assessment">
        <h2 id="my-assessment-heading">{t("assessment.own.title")}</h2>
        {saved ? (
          <p role="status" className="alert alert-success">
            {t("assessment.own.saved")}
            {view.differences.length ? ` ${t("assessment.own.differs")}` : ""}
          </p>
        ) : null}
        <OwnViewForm view={view} readOnly={!view.canGiveOwnView} />
      </section>
    </AssessmentContext.Provider>
  );
}
