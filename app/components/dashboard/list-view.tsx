import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, formatMeetingStart } from "../../domain/oslo-time.ts";
import { formatNumber } from "../../domain/numbers.ts";
import type { listLoader } from "../../lib/dashboard-list-loaders.server.ts";
import { LISTS } from "../../lib/dashboard-filter.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Disclosure, HintAndError } from "../form.tsx";
import { Receipt } from "../receipt.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { usePageForm, type PageForm } from "../../hooks/use-page-form.ts";

// The list behind a figure, for the coordinating unit and the unit leader: the total, the rows of
// one page, sortable by the date columns (links, so it works without JavaScript), "Neste side"
// along the server's cursor, and the whole list as a file.

type Data = SerializeFrom<typeof listLoader>;

export function DashboardListView() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof listLoader>();
  const [search] = useSearchParams();
  const ask = usePageForm("ask");
  const { list, result, base } = data;
  const rows = result.page.rows;
  // Where this page starts in the list (display only; the cursor does the paging).
  const start = Math.max(1, Number(search.get("nr")) || 1);
  const title = t(`dash.metric.${list.metric}`);

  const href = (change: Record<string, string | null>) => listHref(base, data.listQuery, change);
  const exportHref = (format: "csv" | "xlsx") => {
    const params = new URLSearchParams(data.listQuery);
    params.set("format", format);
    return `${base}/eksport?${params}`;
  };
  const sorting = { list, base, listQuery: data.listQuery };
  const coordinatorCell = (coordinator: { name: string } | null) => coordinator?.name ?? <span className="warning-text">{t("plan.noCoordinator")}</span>;

  return (
    <div className="page">
      <p>
        <Link to={`${base}${data.filterQuery ? `?${data.filterQuery}` : ""}`}>{t("dash.list.back")}</Link>
      </p>
      <h1>{t("dash.list.title", { metric: title })}</h1>
      <p>
        {rows.length
          ? t("dash.list.total", { total: formatNumber(result.page.total, lang), from: formatNumber(start, lang), to: formatNumber(start + rows.length - 1, lang) })
          : t("dash.list.none")}
      </p>
      <p className="button-row">
        <a href={exportHref("csv")} download>
          {t("dash.list.exportCsv")}
        </a>
        <a href={exportHref("xlsx")} download>
          {t("dash.list.exportXlsx")}
        </a>
      </p>
      {LISTS[list.kind].sorts.length > 1 && rows.length > 1 ? <SortForm list={list} listQuery={data.listQuery} base={base} /> : null}
      <Receipt show={Boolean(search.get("spurt"))}>{t("questions.askedReceipt")}</Receipt>

      {result.kind === "planer" && rows.length && base === "/ke" ? <p className="hint">{t("ke.openHint")}</p> : null}
      {result.kind === "planer" && rows.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.owner")}</th>
              <th scope="col">{t("dash.list.status")}</th>
              <th scope="col">{t("dash.list.coordinator")}</th>
              <ColumnHeader {...sorting} sort="lastActivity">{t("dash.list.lastActivity")}</ColumnHeader>
              <ColumnHeader {...sorting} sort="nextReview">{t("dash.list.nextReview")}</ColumnHeader>
              <ColumnHeader {...sorting} sort="evaluationDue">{t("dash.list.evaluationDue")}</ColumnHeader>
              {list.metric === "withoutMeeting" ? (
                <>
                  <th scope="col">{t("meetings.dash.lastMeeting")}</th>
                  <th scope="col">{t("meetings.dash.nextMeeting")}</th>
                </>
              ) : null}
              {data.mayAsk ? <th scope="col">{t("dash.list.ask")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {result.page.rows.map((plan) => (
              <tr key={plan.id}>
                <th scope="row" data-label={t("dash.list.owner")}>
                  <Link to={`/planer/${plan.id}`}>{plan.ownerName}</Link>
                </th>
                <td data-label={t("dash.list.status")}>{t(`plan.status.${plan.status}`)}</td>
                <td data-label={t("dash.list.coordinator")}>{coordinatorCell(plan.coordinator)}</td>
                <td data-label={t("dash.list.lastActivity")}>{formatDate(plan.lastActivityAt, lang)}</td>
                <td data-label={t("dash.list.nextReview")}>{formatDate(plan.nextReviewAt, lang)}</td>
                <td data-label={t("dash.list.evaluationDue")}>{formatDate(plan.openEvaluationDue, lang)}</td>
                {list.metric === "withoutMeeting" ? (
                  <>
                    <td data-label={t("meetings.dash.lastMeeting")}>{plan.lastMeetingAt ? formatDate(plan.lastMeetingAt, lang) : t("meetings.dash.never")}</td>
                    <td data-label={t("meetings.dash.nextMeeting")}>{plan.nextMeetingAt ? formatMeetingStart(plan.nextMeetingAt, lang) : t("meetings.dash.noneBooked")}</td>
                  </>
                ) : null}
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
                      <AskCoordinator plan={plan} suggestion={data.suggestions[plan.id] ?? ""} coordinator={plan.coordinator.name} form={ask} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {result.kind === "saker" && rows.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.reference")}</th>
              <th scope="col">{t("dash.list.type")}</th>
              <th scope="col">{t("dash.list.subject")}</th>
              <ColumnHeader {...sorting} sort="received">{t("dash.list.received")}</ColumnHeader>
              <th scope="col">{t("dash.list.interimDue")}</th>
              <ColumnHeader {...sorting} sort="decisionDue">{t("dash.list.decisionDue")}</ColumnHeader>
            </tr>
          </thead>
          <tbody>
            {result.page.rows.map((c) => (
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

      {result.kind === "moter" && rows.length ? (
        <>
          <p className="hint">{t("meetings.dash.withoutMinutesHint")}</p>
          <table className="responsive-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.dash.meetingTime")}</th>
                <th scope="col">{t("dash.list.owner")}</th>
                <th scope="col">{t("dash.list.coordinator")}</th>
                <th scope="col">{t("meetings.dash.missing")}</th>
              </tr>
            </thead>
            <tbody>
              {result.page.rows.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label={t("meetings.dash.meetingTime")}>
                    {formatMeetingStart(m.startsAt, lang)}
                  </th>
                  <td data-label={t("dash.list.owner")}>
                    <Link to={`/planer/${m.planId}#moter`}>{m.ownerName}</Link>
                  </td>
                  <td data-label={t("dash.list.coordinator")}>{coordinatorCell(m.coordinator)}</td>
                  <td data-label={t("meetings.dash.missing")}>{m.attendanceRecordedAt ? t("meetings.dash.notApproved") : t("meetings.dash.noAttendance")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {result.kind === "tiltak" && rows.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.owner")}</th>
              <th scope="col">{t("dash.list.responsible")}</th>
              <th scope="col">{t("dash.list.evaluationDue")}</th>
              <th scope="col">{t("dash.list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {result.page.rows.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t("dash.list.owner")}>
                  <Link to={`/planer/${m.planId}`}>{m.ownerName}</Link>
                </th>
                <td data-label={t("dash.list.responsible")}>{m.responsibleUser?.name ?? t("measure.noResponsible")}</td>
                <td data-label={t("dash.list.evaluationDue")}>{formatDate(m.evaluationDate, lang)}</td>
                <td data-label={t("dash.list.status")}>{t(`measure.status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {result.page.nextCursor || start > 1 ? (
        <nav aria-label={t("dash.list.pages")} className="button-row">
          {start > 1 ? <Link to={href({ etter: null, nr: null })}>{t("dash.list.first")}</Link> : null}
          {result.page.nextCursor ? <Link to={href({ etter: result.page.nextCursor, nr: String(start + rows.length) })}>{t("dash.list.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

/** The address of this list with some parameters changed (null: left out). */
function listHref(base: string, listQuery: string, change: Record<string, string | null>) {
  const params = new URLSearchParams(listQuery);
  for (const [key, value] of Object.entries(change)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return `${base}/liste?${params}`;
}

/** A column header; a date the list can be sorted by is a link: first ascending, then descending. */
function ColumnHeader({ sort, list, base, listQuery, children }: { sort: string; list: Data["list"]; base: string; listQuery: string; children: ReactNode }) {
  const { t } = useTranslation();
  const sorts = LISTS[list.kind].sorts as readonly string[];
  if (!sorts.includes(sort) || sorts.length < 2) return <th scope="col">{children}</th>;
  const active = list.sort === sort;
  const next = active && list.direction === "asc" ? "synkende" : null;
  return (
    <th scope="col" aria-sort={active ? (list.direction === "asc" ? "ascending" : "descending") : "none"}>
      <Link to={listHref(base, listQuery, { sortering: sort, retning: next })}>
        {children}
        <span className="visually-hidden"> ({t("dash.list.sortBy", { direction: t(next ? "dash.list.descending" : "dash.list.ascending") })})</span>
        {active ? <span aria-hidden="true">{list.direction === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

/** The list's order as a small form: on a phone the table's headers are not shown, and it works without JavaScript. */
function SortForm({ list, listQuery, base }: { list: Data["list"]; listQuery: string; base: string }) {
  const { t } = useTranslation();
  // Everything but the sort itself rides along as hidden fields.
  const kept = [...new URLSearchParams(listQuery)].filter(([key]) => key !== "sortering" && key !== "retning");
  return (
    <Form method="get" action={`${base}/liste`} className="sort-form" aria-label={t("dash.list.sortForm")}>
      {kept.map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="field">
        <label htmlFor="sortering">{t("dash.list.sortColumn")}</label>
        <select id="sortering" name="sortering" defaultValue={list.sort}>
          {LISTS[list.kind].sorts.map((sort) => (
            <option key={sort} value={sort}>
              {t(`dash.list.sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="retning">{t("dash.list.sortDirection")}</label>
        <select id="retning" name="retning" defaultValue={list.direction === "desc" ? "synkende" : "stigende"}>
          <option value="stigende">{t("dash.list.ascending")}</option>
          <option value="synkende">{t("dash.list.descending")}</option>
        </select>
      </div>
      <button type="submit" className="button-secondary">
        {t("dash.list.sortApply")}
      </button>
    </Form>
  );
}

/**
 * "Spør koordinatoren": a text to read and change first (the suggestion says how long the plan
 * has been quiet), sent by a second, explicit button that names the coordinator. What was typed
 * comes back with a refusal.
 */
function AskCoordinator({ plan, suggestion, coordinator, form }: { plan: { id: string; ownerName: string }; suggestion: string; coordinator: string; form: PageForm }) {
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
          <textarea id={id} name="text" rows={3} required defaultValue={refused?.values?.text ?? suggestion} aria-describedby={`${id}-hint`} />
        </div>
        <SubmitButton form={form} busyText={t("questions.sending")}>
          {t("questions.askSend", { coordinator })}
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}
