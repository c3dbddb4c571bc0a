import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import type { CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { CaseStatusBadge } from "./case-bits.tsx";

/**
 * What the person the case is about already has in the municipality: their plans and their other
 * cases, found by the linked person or the case's identity number. Granting an IP links the case
 * to their open plan instead of making a second one; this is where the case officer sees it first.
 * The coordinating unit opens a plan after stating why (decision 013); the link leads there.
 */
export function PersonRecordsSection({ internal }: { internal: CaseInternalView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { personId, plans, cases } = internal.personRecords;
  const known = personId !== null || internal.subjectIdentity !== null;
  return (
    <section id="personen" aria-labelledby="records-heading" className="card section">
      <h2 id="records-heading">{t("casePerson.recordsHeading")}</h2>
      {!known ? (
        <p>{t("casePerson.recordsUnknown")}</p>
      ) : !plans.length && !cases.length ? (
        <p>{t("casePerson.recordsNone")}</p>
      ) : (
        <>
          {plans.length ? (
            <>
              <h3>{t("casePerson.plansCaption")}</h3>
              <ul className="plain-list">
                {plans.map((p) => (
                  <li key={p.id}>
                    <Link to={`/planer/${p.id}`}>{t("casePerson.openPlan", { status: t(`plan.status.${p.status}`).toLowerCase(), date: formatDate(p.createdAt, lang) })}</Link>
                    <span className="hint cell-detail">
                      {t("casePerson.planCoordinator")}: {p.coordinatorName ?? t("casePerson.noCoordinator")}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {cases.length ? (
            <>
              <h3>{t("casePerson.casesCaption")}</h3>
              <ul className="plain-list">
                {cases.map((c) => (
                  <li key={c.id}>
                    <Link to={`/saker/${c.id}`}>{t("casePerson.openCase", { reference: c.reference })}</Link> – {t(`case.type.${c.type}`)}, {formatDate(c.receivedAt, lang)}{" "}
                    <CaseStatusBadge status={c.status} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
