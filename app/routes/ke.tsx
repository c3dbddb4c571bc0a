import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AssessmentFigures, RegisterExportLinks } from "../components/dashboard/assessment-figures.tsx";
import { BarTable, Figure } from "../components/dashboard/figure.tsx";
import { MeetingFigures } from "../components/dashboard/meeting-figures.tsx";
import { TrendsSection } from "../components/dashboard/trends-section.tsx";
import { CASE_TYPES } from "../domain/lists.ts";
import { formatNumber } from "../domain/numbers.ts";
import { formatDate, formatMonth } from "../domain/oslo-time.ts";
import { useSocketRevalidate } from "../hooks/use-socket-revalidate.ts";
import { load } from "../lib/call.server.ts";
import { CASE_METRICS, filterFromSearch, PLAN_METRICS, searchFromFilter, type ListKind } from "../lib/dashboard-filter.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Koordinerende enhet – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const filter = filterFromSearch(new URL(request.url).searchParams);
  return json(
    await load(context, request, async (caller) => {
      const [overview, units, trends, assessments] = await Promise.all([
        caller.dashboard.overview(filter as never),
        caller.unit.names(),
        caller.dashboard.trends(filter as never),
        caller.dashboard.assessments(filter as never),
      ]);
      return {
        overview,
        trends,
        assessments,
        units,
        filter,
        municipality: context.user!.municipalityName,
        // The register export is the KE leader's alone (the procedure refuses everyone else too).
        mayExportRegister: context.user!.roles.includes("KE_LEADER"),
      };
    }),
  );
}

export default function KeDashboard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview, trends, assessments, units, filter, municipality, mayExportRegister } = useLoaderData<typeof loader>();
  // Counters follow changes in the municipality, at most every 2 s.
  useSocketRevalidate("dashboard:changed", 2000);
  const query = searchFromFilter(filter);
  // Publication mode names nobody: no list behind a figure.
  const listHref = (kind: ListKind, metric: string) => {
    if (filter.publication) return null;
    const params = new URLSearchParams(query);
    params.set("liste", kind);
    params.set("tall", metric);
    return `/ke/liste?${params}`;
  };
  const p = overview.plans;
  const c = overview.cases;
  return (
    <div className="page">
      <h1>{t("dash.title")}</h1>
      <p>{t(filter.publication ? "dash.introPublication" : "dash.intro", { municipality, date: formatDate(overview.today, lang) })}</p>

      <Form method="get" className="card filter-form" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("dash.filters")}</h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="fra">{t("dash.from")}</label>
            <input id="fra" name="fra" type="date" defaultValue={filter.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="til">{t("dash.to")}</label>
            <input id="til" name="til" type="date" defaultValue={filter.to ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="enhet">{t("dash.unit")}</label>
            <select id="enhet" name="enhet" defaultValue={filter.unitId ?? ""}>
              <option value="">{t("dash.allUnits")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="type">{t("dash.caseType")}</label>
            <select id="type" name="type" defaultValue={filter.caseType ?? ""}>
              <option value="">{t("dash.allCaseTypes")}</option>
              {CASE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`case.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="checkbox-field">
          <input id="publisering" name="publisering" type="checkbox" value="1" defaultChecked={filter.publication} />
          <label htmlFor="publisering">{t("dash.publication")}</label>
        </div>
        <button type="submit" className="button-primary">
          {t("dash.apply")}
        </button>
      </Form>

      <section aria-labelledby="plans-activity-heading">
        <h2 id="plans-activity-heading">{t("dash.plansHeading")}</h2>
        <dl className="figures">
          {PLAN_METRICS.map((metric) => (
            <Figure
              key={metric}
              label={t(`dash.metric.${metric}`)}
              value={p[metric]}
              href={listHref("planer", metric)}
              alarm={metric === "withoutCoordinator"}
            />
          ))}
        </dl>
        {p.userWrittenGoalsShare !== null ? <p>{t("dash.userGoalsShare", { share: p.userWrittenGoalsShare })}</p> : null}
        <MeetingFigures withoutMinutes={overview.meetings.withoutMinutes} withoutMeeting={p.withoutMeeting} query={filter.publication ? null : query} />
      </section>

      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">{t("dash.casesHeading")}</h2>
        <dl className="figures">
          {CASE_METRICS.map((metric) => (
            <Figure
              key={metric}
              label={t(`dash.metric.${metric}`)}
              value={c[metric]}
              href={listHref("saker", metric)}
              alarm={metric === "interimOverdue" || metric === "decisionOverdue"}
            />
          ))}
        </dl>
        <BarTable
          caption={t("dash.openByAge")}
          labelHeader={t("dash.ageBucket")}
          valueHeader={t("dash.count")}
          rows={c.openByAge.map((row) => ({ label: row.bucket, value: row.count }))}
        />
        <table className="responsive-table">
          <caption>{t("dash.processing")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.month")}</th>
              <th scope="col">{t("dash.decided")}</th>
              <th scope="col">{t("dash.median")}</th>
              <th scope="col">{t("dash.p90")}</th>
            </tr>
          </thead>
          <tbody>
            {c.processingTimes.length ? (
              c.processingTimes.map((row) => (
                <tr key={row.month}>
                  <th scope="row" data-label={t("dash.month")}>
                    {formatMonth(row.month, lang)}
                  </th>
                  <td data-label={t("dash.decided")}>{row.decided === null ? t("dash.hidden") : formatNumber(row.decided, lang)}</td>
                  <td data-label={t("dash.median")}>{row.medianDays === null ? t("dash.hidden") : formatNumber(row.medianDays, lang)}</td>
                  <td data-label={t("dash.p90")}>{row.p90Days === null ? t("dash.hidden") : formatNumber(row.p90Days, lang)}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={4}>{t("dash.noDecisions")}</td>
              </tr>
            )}
          </tbody>
        </table>
        {filter.publication ? (
          <p>
            {t("dash.loadPerOfficer")}: {t("dash.publicationNoNames")}
          </p>
        ) : (
          <BarTable
            caption={t("dash.loadPerOfficer")}
            labelHeader={t("dash.officer")}
            valueHeader={t("dash.count")}
            rows={c.loadPerOfficer.map((row) => ({ label: row.name ?? t("dash.unassigned"), value: row.open }))}
          />
        )}
      </section>

      <section aria-labelledby="coordinators-heading">
        <h2 id="coordinators-heading">{t("dash.coordinatorsHeading")}</h2>
        <p>{t("dash.perUnitInTrends")}</p>
        {filter.publication ? (
          <p>
            {t("dash.perCoordinator")}: {t("dash.publicationNoNames")}
          </p>
        ) : (
          <BarTable
            caption={t("dash.perCoordinator")}
            labelHeader={t("dash.coordinator")}
            valueHeader={t("dash.plans")}
            rows={overview.coordinators.perCoordinator.map((row) => ({ label: row.name, value: row.plans }))}
          />
        )}
        <p>
          {t("dash.changes", {
            plans: overview.coordinators.plansWithChanges ?? t("dash.hidden"),
            changes: overview.coordinators.changes ?? t("dash.hidden"),
          })}
        </p>
      </section>

      <AssessmentFigures figures={assessments} listHref={(metric) => listHref("planer", metric)} />
      {mayExportRegister ? <RegisterExportLinks /> : null}

      <TrendsSection trends={trends} filter={filter} />

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t("dash.allPlansHeading")}</h2>
        <dl className="figures">
          <Figure label={t("dash.metric.allPlans")} value={p.allPlans} href={listHref("planer", "allPlans")} />
        </dl>
      </section>
    </div>
  );
}
