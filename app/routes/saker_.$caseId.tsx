import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseStatusBadge, DeadlineFlag, Letter } from "../components/case/case-bits.tsx";
import { CaseFormElement, CaseSubmit, Receipt } from "../components/case/case-form.tsx";
import { PublicCase } from "../components/case/public-case.tsx";
import { CheckboxField, Disclosure, RadioGroup, SelectField, TextArea } from "../components/form.tsx";
import { Prose } from "../components/plan/shared.tsx";
import { useCaseForm } from "../hooks/use-case-form.ts";
import { createI18n } from "../i18n/i18n.ts";
import { caseFormAction, CaseFormRefusal, idParam } from "../lib/case-actions.server.ts";
import {
  CASE_OUTCOMES,
  COORDINATOR_OPTIONAL,
  COORDINATOR_REQUIRED,
  isOpenStatus,
  isOutcome,
  type CaseDetailView,
  type CaseInternalView,
} from "../lib/case-types.ts";
import { attempt, load, redirectToLogin } from "../lib/call.server.ts";
import type { FormResult } from "../lib/form-result.ts";
import { formatDate, formatDateTime } from "../lib/format.ts";
import { optionalText, text } from "../lib/form-values.ts";
import { optional } from "../lib/plan-page.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Sak – Individuell plan" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const caseId = idParam(params.caseId);
  const found = await load(context, request, (caller) => caller.case.byId({ caseId }));
  // The person it is about, or who sent it: the public part only (the server decides).
  if (!found.internal) return json({ kind: "public" as const, item: found });
  const open = isOpenStatus(found.internal.status);
  const wantsCoordinator = open && [...COORDINATOR_REQUIRED, ...COORDINATOR_OPTIONAL].includes(found.type);
  // "?person=" searches for the account of the person a by-name case is about.
  const personQuery = new URL(request.url).searchParams.get("person")?.trim() ?? "";
  const needsAccount = open && !found.internal.subjectUserId;
  const [officers, candidates, documents, people] = await Promise.all([
    open ? optional(context.caller.case.officers()) : null,
    wantsCoordinator ? optional(context.caller.coordinator.candidates()) : null,
    context.caller.case.documents({ caseId }),
    needsAccount && personQuery.length >= 2 ? optional(context.caller.case.findPerson({ query: personQuery })) : null,
  ]);
  return json({
    kind: "ke" as const,
    item: found,
    internal: found.internal,
    officers: officers ?? [],
    candidates: candidates ?? [],
    documents,
    link: needsAccount ? { query: personQuery, people } : null,
    me: context.user!.id,
    // The letter goes to a Norwegian citizen: the default complaint text is always in bokmål.
    complaintDefault: createI18n("nb").t("case.complaintInfoDefault"),
  });
}

/** A file from the upload form, checked, then handed to case.addDocument as base64. */
async function uploadDocument(context: ActionFunctionArgs["context"], caseId: string, form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || file.size > 10 * 1024 * 1024) {
    return json({ documentError: createI18n(context.lang).t("case.documentTooLarge") }, { status: 400 });
  }
  const result = await attempt(context, async (caller) =>
    caller.case.addDocument({
      caseId,
      name: file.name.slice(0, 200) || "dokument",
      mimeType: file.type || "application/octet-stream",
      contentBase64: Buffer.from(await file.arrayBuffer()).toString("base64"),
    }),
  );
  if (!result.ok) return json({ documentError: result.error.message }, { status: result.error.status });
  return redirect(`/saker/${caseId}?lagret=document#dokumenter`);
}

const ANCHORS: Record<string, string> = { assign: "saksbehandler", note: "notater", interim: "forelopig-svar", decide: "avgjorelse", close: "avslutt" };

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const caseId = idParam(params.caseId);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "document") return uploadDocument(context, caseId, form);
  if (intent === "link") {
    const result = await attempt(context, (caller) => caller.case.linkSubject({ caseId, version: Number(text(form, "version")), userId: text(form, "userId") }));
    if (!result.ok) return json({ linkError: result.error.message }, { status: result.error.status });
    return redirect(`/saker/${caseId}?lagret=link`);
  }
  const version = Number(text(form, "version"));
  const back = () => `/saker/${caseId}?lagret=${intent}#${ANCHORS[intent] ?? ""}`;
  return caseFormAction(
    context,
    form,
    async (caller): Promise<unknown> => {
      switch (intent) {
        case "assign":
          return caller.case.assign({ caseId, version, officerId: text(form, "officerId") });
        case "note":
          return caller.case.addNote({ caseId, body: text(form, "body") });
        case "interim":
          return caller.case.sendInterimReply({ caseId, version, reason: optionalText(form, "reason") });
        case "decide": {
          const outcome = text(form, "outcome");
          if (!isOutcome(outcome)) throw new CaseFormRefusal("validation.required", "outcome");
          return caller.case.decide({
            caseId,
            version,
            outcome,
            grounds: text(form, "grounds"),
            complaintInfo: optionalText(form, "complaintInfo"),
            coordinatorId: optionalText(form, "coordinatorId"),
            handoverNote: optionalText(form, "handoverNote"),
          });
        }
        case "close":
          // Closing an undecided case (withdrawn, not to be considered) must be meant.
          if (text(form, "undecided") === "yes" && text(form, "confirm") !== "yes") throw new CaseFormRefusal("caseDetail.closeConfirmRequired", "confirm");
          return caller.case.close({ caseId, version });
        default:
          throw new CaseFormRefusal("errors.code.BAD_REQUEST");
      }
    },
    { then: back },
  );
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (data.kind === "public") {
    return (
      <div className="page narrow plain">
        <p>
          <Link to="/mine-saker">{t("myCases.back")}</Link>
        </p>
        <PublicCase item={data.item} level={1} />
      </div>
    );
  }
  return <CaseWorkspace {...data} />;
}

interface WorkspaceProps {
  item: CaseDetailView;
  internal: CaseInternalView;
  officers: { id: string; name: string }[];
  candidates: { id: string; name: string; title: string | null; unit: { name: string } | null }[];
  me: string;
  complaintDefault: string;
  documents: { id: string; name: string; size: number; createdAt: string }[];
  link: { query: string; people: { id: string; name: string; email: string }[] | null } | null;
}

function CaseWorkspace({ item, internal, officers, candidates, me, complaintDefault, documents, link }: WorkspaceProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const refused = useActionData<FormResult>();
  const saved = refused ? null : params.get("lagret");
  const open = isOpenStatus(internal.status);
  const flags = (["decisionOverdue", "interimOverdue", "dueWithin7Days"] as const).filter((f) => internal[f]);
  return (
    <div className="page case-page">
      <p>
        <Link to="/saker">{t("caseDetail.back")}</Link>
      </p>
      <header className="card">
        <h1>{t("myCases.caseHeading", { type: t(`case.type.${item.type}`), reference: item.reference })}</h1>
        <p>
          <CaseStatusBadge status={internal.status} />
        </p>
        {flags.length ? (
          <ul className="flag-list">
            {flags.map((f) => (
              <li key={f}>
                <DeadlineFlag flag={f} />
              </li>
            ))}
          </ul>
        ) : null}
        <Receipt show={saved === "register"}>{t("cases.registered", { reference: item.reference })}</Receipt>
      </header>

      <div className="case-columns">
        <div>
          <section aria-labelledby="facts-heading" className="card">
            <h2 id="facts-heading">{t("caseDetail.facts")}</h2>
            <dl className="facts">
              <div className="facts-row">
                <dt>{t("caseUi.reference")}</dt>
                <dd>{item.reference}</dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.type")}</dt>
                <dd>{t(`case.type.${item.type}`)}</dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.subject")}</dt>
                <dd>{item.subjectName}</dd>
              </div>
              {internal.planId ? (
                <div className="facts-row">
                  <dt>{t("caseUi.plan")}</dt>
                  <dd>
                    <Link to={`/planer/${internal.planId}`}>{t("caseUi.openPlan")}</Link>
                  </dd>
                </div>
              ) : null}
              <div className="facts-row">
                <dt>{t("caseUi.channelLabel")}</dt>
                <dd>{t(`caseUi.channel.${internal.channel}`)}</dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.received")}</dt>
                <dd>{formatDateTime(item.receivedAt, lang)}</dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.description")}</dt>
                <dd>
                  <Prose text={item.description} />
                </dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="deadlines-heading" className="card">
            <h2 id="deadlines-heading">{t("caseDetail.deadlines")}</h2>
            <dl className="facts">
              <div className="facts-row">
                <dt>{t("caseUi.interimDue")}</dt>
                <dd>
                  {formatDate(internal.interimReplyDue, lang)}
                  {item.interimReplySentAt ? <span className="cell-detail">{t("caseDetail.interimSentAt", { date: formatDateTime(item.interimReplySentAt, lang) })}</span> : null}
                  {internal.interimOverdue ? <DeadlineFlag flag="interimOverdue" /> : null}
                </dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.decisionDue")}</dt>
                <dd>
                  {formatDate(item.decisionDue, lang)}
                  {internal.decisionOverdue ? <DeadlineFlag flag="decisionOverdue" /> : null}
                  {internal.dueWithin7Days ? <DeadlineFlag flag="dueWithin7Days" /> : null}
                </dd>
              </div>
              <div className="facts-row">
                <dt>{t("caseUi.formalDecision")}</dt>
                <dd>{internal.formalDecision ? t("caseUi.yes") : t("caseUi.no")}</dd>
              </div>
            </dl>
          </section>

          <AssignSection internal={internal} officers={officers} me={me} open={open} saved={saved === "assign"} />
          <NotesSection internal={internal} saved={saved === "note"} />
          <DocumentsSection caseId={item.id} documents={documents} saved={saved === "document"} />
          {link ? <LinkSubjectSection subjectName={item.subjectName} version={internal.version} link={link} /> : null}
        </div>
        <div>
          <InterimSection item={item} internal={internal} open={open} saved={saved === "interim"} />
          <DecisionSection item={item} internal={internal} open={open} candidates={candidates} complaintDefault={complaintDefault} saved={saved === "decide"} />
          <CloseSection internal={internal} open={open} saved={saved === "close"} />
        </div>
      </div>
    </div>
  );
}

function AssignSection({ internal, officers, me, open, saved }: { internal: CaseInternalView; officers: { id: string; name: string }[]; me: string; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const form = useCaseForm("assign");
  return (
    <section id="saksbehandler" aria-labelledby="assign-heading" className="card section">
      <h2 id="assign-heading">{t("caseDetail.assignHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.assign")}</Receipt>
      <p className={internal.assignedTo ? "person-name-small" : "warning-text"}>{internal.assignedTo?.name || t("caseUi.notAssigned")}</p>
      {open && officers.length ? (
        <CaseFormElement key={internal.version} form={form} intent="assign" version={internal.version} className="stack">
          <SelectField
            form={form}
            name="officerId"
            label={t("caseDetail.assignLabel")}
            required
            defaultValue={internal.assignedTo?.id ?? me}
            options={officers.map((o) => ({ value: o.id, label: o.id === me ? t("caseDetail.me", { name: o.name }) : o.name }))}
          />
          <CaseSubmit form={form} variant="secondary">
            {t("caseDetail.assignSubmit")}
          </CaseSubmit>
        </CaseFormElement>
      ) : null}
    </section>
  );
}

/** A case that came in by name is linked to the person's account before it can be granted. */
function LinkSubjectSection({ subjectName, version, link }: { subjectName: string; version: number; link: NonNullable<WorkspaceProps["link"]> }) {
  const { t } = useTranslation();
  const result = useActionData<{ linkError?: string }>();
  return (
    <section id="koble" aria-labelledby="link-heading" className="card section">
      <h2 id="link-heading">{t("caseLink.heading")}</h2>
      <p>{t("caseLink.intro", { name: subjectName })}</p>
      <Form method="get" className="stack" preventScrollReset>
        <div className="field">
          <label htmlFor="person-query">{t("caseLink.search")}</label>
          <div className="inline-fields">
            <input id="person-query" name="person" type="search" minLength={2} maxLength={100} defaultValue={link.query || subjectName} />
            <button type="submit" className="button-secondary-dark">
              {t("caseLink.searchSubmit")}
            </button>
          </div>
        </div>
      </Form>
      {result?.linkError ? (
        <p role="alert" className="alert alert-error">
          {result.linkError}
        </p>
      ) : null}
      {link.people?.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="version" value={version} />
          <fieldset className="fieldset">
            <legend>{t("caseLink.choose")}</legend>
            {link.people.map((p) => (
              <div key={p.id} className="checkbox-field">
                <input type="radio" id={`person-${p.id}`} name="userId" value={p.id} required />
                <label htmlFor={`person-${p.id}`}>
                  {p.name} ({p.email})
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button-primary">
            {t("caseLink.submit")}
          </button>
        </Form>
      ) : link.people ? (
        <p role="status">{t("caseLink.none")}</p>
      ) : null}
    </section>
  );
}

/** Letters and reports belonging to the case: list with downloads, and a plain upload form. */
function DocumentsSection({ caseId, documents, saved }: { caseId: string; documents: { id: string; name: string; size: number; createdAt: string }[]; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const result = useActionData<{ documentError?: string }>();
  return (
    <section id="dokumenter" aria-labelledby="documents-heading" className="card section">
      <h2 id="documents-heading">{t("caseDocs.heading")}</h2>
      <Receipt show={saved}>{t("caseDocs.saved")}</Receipt>
      {documents.length ? (
        <ul className="log-list">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/saker/${caseId}/dokument/${d.id}`}>{d.name}</a>{" "}
              <span className="hint">
                ({Math.max(1, Math.round(d.size / 1024))} kB, {formatDate(d.createdAt, lang)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("caseDocs.none")}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="document" />
        {result?.documentError ? (
          <p role="alert" className="alert alert-error">
            {result.documentError}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="case-document">{t("caseDocs.file")}</label>
          <p id="case-document-hint" className="hint">
            {t("caseDocs.hint")}
          </p>
          <input id="case-document" name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.txt,.docx" aria-describedby="case-document-hint" />
        </div>
        <button type="submit" className="button-secondary-dark">
          {t("caseDocs.upload")}
        </button>
      </Form>
    </section>
  );
}

function NotesSection({ internal, saved }: { internal: CaseInternalView; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useCaseForm("note");
  return (
    <section id="notater" aria-labelledby="notes-heading" className="card section">
      <h2 id="notes-heading">{t("caseDetail.notesHeading")}</h2>
      <p className="hint">{t("caseDetail.notesHint")}</p>
      <Receipt show={saved}>{t("caseDetail.saved.note")}</Receipt>
      {internal.notes.length ? (
        <ol className="log-list">
          {internal.notes.map((n) => (
            <li key={n.id}>
              <p className="meta">{t("caseDetail.noteMeta", { date: formatDateTime(n.createdAt, lang), name: n.authorName || t("common.unknownPerson") })}</p>
              <p className="prose">{n.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("caseDetail.notesNone")}</p>
      )}
      <Disclosure summary={t("caseDetail.noteAdd")} open={Boolean(form.result)}>
        <CaseFormElement key={internal.notes.length} form={form} intent="note">
          <TextArea form={form} name="body" label={t("caseDetail.noteBody")} required rows={4} />
          <CaseSubmit form={form}>{t("caseDetail.noteSubmit")}</CaseSubmit>
        </CaseFormElement>
      </Disclosure>
    </section>
  );
}

function InterimSection({ item, internal, open, saved }: { item: CaseDetailView; internal: CaseInternalView; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useCaseForm("interim");
  return (
    <section id="forelopig-svar" aria-labelledby="interim-heading" className="card section">
      <h2 id="interim-heading">{t("caseDetail.interimHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.interim")}</Receipt>
      {item.interimReplyText ? (
        <>
          {item.interimReplySentAt ? <p className="meta">{t("caseDetail.interimSentAt", { date: formatDateTime(item.interimReplySentAt, lang) })}</p> : null}
          <h3>{t("caseDetail.interimLetter")}</h3>
          <Letter text={item.interimReplyText} />
        </>
      ) : open ? (
        <>
          <p>
            {t("caseDetail.interimNotSent")}
            {internal.interimOverdue ? (
              <>
                {" "}
                <DeadlineFlag flag="interimOverdue" />
              </>
            ) : null}
          </p>
          <p className="hint">{t("caseDetail.interimExplain")}</p>
          <CaseFormElement key={internal.version} form={form} intent="interim" version={internal.version}>
            <TextArea form={form} name="reason" label={t("caseDetail.interimReason")} hint={t("caseDetail.interimReasonHint")} optional rows={3} />
            <CaseSubmit form={form}>{t("caseDetail.interimSubmit")}</CaseSubmit>
          </CaseFormElement>
        </>
      ) : (
        <p className="empty">{t("caseDetail.interimNotSentDecided")}</p>
      )}
    </section>
  );
}

function DecisionSection({
  item,
  internal,
  open,
  candidates,
  complaintDefault,
  saved,
}: {
  item: CaseDetailView;
  internal: CaseInternalView;
  open: boolean;
  candidates: WorkspaceProps["candidates"];
  complaintDefault: string;
  saved: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useCaseForm("decide");
  const coordinatorRequired = COORDINATOR_REQUIRED.includes(item.type);
  const coordinatorOptional = COORDINATOR_OPTIONAL.includes(item.type);
  const needsAccount = (coordinatorRequired || coordinatorOptional) && !internal.subjectUserId;
  return (
    <section id="avgjorelse" aria-labelledby="decision-heading" className="card section">
      <h2 id="decision-heading">{t("caseDetail.decideHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.decide")}</Receipt>
      {item.outcome ? (
        <>
          {item.decidedAt ? <p className="meta">{t("caseDetail.decidedAt", { date: formatDateTime(item.decidedAt, lang) })}</p> : null}
          <dl className="facts">
            <div className="facts-row">
              <dt>{t("caseDetail.outcomeLegend")}</dt>
              <dd>
                <strong>{t(`caseUi.outcome.${item.outcome}`)}</strong>
              </dd>
            </div>
            <div className="facts-row">
              <dt>{t("caseDetail.grounds")}</dt>
              <dd>
                <Prose text={item.decisionGrounds} />
              </dd>
            </div>
            {item.complaintInfo ? (
              <div className="facts-row">
                <dt>{t("caseDetail.complaintInfo")}</dt>
                <dd>
                  <Prose text={item.complaintInfo} />
                </dd>
              </div>
            ) : null}
            {internal.planId ? (
              <div className="facts-row">
                <dt>{t("caseUi.plan")}</dt>
                <dd>
                  <Link to={`/planer/${internal.planId}`}>{t("caseUi.openPlan")}</Link>
                </dd>
              </div>
            ) : null}
          </dl>
        </>
      ) : open ? (
        <CaseFormElement key={internal.version} form={form} intent="decide" version={internal.version}>
          {needsAccount ? <p className="alert alert-warning">{t("caseDetail.subjectWithoutAccount")}</p> : null}
          <RadioGroup
            form={form}
            name="outcome"
            legend={t("caseDetail.outcomeLegend")}
            required
            options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`caseUi.outcome.${o}`) }))}
          />
          {item.type === "IP_APPLICATION" ? <p className="hint">{t("caseDetail.planWillBeCreated")}</p> : null}
          <TextArea form={form} name="grounds" label={t("caseDetail.grounds")} hint={t("caseDetail.groundsHint")} required rows={6} />
          <TextArea
            form={form}
            name="complaintInfo"
            label={t("caseDetail.complaintInfo")}
            hint={internal.formalDecision ? t("caseDetail.complaintHintFormal") : t("caseDetail.complaintHintInformal")}
            optional={!internal.formalDecision}
            defaultValue={internal.formalDecision ? complaintDefault : undefined}
            rows={4}
          />
          {(coordinatorRequired || coordinatorOptional) && candidates.length ? (
            <>
              <SelectField
                form={form}
                name="coordinatorId"
                label={t("caseDetail.coordinator")}
                hint={coordinatorRequired ? t("caseDetail.coordinatorHintRequired") : t("caseDetail.coordinatorHintOptional")}
                optional={coordinatorOptional}
                empty={t("caseDetail.noCoordinator")}
                options={candidates.map((c) => ({ value: c.id, label: [c.name, c.title, c.unit?.name].filter(Boolean).join(", ") }))}
              />
              <TextArea form={form} name="handoverNote" label={t("caseDetail.handoverNote")} hint={t("caseDetail.handoverHint")} optional rows={3} />
            </>
          ) : null}
          <CaseSubmit form={form}>{t("caseDetail.decideSubmit")}</CaseSubmit>
        </CaseFormElement>
      ) : (
        <p className="empty">{t("caseUi.status.CLOSED")}</p>
      )}
    </section>
  );
}

function CloseSection({ internal, open, saved }: { internal: CaseInternalView; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const form = useCaseForm("close");
  if (internal.status === "CLOSED") {
    return (
      <section id="avslutt" aria-labelledby="close-heading" className="card section">
        <h2 id="close-heading">{t("caseDetail.closeHeading")}</h2>
        <Receipt show={saved}>{t("caseDetail.saved.close")}</Receipt>
        {saved ? null : <p>{t("caseDetail.closed")}</p>}
      </section>
    );
  }
  return (
    <section id="avslutt" aria-labelledby="close-heading" className="card section">
      <h2 id="close-heading">{t("caseDetail.closeHeading")}</h2>
      <p className="hint">{open ? t("caseDetail.closeHintOpen") : t("caseDetail.closeHintDecided")}</p>
      <CaseFormElement key={internal.version} form={form} intent="close" version={internal.version} hidden={open ? { undecided: "yes" } : {}}>
        {open ? <CheckboxField form={form} name="confirm" label={t("caseDetail.closeConfirm")} /> : null}
        <CaseSubmit form={form} variant={open ? "danger" : "secondary"}>
          {t("caseDetail.closeSubmit")}
        </CaseSubmit>
      </CaseFormElement>
    </section>
  );
}
