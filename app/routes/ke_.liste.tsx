import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../domain/oslo-time.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt } from "../lib/call.server.ts";
import { filterFromSearch, isCaseMetric, isPlanMetric, searchFromFilter } from "../lib/dashboard-filter.ts";
import { loadCaseList, loadPlanList } from "../lib/dashboard-lists.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Liste – Koordinerende enhet" }];

const INACTIVE = ["inactive6Months", "inactive12Months"];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filter = filterFromSearch(params);
  const metric = params.get("tall");
  const { t } = createI18n(context.lang);
  const query = searchFromFilter(filter).toString();
  const mayAsk = Boolean(context.user?.roles.includes("KE_LEADER"));
  if (params.get("liste") === "planer" && isPlanMetric(metric)) {
    const { rows } = await loadPlanList(context, request, metric, filter, t);
    return json({ kind: "plans" as const, metric, plans: rows, cases: null, query, mayAsk: mayAsk && INACTIVE.includes(metric) });
  }
  if (params.get("liste") === "saker" && isCaseMetric(metric)) {
    const { rows } = await loadCaseList(context, request, metric, filter, t);
    return json({ kind: "cases" as const, metric, plans: null, cases: rows, query, mayAsk: false });
  }
  throw json({ message: "not found" }, { status: 404 });
}

/** The KE leader asks a plan's coordinator about an inactive plan. */
export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const planId = String(form.get("planId") ?? "");
  const result = await attempt(context, (caller) => caller.dashboard.askCoordinator({ planId }));
  if (!result.ok) return json({ error: result.error.message, askedPlanId: null }, { status: result.error.status });
  return json({ error: null, askedPlanId: planId });
}

export default function DashboardList() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const asked = useActionData<typeof action>();
  const exportHref = (format: "csv" | "xlsx") => {
    const params = new URLSearchParams(data.query);
    params.set("liste", data.kind === "plans" ? "planer" : "saker");
    params.set("tall", data.metric);
    params.set("format", format);
    return `/ke/eksport?${params}`;
  };
  const count = data.plans?.length ?? data.cases?.length ?? 0;
  return (
    <div className="page">
      <p>
        <Link to={`/ke${data.query ? `?${data.query}` : ""}`}>{t("dash.list.back")}</Link>
      </p>
      <h1>{t("dash.list.title", { metric: t(`dash.metric.${data.metric}`) })}</h1>
      <p>{t("dash.list.count", { count })}</p>
      <p className="button-row">
        <a href={exportHref("csv")} download>
          {t("dash.list.exportCsv")}
        </a>
        <a href={exportHref("xlsx")} download>
          {t("dash.list.exportXlsx")}
        </a>
      </p>
      {asked?.error ? (
        <p role="alert" className="alert alert-error">
          {asked.error}
        </p>
      ) : null}
      {asked?.askedPlanId ? (
        <p role="status" className="alert alert-success">
          {t("dash.list.asked")}
        </p>
      ) : null}
      {!count ? <p>{t("dash.list.none")}</p> : null}
      {data.plans?.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t(`dash.metric.${data.metric}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.owner")}</th>
              <th scope="col">{t("dash.list.status")}</th>
              <th scope="col">{t("dash.list.coordinator")}</th>
              <th scope="col">{t("dash.list.lastActivity")}</th>
              <th scope="col">{t("dash.list.nextReview")}</th>
              {data.mayAsk ? <th scope="col">{t("dash.list.ask")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.plans.map((plan) => (
              <tr key={plan.id}>
                <th scope="row" data-label={t("dash.list.owner")}>
                  <Link to={`/planer/${plan.id}`}>{plan.ownerName}</Link>
                </th>
                <td data-label={t("dash.list.status")}>{t(`plan.status.${plan.status}`)}</td>
                <td data-label={t("dash.list.coordinator")}>{plan.coordinator?.name ?? <span className="warning-text">{t("plan.noCoordinator")}</span>}</td>
                <td data-label={t("dash.list.lastActivity")}>{formatDate(plan.lastActivityAt, lang)}</td>
                <td data-label={t("dash.list.nextReview")}>{formatDate(plan.nextReviewAt, lang)}</td>
                {data.mayAsk ? (
                  <td data-label={t("dash.list.ask")}>
                    {plan.coordinator ? (
                      <Form method="post">
                        <input type="hidden" name="planId" value={plan.id} />
                        <button type="submit" className="button-secondary-dark">
                          {t("dash.list.ask")}
                          <span className="visually-hidden"> ({plan.ownerName})</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data.cases?.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t(`dash.metric.${data.metric}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.reference")}</th>
              <th scope="col">{t("dash.list.type")}</th>
              <th scope="col">{t("dash.list.subject")}</th>
              <th scope="col">{t("dash.list.received")}</th>
              <th scope="col">{t("dash.list.interimDue")}</th>
              <th scope="col">{t("dash.list.decisionDue")}</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label={t("dash.list.reference")}>
                  <Link to={`/saker/${c.id}`}>{c.reference}</Link>
                </th>
                <td data-label={t("dash.list.type")}>{t(`case.type.${c.type}`)}</td>
                <td data-label={t("dash.list.subject")}>{c.subjectName}</td>
                <td data-label={t("dash.list.received")}>{formatDate(c.receivedAt, lang)}</td>
                <td data-label={t("dash.list.interimDue")}>{formatDate(c.interimReplyDue, lang)}</td>
                <td data-label={t("dash.list.decisionDue")}>{formatDate(c.decisionDue, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
