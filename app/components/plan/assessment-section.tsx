import { useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { FormResult } from "../../lib/form-result.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { AssessmentForm } from "./assessment-form.tsx";
import { AssessmentHistory, AssessmentOverview, LatestAssessment, OutOfDateNotice } from "./assessment-overview.tsx";
import { useAssessment } from "./assessment-shared.tsx";
import { PlanSection } from "./in-place.tsx";
import { OwnViewForm } from "./own-view-form.tsx";

/**
 * "Kartlegging" in the plan (issue 15): whether it is out of date, the latest assessment, the
 * life areas with staff's scores beside the person's own view, the history, and the forms of
 * those who may use them (staff record; the representative gives the person's view here, the
 * user on "Min plan"). Folded until opened, like the other parts one works in less often, and
 * drawn on opening (tables of scores; the summary and the contents link to the part itself).
 */
export function AssessmentSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const view = useAssessment();
  // Without JavaScript the page comes back after a save or a refusal: open at the form, so its
  // receipt or message is seen (with JavaScript the person opened it and it stays open).
  const answer = useActionData<FormResult>();
  const [params] = useSearchParams();
  const open = Boolean(answer?.formId?.startsWith("assessment-")) || Boolean(params.get("lagret")?.startsWith("assessment-"));
  if (!view) return null;
  return (
    <PlanSection id="kartlegging" headingId="assessment-heading" open={open} drawOnOpening title={t("assessment.title")}>
      <p className="hint">{t("assessment.intro")}</p>
      <OutOfDateNotice view={view} />
      <LatestAssessment view={view} />
      <AssessmentOverview view={view} />
      <AssessmentHistory view={view} />
      {view.canRecord ? <AssessmentForm view={view} /> : null}
      {view.canGiveOwnView ? (
        <section id="slik-ser-jeg-det" aria-labelledby="own-view-heading" className="own-view-part">
          <h3 id="own-view-heading">{plan.viewer.id === plan.owner.id ? t("assessment.own.title") : t("assessment.own.titleFor", { name: plan.owner.name })}</h3>
          <OwnViewForm view={view} headingLevel={3} ownerName={plan.viewer.id === plan.owner.id ? undefined : plan.owner.name} />
        </section>
      ) : null}
    </PlanSection>
  );
}
