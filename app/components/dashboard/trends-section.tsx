import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { Caller } from "../../../server/router.ts";
import { formatMonth, formatMonthShort } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";
import { TrendChart, type TrendRow } from "./trend-chart.tsx";

export type Trends = SerializeFrom<Awaited<ReturnType<Caller["dashboard"]["trends"]>>>;
type TrendMonth = Trends["months"][number];

// Colours from the stylesheet's palette, each at least 3:1 against white (WCAG 1.4.11).
const BRAND = "#0b5394";
const WARN = "#8a4b00";

/**
 * "Utvikling over tid" on the coordinating unit's page (issue 14, docs/decisions/022): four
 * charts from dashboard.trends, each with its table. The selection's unit applies to plans and
 * coordinators, its case type to cases; the page says so when one is chosen.
 */
export function TrendsSection({
  trends,
  filter,
}: {
  trends: Trends;
  filter: { unitId?: string; caseType?: string; publication: boolean };
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { months, loadPerUnit } = trends;
  const monthRow = (m: TrendMonth, values: TrendRow["values"]): TrendRow => ({
    key: m.month,
    label: formatMonth(m.month, lang),
    shortLabel: formatMonthShort(m.month, lang),
    values,
  });
  const period = months.length ? { from: formatMonth(months[0].month, lang), to: formatMonth(months[months.length - 1].month, lang) } : null;
  const hidden = filter.publication ? [t("dash.trends.hiddenNote")] : [];

  return (
    <section aria-labelledby="trends-heading">
      <h2 id="trends-heading">{t("dash.trends.heading")}</h2>
      {period ? <p>{t("dash.trends.intro", period)}</p> : <p>{t("dash.trends.empty")}</p>}
      {filter.unitId ? <p>{t("dash.trends.unitNote")}</p> : null}
      {filter.caseType ? <p>{t("dash.trends.caseTypeNote")}</p> : null}
      <div className="trend-charts">
        {period ? (
          <>
            <TrendChart
              title={t("dash.trends.cases.title")}
              description={t("dash.trends.cases.description", period)}
              notes={hidden}
              categoryHeader={t("dash.trends.month")}
              series={[
                { key: "received", label: t("dash.trends.cases.received"), kind: "bar", color: BRAND },
                { key: "decided", label: t("dash.trends.cases.decided"), kind: "bar", color: WARN },
              ]}
              rows={months.map((m) => monthRow(m, { received: m.received, decided: m.decided }))}
            />
            <TrendChart
              title={t("dash.trends.days.title")}
              description={t("dash.trends.days.description", period)}
              notes={hidden}
              categoryHeader={t("dash.trends.month")}
              series={[
                { key: "medianDays", label: t("dash.trends.days.median"), kind: "line", color: BRAND },
                { key: "p90Days", label: t("dash.trends.days.p90"), kind: "line", color: WARN, dash: "6 4" },
              ]}
              // No decisions that month: no time ("–"), which is not the same as a hidden one.
              rows={months.map((m) =>
                monthRow(m, {
                  medianDays: m.decided === 0 ? undefined : m.medianDays,
                  p90Days: m.decided === 0 ? undefined : m.p90Days,
                }),
              )}
            />
            <TrendChart
              title={t("dash.trends.inactive.title")}
              description={t("dash.trends.inactive.description", period)}
              notes={hidden}
              categoryHeader={t("dash.trends.month")}
              series={[{ key: "inactivePlans", label: t("dash.trends.inactive.plans"), kind: "bar", color: BRAND }]}
              rows={months.map((m) => monthRow(m, { inactivePlans: m.inactivePlans }))}
            />
          </>
        ) : null}
        {loadPerUnit.length ? (
          <TrendChart
            title={t("dash.trends.load.title")}
            description={t("dash.trends.load.description")}
            notes={hidden}
            categoryHeader={t("dash.trends.load.unit")}
            horizontal
            series={[
              { key: "plansPerCoordinator", label: t("dash.trends.load.plansPerCoordinator"), kind: "bar", color: BRAND },
              { key: "coordinators", label: t("dash.trends.load.coordinators"), kind: "bar", color: BRAND, drawn: false },
              { key: "plans", label: t("dash.trends.load.plans"), kind: "bar", color: BRAND, drawn: false },
            ]}
            rows={loadPerUnit.map((r) => ({
              key: r.unit ?? "",
              label: r.unit ?? t("dash.trends.load.noUnit"),
              values: { plansPerCoordinator: r.plansPerCoordinator, coordinators: r.coordinators, plans: r.plans },
            }))}
          />
        ) : (
          <p>{t("dash.trends.load.none")}</p>
        )}
      </div>
    </section>
  );
}
