import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatNumber } from "../../domain/numbers.ts";
import { useLang } from "../../lib/use-lang.ts";

/** One dashboard number and the link to the list behind it (none in publication mode); a null value is hidden (below 5). */
export function Figure({ label, value, href, alarm = false }: { label: string; value: number | null; href: string | null; alarm?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className={alarm && value ? "figure figure-alarm" : "figure"}>
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value === null ? t("dash.hidden") : formatNumber(value, lang)}</span>
        {href ? (
          <Link to={href} className="figure-link">
            {t("dash.openList")}
            <span className="visually-hidden">: {label}</span>
          </Link>
        ) : null}
      </dd>
    </div>
  );
}

/** A bar chart that is also a table: the bars are decoration, the table carries the numbers. */
export function BarTable({
  caption,
  labelHeader,
  valueHeader,
  rows,
}: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  rows: { label: string; value: number | null }[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  return (
    <table className="bar-table">
      <caption>
        {caption}
        <span className="visually-hidden"> {t("dash.chartLabel")}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col">{valueHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.label}-${index}`}>
            <th scope="row">{row.label}</th>
            <td>
              <span className="bar" style={{ width: `${((row.value ?? 0) / max) * 100}%` }} aria-hidden="true" />
              <span className="bar-value">{row.value === null ? t("dash.hidden") : formatNumber(row.value, lang)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
