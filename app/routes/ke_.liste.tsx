import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../domain/oslo-time.ts";
import { AVERAGE_MONTH_MS } from "../domain/working-days.ts";
import { createI18n } from "../i18n/i18n.ts";
import { redirectToLogin } from "../lib/call.server.ts";
import { formFieldName, runFormAction } from "../lib/form-action.server.ts";
import { text } from "../lib/form-values.ts";
import { filterFromSearch, isCaseMetric, isPlanMetric, searchFromFilter } from "../lib/dashboard-filter.ts";
import { loadCaseList, loadPlanList } from "../lib/dashboard-lists.server.ts";
import { useLang } from "../lib/use-lang.ts";
import { Disclosure, HintAndError } from "../components/form.tsx";
import { Receipt } from "../components/receipt.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm, type PageForm } from "../hooks/use-page-form.ts";

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
    // The question suggested for an inactive plan; the KE leader may change it before sending.
    const plans = rows.map((plan) => ({
      ...plan,
      suggestedQuestion: t("dashboard.inactiveQuestion", { months: Math.max(1, Math.floor((Date.now() - new Date(plan.lastActivityAt).getTime()) / AVERAGE_MONTH_MS)) }),
    }));
    return json({ kind: "plans" as const, metric, plans, cases: null, query, mayAsk: mayAsk && INACTIVE.includes(metric) });
  }
  if (params.get("liste") === "saker" && isCaseMetric(metric)) {
    const { rows } = await loadCaseList(context, request, metric, filter, t);
    return json({ kind: "cases" as const, metric, plans: null, cases: rows, query, mayAsk: false });
  }
  throw json({ message: "not found" }, { status: 404 });
}

/** The KE leader asks a plan's coordinator about an inactive plan, in words they may change. */
export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  const planId = text(form, "planId");
  return runFormAction(context, form, (caller) => caller.question.ask({ planId, text: text(form, "text") }), {
    fieldName: formFieldName(),
    onSuccess: () => {
      const url = new URL(request.url);
      url.searchParams.set("spurt", planId);
      return redirect(`${url.pathname}${url.search}`);
    },
  });
}

export default function DashboardList() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const ask = usePageForm("ask");
  const askedPlanId = search.get("spurt");
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
      <Receipt show={Boolean(askedPlanId)}>{t("questions.askedReceipt")}</Receipt>
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
                    {plan.openQuestionAt ? (
                      <p>
                        {t("questions.openSince", { date: formatDate(plan.openQuestionAt, lang) })}.{" "}
                        <Link to={`/planer/${plan.id}/sporsmal`}>
                          {t("questions.openThread")}
                          <span className="visually-hidden"> ({plan.ownerName})</span>
                        </Link>
                      </p>
                    ) : plan.coordinator ? (
                      <AskCoordinator plan={plan} coordinator={plan.coordinator.name} form={ask} />
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

/**
 * "Spør koordinatoren": a text to read and change first (the suggestion says how long the plan
 * has been quiet), sent by a second, explicit button that names the coordinator. What was typed
 * comes back with a refusal.
 */
function AskCoordinator({ plan, coordinator, form }: { plan: { id: string; ownerName: string; suggestedQuestion: string }; coordinator: string; form: PageForm }) {
  const { t } = useTranslation();
  const refused = form.result?.values?.planId === plan.id ? form.result : undefined;
  const id = `ask-${plan.id}`;
  return (
    <Disclosure
      open={Boolean(refused)}
      summary={
        <>
          {t("dash.list.ask")}
          <span className="visually-hidden"> ({plan.ownerName})</span>
        </>
      }
    >
      <Form method="post" className="stack">
        <input type="hidden" name="_formId" value="ask" />
        <input type="hidden" name="planId" value={plan.id} />
        {refused?.message ? (
          <p role="alert" className="alert alert-error">
            {refused.message}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={id}>
            {t("questions.askLabel")}
            <span className="visually-hidden"> ({plan.ownerName})</span>
          </label>
          <HintAndError id={id} hint={t("questions.askHint", { coordinator })} error={refused?.fieldErrors?.text} />
          <textarea id={id} name="text" rows={3} required defaultValue={refused?.values?.text ?? plan.suggestedQuestion} aria-describedby={`${id}-hint`} />
        </div>
        <SubmitButton form={form} busyText={t("questions.sending")}>
          {t("questions.askSend", { coordinator })}
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}
