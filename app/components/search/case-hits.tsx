import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatNumericDate } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";

export interface CaseHitRow {
  id: string;
  reference: string;
  type: string;
  status: string;
  name: string;
  birthDate: string | null;
  assignedTo: string | null;
  receivedAt: string;
}

/** Cases found: who it is about, its number, type, status and officer. */
export function CaseHits({ items, caption }: { items: CaseHitRow[]; caption: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <table className="responsive-table search-hits">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("search.name")}</th>
          <th scope="col">{t("search.birthDate")}</th>
          <th scope="col">{t("search.reference")}</th>
          <th scope="col">{t("search.type")}</th>
          <th scope="col">{t("search.status")}</th>
          <th scope="col">{t("search.assignedTo")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <th scope="row" data-label={t("search.name")}>
              <Link to={`/saker/${c.id}`}>
                {c.name}
                <span className="visually-hidden"> – {t("search.openCase")}</span>
              </Link>
            </th>
            <td data-label={t("search.birthDate")}>{c.birthDate ? formatNumericDate(`${c.birthDate}T12:00:00Z`, lang) : "–"}</td>
            <td data-label={t("search.reference")}>{c.reference}</td>
            <td data-label={t("search.type")}>{t(`case.type.${c.type}`)}</td>
            <td data-label={t("search.status")}>{t(`case.status.${c.status}`)}</td>
            <td data-label={t("search.assignedTo")}>{c.assignedTo ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
