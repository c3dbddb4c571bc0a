import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";

// Small pieces the case pages share: statuses in words and deadline flags as text (never colour only).

export function PersonStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-case-${status.toLowerCase()}`}>{t(`case.personStatus.${status}`)}</span>;
}

export function CaseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-casestatus-${status.toLowerCase()}`}>{t(`caseUi.status.${status}`)}</span>;
}

export type FlagName = "decisionOverdue" | "interimOverdue" | "dueWithin7Days";

/** A deadline warning in words; "!" marks the overdue ones also for those who do not see the colour. */
export function DeadlineFlag({ flag }: { flag: FlagName }) {
  const { t } = useTranslation();
  const overdue = flag !== "dueWithin7Days";
  return (
    <span className={overdue ? "flag flag-overdue" : "flag flag-soon"}>
      <span aria-hidden="true">{overdue ? "! " : ""}</span>
      {t(`caseUi.flag.${flag}`)}
    </span>
  );
}

/** Letters as they were written: line breaks kept. */
export function Letter({ text }: { text: string }) {
  return <div className="letter prose">{text}</div>;
}

/** The plan a case is about, as a row of the case's facts (nothing when there is none). */
export function PlanFact({ planId }: { planId: string | null }) {
  const { t } = useTranslation();
  if (!planId) return null;
  return (
    <div className="facts-row">
      <dt>{t("caseUi.plan")}</dt>
      <dd>
        <Link to={`/planer/${planId}`}>{t("caseUi.openPlan")}</Link>
      </dd>
    </div>
  );
}
