import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { CaseStatusBadge, DeadlineFlag } from "../components/case/case-bits.tsx";
import { CaseFormElement } from "../components/case/case-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { Disclosure, RadioGroup, SelectField, TextArea, TextField } from "../components/form.tsx";
import { formatDate, osloDateTimeToIso, osloNow } from "../domain/oslo-time.ts";
import { usePageForm } from "../hooks/use-page-form.ts";
import { CASE_TYPES, isOneOf, KE_ROLES, MANUAL_CASE_CHANNELS } from "../domain/lists.ts";
import { caseFormAction } from "../lib/case-actions.server.ts";
import { CASE_LIST_STATUSES, type CaseListRow } from "../lib/case-types.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { FormRefusal } from "../lib/form-action.server.ts";
import { optionalText, text } from "../lib/form-values.ts";
import { hasRole } from "../lib/plan-page.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Saker – Individuell plan" }];

function requireKe(context: LoaderFunctionArgs["context"], request: Request) {
  if (!context.user) throw redirectToLogin(request);
  if (!hasRole(context, ...KE_ROLES)) throw json({ message: "forbidden" }, { status: 403 });
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireKe(context, request);
  const params = new URL(request.url).searchParams;
  const status = (CASE_LIST_STATUSES as readonly string[]).includes(params.get("status") ?? "") ? (params.get("status") as "OPEN") : "OPEN";
  const type = params.get("type") ?? "";
  const caseType = isOneOf(CASE_TYPES, type) ? type : undefined;
  const mine = params.get("mine") === "1";
  const cases = await load(context, request, (caller) =>
    caller.case.list({ status, type: caseType, assignedToId: mine ? context.user!.id : undefined }),
  );
  return json({
    cases,
    filters: { status, type: caseType ?? "", mine },
    municipality: context.user!.municipalityName,
    now: osloNow(),
  });
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireKe(context, request);
  const form = await request.formData();
  return caseFormAction(
    context,
    form,
    (caller) => {
      const type = text(form, "type");
      if (!isOneOf(CASE_TYPES, type)) throw new FormRefusal("validation.required", "type");
      const channel = text(form, "channel");
      if (!isOneOf(MANUAL_CASE_CHANNELS, channel)) throw new FormRefusal("validation.required", "channel");
      const receivedAt = osloDateTimeToIso(text(form, "receivedDate"), text(form, "receivedTime"));
      if (!receivedAt) throw new FormRefusal("cases.dateTimeInvalid", "receivedDate");
      return caller.case.create({
        type,
        channel,
        receivedAt,
        subjectName: text(form, "subjectName").trim(),
        subjectIdentityNumber: optionalText(form, "subjectIdentityNumber"),
        description: text(form, "description"),
      });
    },
    { then: (created) => `/saker/${created.id}?lagret=register`, fieldAliases: { receivedAt: "receivedDate" } },
  );
}

/** The coordinating unit's cases: filters, deadlines flagged in words, and intake of paper and phone cases. */
export default function Cases() {
  const { t } = useTranslation();
  const { cases, filters, municipality } = useLoaderData<typeof loader>();
  const decisionOverdue = cases.filter((c) => c.decisionOverdue).length;
  const interimOverdue = cases.filter((c) => c.interimOverdue).length;
  const dueSoon = cases.filter((c) => c.dueWithin7Days).length;
  return (
    <div className="page">
      <h1>{t("cases.title")}</h1>
      <p>{t("cases.intro", { municipality })}</p>

      <RegisterCase />

      <section aria-labelledby="filters-heading" className="card">
        <h2 id="filters-heading">{t("cases.filters")}</h2>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="filter-status">{t("cases.statusFilter")}</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              {CASE_LIST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.statusOption.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-type">{t("cases.typeFilter")}</label>
            <select id="filter-type" name="type" defaultValue={filters.type}>
              <option value="">{t("cases.allTypes")}</option>
              {CASE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`case.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox filter-check">
            <input id="filter-mine" type="checkbox" name="mine" value="1" defaultChecked={filters.mine} />
            <label htmlFor="filter-mine">{t("cases.mineOnly")}</label>
          </div>
          <button type="submit" className="button-secondary">
            {t("cases.filterSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="visually-hidden">
          {t("cases.title")}
        </h2>
        {decisionOverdue || interimOverdue || dueSoon ? (
          <div className="alert alert-warning">
            {decisionOverdue ? <p>{t("cases.decisionOverdue", { count: decisionOverdue })}</p> : null}
            {interimOverdue ? <p>{t("cases.interimOverdue", { count: interimOverdue })}</p> : null}
            {dueSoon ? <p>{t("cases.dueSoon", { count: dueSoon })}</p> : null}
          </div>
        ) : null}
        {cases.length ? <CaseTable cases={cases} /> : <p>{t("cases.none")}</p>}
      </section>
    </div>
  );
}

function CaseTable({ cases }: { cases: CaseListRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const col = {
    reference: t("caseUi.reference"),
    type: t("caseUi.type"),
    subject: t("caseUi.subject"),
    received: t("caseUi.received"),
    interimDue: t("caseUi.interimDue"),
    decisionDue: t("caseUi.decisionDue"),
    assignedTo: t("caseUi.assignedTo"),
    status: t("caseUi.statusLabel"),
  };
  return (
    <table className="responsive-table case-table">
      <caption>{t("cases.caption", { count: cases.length })}</caption>
      <thead>
        <tr>
          {Object.values(col).map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} className={c.decisionOverdue || c.interimOverdue ? "row-overdue" : c.dueWithin7Days ? "row-attention" : undefined}>
            <th scope="row" data-label={col.reference}>
              <Link to={`/saker/${c.id}`} aria-label={t("cases.openCase", { reference: c.reference })}>
                {c.reference}
              </Link>
            </th>
            <td data-label={col.type}>
              {t(`case.type.${c.type}`)}
              {c.channel !== "PORTAL" ? <span className="hint cell-detail">{t(`caseUi.channel.${c.channel}`)}</span> : null}
            </td>
            <td data-label={col.subject}>{c.subjectName}</td>
            <td data-label={col.received}>{formatDate(c.receivedAt, lang)}</td>
            <td data-label={col.interimDue}>
              {formatDate(c.interimReplyDue, lang)}
              {c.interimReplySentAt ? <span className="hint cell-detail">{t("caseUi.sentOn", { date: formatDate(c.interimReplySentAt, lang) })}</span> : null}
              {c.interimOverdue ? <DeadlineFlag flag="interimOverdue" /> : null}
            </td>
            <td data-label={col.decisionDue}>
              {formatDate(c.decisionDue, lang)}
              {c.decisionOverdue ? <DeadlineFlag flag="decisionOverdue" /> : null}
              {c.dueWithin7Days ? <DeadlineFlag flag="dueWithin7Days" /> : null}
            </td>
            <td data-label={col.assignedTo}>{c.assignedTo?.name || <span className="empty-inline">{t("caseUi.notAssigned")}</span>}</td>
            <td data-label={col.status}>
              <CaseStatusBadge status={c.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Intake of what came on paper or by phone: the received time (Norwegian clock) starts the deadlines. */
function RegisterCase() {
  const { t } = useTranslation();
  const { now } = useLoaderData<typeof loader>();
  const form = usePageForm("register");
  return (
    <Disclosure summary={t("cases.register")} open={Boolean(form.result)}>
      <p className="hint">{t("cases.registerHint")}</p>
      <CaseFormElement form={form} intent="register">
        <div className="grid-2">
          <SelectField
            form={form}
            name="type"
            label={t("caseUi.type")}
            required
            empty={t("form.choose")}
            options={CASE_TYPES.map((type) => ({ value: type, label: t(`case.type.${type}`) }))}
          />
          <RadioGroup
            form={form}
            name="channel"
            legend={t("cases.channelLegend")}
            required
            defaultValue="PAPER"
            options={MANUAL_CASE_CHANNELS.map((channel) => ({ value: channel, label: t(`caseUi.channel.${channel}`) }))}
          />
          <TextField form={form} name="receivedDate" type="date" label={t("cases.receivedDate")} required defaultValue={now.date} />
          <TextField form={form} name="receivedTime" type="time" label={t("cases.receivedTime")} hint={t("cases.receivedTimeHint")} required defaultValue={now.time} />
        </div>
        <TextField form={form} name="subjectName" label={t("cases.subjectName")} hint={t("cases.subjectHint")} required />
        <TextField form={form} name="subjectIdentityNumber" label={t("identity.label")} hint={t("casePerson.identityHint")} optional />
        <TextArea form={form} name="description" label={t("cases.description")} hint={t("cases.descriptionHint")} required rows={4} />
        <SubmitButton form={form}>{t("cases.registerSubmit")}</SubmitButton>
      </CaseFormElement>
    </Disclosure>
  );
}
