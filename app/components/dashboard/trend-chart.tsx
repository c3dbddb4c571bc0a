import { useId, useState } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "../../domain/numbers.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { useLang } from "../../lib/use-lang.ts";

// One chart of the dashboard's trends, drawn with recharts and readable without it: a <figure>
// whose caption is the title and whose description says what is drawn; the SVG is one image
// (role="img") named and described by them; and the same numbers are a table one click away.
// Recharts 3 draws only in the browser (it measures before it draws: docs/decisions/022), so the
// page from the server, and a browser without JavaScript, shows the table; once the page runs,
// the chart takes its place and the button switches between them.

const AXIS_TICK = { fill: "#1b1f24", fontSize: 12 };
/** Publication mode hides counts below this (server/dashboard/trends.ts). */
const HIDDEN_BELOW = 5;

export interface TrendSeries {
  key: string;
  label: string;
  kind: "bar" | "line";
  color: string;
  /** A dash pattern, so lines differ by more than their colour. */
  dash?: string;
  /** False for a column of the table that is not drawn. */
  drawn?: boolean;
}

export interface TrendRow {
  key: string;
  /** In the table and the tooltip ("august 2026"). */
  label: string;
  /** On the axis ("aug. 26"). */
  shortLabel?: string;
  /** null: hidden in publication mode ("under 5"); undefined: no value ("–"). */
  values: Record<string, number | null | undefined>;
}

export function TrendChart({
  title,
  description,
  categoryHeader,
  series,
  rows,
  notes = [],
  horizontal = false,
  height = horizontal ? 48 + 44 * rows.length : 280,
}: {
  title: string;
  description: string;
  categoryHeader: string;
  series: TrendSeries[];
  rows: TrendRow[];
  notes?: string[];
  /** Bars along the value axis, one row per category: for long names (units) rather than months. */
  horizontal?: boolean;
  height?: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const tableId = `${id}-table`;
  // Before the page runs in the browser there is no chart to switch to.
  const live = useHydrated();
  const [asTable, setAsTable] = useState(false);

  const drawn = series.filter((s) => s.drawn !== false);
  const cell = (value: number | null | undefined) => (value === null ? t("dash.hidden") : value === undefined ? t("dash.trends.noValue") : formatNumber(value, lang));
  const summaries = drawn.flatMap((s) => {
    const shown = rows.filter((r) => typeof r.values[s.key] === "number");
    if (!shown.length) return [];
    const max = shown.reduce((best, r) => ((r.values[s.key] as number) > (best.values[s.key] as number) ? r : best));
    // A hidden value is below 5: the highest shown is the highest only if it is 5 or more.
    if ((max.values[s.key] as number) < HIDDEN_BELOW && rows.some((r) => r.values[s.key] === null)) return [];
    const last = rows[rows.length - 1];
    // Over time: the highest and the latest (if it has a value); across categories (units): the highest.
    return horizontal || last === max || last.values[s.key] === undefined
      ? [t("dash.trends.summaryHighest", { series: s.label, max: cell(max.values[s.key]), maxAt: max.label })]
      : [t("dash.trends.summary", { series: s.label, max: cell(max.values[s.key]), maxAt: max.label, last: cell(last.values[s.key]), lastAt: last.label })];
  });
  const fullDescription = [description, ...notes, ...summaries].join(" ");
  // Recharts reads the values by key; hidden and missing values are gaps.
  const data = rows.map((r) => ({ label: r.shortLabel ?? r.label, fullLabel: r.label, ...r.values }));
  const showChart = live && !asTable;

  return (
    <figure className="trend-chart">
      <figcaption id={titleId} className="trend-chart-title">
        {title}
      </figcaption>
      <p id={descId} className="trend-chart-description">
        {fullDescription}
      </p>
      {live ? (
        <button type="button" className="button-secondary trend-chart-toggle" aria-expanded={asTable} aria-controls={tableId} onClick={() => setAsTable(!asTable)}>
          {asTable ? t("dash.trends.showChart") : t("dash.trends.showTable")}
        </button>
      ) : null}
      {showChart && drawn.length > 1 ? (
        // The key to the colours (the description and the table name the series too). Recharts'
        // own legend labels its icons in English, so this one is drawn here.
        <ul className="trend-chart-legend" aria-hidden="true">
          {drawn.map((s) => (
            <li key={s.key}>
              <svg width="24" height="12" viewBox="0 0 24 12" focusable="false">
                {s.kind === "bar" ? (
                  <rect x="6" y="0" width="12" height="12" fill={s.color} />
                ) : (
                  <line x1="0" y1="6" x2="24" y2="6" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash} />
                )}
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      {showChart ? (
        <div className="trend-chart-plot" style={{ height }}>
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
            <ComposedChart
              data={data}
              role="img"
              aria-labelledby={titleId}
              aria-describedby={descId}
              title={title}
              desc={fullDescription}
              // The table is the way through the numbers for the keyboard and screen readers.
              accessibilityLayer={false}
              layout={horizontal ? "vertical" : "horizontal"}
              margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke="#c9d1d9" strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
              {horizontal ? (
                <>
                  <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v, lang)} />
                  <YAxis type="category" dataKey="label" width={140} tick={AXIS_TICK} />
                </>
              ) : (
                <>
                  <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={12} />
                  <YAxis allowDecimals={false} width={44} tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v, lang)} />
                </>
              )}
              <Tooltip
                formatter={(value) => (typeof value === "number" ? formatNumber(value, lang) : String(value ?? ""))}
                labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.fullLabel ?? _label)}
                isAnimationActive={false}
              />
              {drawn.map((s) =>
                s.kind === "bar" ? (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} maxBarSize={32} />
                ) : (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={s.color}
                    strokeWidth={2}
                    strokeDasharray={s.dash}
                    dot={{ r: 3, fill: s.color }}
                    isAnimationActive={false}
                    type="linear"
                  />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <div id={tableId} className="trend-chart-table" hidden={showChart}>
        {/* More than three columns do not fit a phone: there each row becomes a card (app.css). */}
        <table className={series.length > 2 ? "trend-table responsive-table" : "trend-table"} aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" data-label={categoryHeader}>
                  {r.label}
                </th>
                {series.map((s) => (
                  <td key={s.key} data-label={s.label}>
                    {cell(r.values[s.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
