import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatNumericDate } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";

export interface PlanHitRow {
  id: string;
  number: string;
  type: string;
  status: string;
  name: string;
  birthDate: string | null;
  coordinator: string | null;
  needsPurpose: boolean;
}

/** Plans found: only what identifies them. A plan the reader takes no part in asks for a purpose when opened. */
export function PlanHits({ items, caption }: { items: PlanHitRow[]; caption: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <table className="responsive-table search-hits">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("search.name")}</th>
          <th scope="col">{t("search.birthDate")}</th>
          <th scope="col">{t("search.number")}</th>
          <th scope="col">{t("search.type")}</th>
          <th scope="col">{t("search.status")}</th>
          <th scope="col">{t("search.coordinator")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((plan) => (
          <tr key={plan.id}>
            <th scope="row" data-label={t("search.name")}>
              <Link to={`/planer/${plan.id}`}>
                {plan.name}
                <span className="visually-hidden"> – {t("search.openPlan")}</span>
              </Link>
              {plan.needsPurpose ? <span className="hint search-purpose"> {t("search.needsPurpose")}</span> : null}
            </th>
            <td data-label={t("search.birthDate")}>{plan.birthDate ? formatNumericDate(`${plan.birthDate}T12:00:00Z`, lang) : "–"}</td>
            <td data-label={t("search.number")}>{plan.number}</td>
            <td data-label={t("search.type")}>{t(`plan.type.${plan.type}`)}</td>
            <td data-label={t("search.status")}>
              <span className={`badge badge-${plan.status.toLowerCase()}`}>{t(`plan.status.${plan.status}`)}</span>
            </td>
            <td data-label={t("search.coordinator")}>{plan.coordinator ?? <span className="hint">{t("search.noCoordinator")}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The count, and a word when there are more than shown. */
export function HitCount({ count, more }: { count: number; more: boolean }) {
  const { t } = useTranslation();
  return (
    <p role="status">
      {t("search.count", { count })}
      {more ? ` ${t("search.more")}` : null}
    </p>
  );
}
