import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { CaseFormElement } from "../components/case/case-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { RadioGroup, TextArea, TextField } from "../components/form.tsx";
import { formatDate, formatDateTime } from "../domain/oslo-time.ts";
import { usePageForm } from "../hooks/use-page-form.ts";
import { isOneOf, SELF_SERVICE_CASE_TYPES } from "../domain/lists.ts";
import { isUuid } from "../domain/ids.ts";
import { caseFormAction } from "../lib/case-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { FormRefusal } from "../lib/form-action.server.ts";
import { optionalText, text } from "../lib/form-values.ts";
import { hasRole } from "../lib/plan-page.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Søk om individuell plan – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const params = new URL(request.url).searchParams;
  // After sending: the receipt, read back from the case itself (so a reload shows it too).
  const sentId = params.get("sendt");
  const sent = isUuid(sentId) ? await load(context, request, (caller) => caller.case.byId({ caseId: sentId })) : null;
  const type = params.get("type") ?? "";
  return json({
    sent,
    isUser: hasRole(context, "USER"),
    isRelative: hasRole(context, "RELATIVE"),
    preselected: isOneOf(SELF_SERVICE_CASE_TYPES, type) ? type : undefined,
  });
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  const isUser = hasRole(context, "USER");
  const isRelative = hasRole(context, "RELATIVE");
  return caseFormAction(
    context,
    form,
    (caller) => {
      const type = text(form, "type");
      if (!isOneOf(SELF_SERVICE_CASE_TYPES, type)) throw new FormRefusal("apply.chooseType", "type");
      // A relative names the person; a service user applies for themselves unless they name someone.
      const subjectName = isRelative ? optionalText(form, "subjectName") : undefined;
      if (!isUser && !subjectName) throw new FormRefusal("case.subjectRequired", "subjectName");
      // Applying for someone else: their identity number finds the right person.
      const subjectIdentityNumber = subjectName ? optionalText(form, "subjectIdentityNumber") : undefined;
      if (subjectName && !subjectIdentityNumber) throw new FormRefusal("validation.required", "subjectIdentityNumber");
      return caller.case.create({ type, description: text(form, "description"), subjectName, subjectIdentityNumber });
    },
    { then: (created) => `/sok?sendt=${created.id}` },
  );
}

export default function Apply() {
  const { t } = useTranslation();
  const { sent, isUser, isRelative, preselected } = useLoaderData<typeof loader>();
  if (sent) return <Sent sent={sent} />;
  if (!isUser && !isRelative) {
    return (
      <div className="page narrow plain">
        <h1>{t("apply.title")}</h1>
        <p>{t("apply.notForYou")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow plain">
      <h1>{t("apply.title")}</h1>
      <p className="lead">{t("apply.intro")}</p>
      <ApplyForm isUser={isUser} isRelative={isRelative} preselected={preselected} />
      <section aria-labelledby="next-heading" className="card">
        <h2 id="next-heading">{t("apply.whatHappens")}</h2>
        <ol className="plain-list">
          <li>{t("apply.step1")}</li>
          <li>{t("apply.step2")}</li>
          <li>{t("apply.step3")}</li>
        </ol>
      </section>
    </div>
  );
}

function ApplyForm({ isUser, isRelative, preselected }: { isUser: boolean; isRelative: boolean; preselected?: string }) {
  const { t } = useTranslation();
  const form = usePageForm("apply");
  const forSomeoneElse = isRelative && !isUser;
  return (
    <div className="card">
      <CaseFormElement form={form} intent="apply">
        <RadioGroup
          form={form}
          name="type"
          legend={t("apply.whatLegend")}
          required
          defaultValue={preselected}
          options={SELF_SERVICE_CASE_TYPES.map((type) => ({ value: type, label: t(`apply.option.${type}`), hint: t(`apply.optionHint.${type}`) }))}
        />
        {isRelative ? (
          <TextField
            form={form}
            name="subjectName"
            label={forSomeoneElse ? t("apply.forWhom") : t("apply.forWhomOptional")}
            hint={forSomeoneElse ? t("apply.forWhomHint") : t("apply.forWhomOptionalHint")}
            required={forSomeoneElse}
            optional={!forSomeoneElse}
            autoComplete="off"
          />
        ) : null}
        {isRelative ? (
          <TextField
            form={form}
            name="subjectIdentityNumber"
            label={forSomeoneElse ? t("identity.label") : `${t("identity.label")} – ${t("casePerson.identityIfOther")}`}
            hint={t("casePerson.identityHintApply")}
            required={forSomeoneElse}
            optional={!forSomeoneElse}
          />
        ) : null}
        <TextArea
          form={form}
          name="description"
          label={forSomeoneElse ? t("apply.descriptionOther") : t("apply.description")}
          hint={t("apply.descriptionHint")}
          required
          rows={6}
        />
        {isUser ? <p className="hint">{t("apply.consentNote")}</p> : null}
        <SubmitButton form={form} busyText={t("apply.sending")}>
          {t("apply.submit")}
        </SubmitButton>
      </CaseFormElement>
    </div>
  );
}

function Sent({ sent }: { sent: { id: string; reference: string; type: string; receivedAt: string; decisionDue: string } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const heading = useRef<HTMLHeadingElement>(null);
  // The page changed under the person's feet: start reading from its heading.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="page narrow plain">
      <h1 ref={heading} tabIndex={-1}>
        {t("apply.sentTitle")}
      </h1>
      <div className="card receipt-card">
        <p className="lead">
          <strong>{t("apply.sentReference", { reference: sent.reference })}</strong>
        </p>
        <p>{t("apply.sentWhat", { type: t(`case.type.${sent.type}`), date: formatDateTime(sent.receivedAt, lang) })}</p>
        <p>{t("apply.sentDue", { date: formatDate(sent.decisionDue, lang) })}</p>
        <p>{t("apply.sentInterim")}</p>
        <p>{t("apply.sentFollow")}</p>
      </div>
      <nav aria-label={t("apply.nextLinks")} className="card big-links">
        <ul>
          <li>
            <Link to="/mine-saker">{t("apply.toMyCases")}</Link>
          </li>
          <li>
            <Link to="/sok">{t("apply.another")}</Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
