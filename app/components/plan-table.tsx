import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { formatDate } from "../domain/oslo-time.ts";
import { useLang } from "../lib/use-lang.ts";

export interface PlanRow {
  id: string;
  type: string;
  status: string;
  nextReviewAt: string | null;
  updatedAt: string;
  owner: { id: string; name: string };
  coordinator: { id: string; name: string } | null;
  /** Goals and measures past their evaluation date. */
  evaluationsDue?: number;
  /** Changes the user made since the viewer last opened the plan. */
  newFromUser?: number;
}

export function needsFollowUp(plan: PlanRow): boolean {
  return Boolean(plan.evaluationsDue || plan.newFromUser);
}

/** Plans as a table, each linked to its workspace: on a phone each row stacks into a card (see .responsive-table). */
export function PlanTable({ plans, caption, followUp = true }: { plans: PlanRow[]; caption: string; followUp?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <table className="responsive-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("plan.owner")}</th>
          <th scope="col">{t("plan.statusLabel")}</th>
          {followUp ? <th scope="col">{t("plan.followUp")}</th> : null}
          <th scope="col">{t("plan.coordinator")}</th>
          <th scope="col">{t("plan.nextReview")}</th>
          <th scope="col">{t("plan.updated")}</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id} className={followUp && needsFollowUp(plan) ? "row-attention" : undefined}>
            <th scope="row" data-label={t("plan.owner")}>
              <Link to={`/planer/${plan.id}`}>
                {plan.owner.name}
                <span className="visually-hidden"> – {t("plan.open")}</span>
              </Link>
            </th>
            <td data-label={t("plan.statusLabel")}>
              <span className={`badge badge-${plan.status.toLowerCase()}`}>{t(`plan.status.${plan.status}`)}</span>
            </td>
            {followUp ? (
              <td data-label={t("plan.followUp")}>
                <FollowUp plan={plan} />
              </td>
            ) : null}
            <td data-label={t("plan.coordinator")}>
              {plan.coordinator?.name ?? <span className="warning-text">{t("plan.noCoordinator")}</span>}
            </td>
            <td data-label={t("plan.nextReview")}>{formatDate(plan.nextReviewAt, lang)}</td>
            <td data-label={t("plan.updated")}>{formatDate(plan.updatedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FollowUp({ plan }: { plan: PlanRow }) {
  const { t } = useTranslation();
  if (!needsFollowUp(plan)) return <span className="hint">{t("plan.nothingDue")}</span>;
  return (
    <ul className="follow-up">
      {plan.evaluationsDue ? <li className="warning-text">{t("plan.evaluationsDue", { count: plan.evaluationsDue })}</li> : null}
      {plan.newFromUser ? <li className="news-text">{t("plan.newFromUser", { count: plan.newFromUser })}</li> : null}
    </ul>
  );
}
