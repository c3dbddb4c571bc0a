import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AssessmentFigures } from "../components/dashboard/assessment-figures.tsx";
import { Figure } from "../components/dashboard/figure.tsx";
import { formatNumber } from "../domain/numbers.ts";
import { formatDate } from "../domain/oslo-time.ts";
import { load } from "../lib/call.server.ts";
import { LISTS, type ListKind } from "../lib/dashboard-filter.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Min enhet – Individuell plan" }];

// The unit leader's page: the unit's figures (the dashboard's, for one unit), each opening its
// list (/enhet/liste), and each coordinator with their plans and those needing a look.
export async function loader({ context, request }: LoaderFunctionArgs) {
  // A unit leader not yet linked to a unit gets an explanation; other roles are refused by the procedure.
  if (context.user?.roles.includes("UNIT_LEADER") && !context.user.leadsUnitId) return json({ overview: null, assessments: null });
  const unitId = new URL(request.url).searchParams.get("enhet") ?? undefined;
  return json(
    await load(context, request, async (caller) => {
      const overview = await caller.dashboard.unit(unitId ? { unitId } : undefined);
      // Kartlegging's figures for the same unit.
      return { overview, assessments: await caller.dashboard.assessments({ unitId: overview.unit.id }) };
    }),
  );
}

const PLAN_FIGURES = ["activePlans", "inactive6Months", "inactive12Months", "reviewDue", "evaluationsOverdue", "withoutMeeting"] as const;

export default function MyUnit() {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview, assessments } = useLoaderData<typeof loader>();
  if (!overview) {
    return (
      <div className="page">
        <h1>{t("unit.title")}</h1>
        <p>{t("unit.noUnit")}</p>
      </div>
    );
  }
  const { unit, coordinators } = overview;
  const listHref = (kind: ListKind, metric: string) => {
    const params = new URLSearchParams({ enhet: unit.id, liste: kind, tall: metric });
    return `/enhet/liste?${params}`;
  };
  const count = (n: number | undefined) => formatNumber(n ?? 0, lang);
  return (
    <div className="page">
      <h1>
        {t("unit.title")}: {unit.name}
      </h1>
      <p>{t("unit.intro", { unit: unit.name, date: formatDate(overview.today, lang) })}</p>

      <section aria-labelledby="unit-plans-heading">
        <h2 id="unit-plans-heading">{t("unit.plansHeading")}</h2>
        <dl className="figures">
          {PLAN_FIGURES.map((metric) => (
            <Figure key={metric} label={t(`dash.metric.${metric}`)} value={overview.plans[metric] ?? 0} href={listHref("planer", metric)} />
          ))}
          <Figure label={t("dash.metric.withoutMinutes")} value={overview.meetings.withoutMinutes} href={listHref("moter", LISTS.moter.metrics[0])} alarm />
        </dl>
      </section>

      <section aria-labelledby="unit-measures-heading">
        <h2 id="unit-measures-heading">{t("unit.measuresHeading")}</h2>
        <dl className="figures">
          <Figure label={t("dash.metric.evaluationOverdue")} value={overview.measures.evaluationOverdue} href={listHref("tiltak", "evaluationOverdue")} alarm />
        </dl>
      </section>

      {assessments ? <AssessmentFigures figures={assessments} listHref={(metric) => listHref("planer", metric)} /> : null}

      <section aria-labelledby="unit-coordinators-heading">
        <h2 id="unit-coordinators-heading">{t("unit.coordinatorsHeading")}</h2>
        {coordinators.length ? (
          <table className="responsive-table">
            <caption>{t("unit.coordinatorsCaption", { unit: unit.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("unit.coordinator")}</th>
                <th scope="col">{t("unit.activePlans")}</th>
                <th scope="col">{t("unit.inactive6Months")}</th>
                <th scope="col">{t("unit.evaluationsOverdue")}</th>
              </tr>
            </thead>
            <tbody>
              {coordinators.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label={t("unit.coordinator")}>
                    {c.name}
                    {c.title ? <span className="hint"> – {c.title}</span> : null}
                  </th>
                  <td data-label={t("unit.activePlans")}>{count(c.activePlans)}</td>
                  <td data-label={t("unit.inactive6Months")}>{count(c.inactive6Months)}</td>
                  <td data-label={t("unit.evaluationsOverdue")}>{count(c.evaluationsOverdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("unit.none")}</p>
        )}
      </section>
    </div>
  );
}
