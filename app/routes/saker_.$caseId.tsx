import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AssignSection } from "../components/case/assign-section.tsx";
import { CaseHeader } from "../components/case/case-header.tsx";
import { CloseSection } from "../components/case/close-section.tsx";
import { DeadlinesSection } from "../components/case/deadlines-section.tsx";
import { DecisionSection } from "../components/case/decision-section.tsx";
import { DocumentsSection } from "../components/case/documents-section.tsx";
import { FactsSection } from "../components/case/facts-section.tsx";
import { InterimSection } from "../components/case/interim-section.tsx";
import { LinkSubjectSection } from "../components/case/link-subject-section.tsx";
import { NotesSection } from "../components/case/notes-section.tsx";
import { PersonRecordsSection } from "../components/case/person-records-section.tsx";
import { PublicCasePage } from "../components/case/public-case-page.tsx";
import { COORDINATOR_OPTIONAL_CASE_TYPES, COORDINATOR_REQUIRED_CASE_TYPES, isOneOf, OPEN_CASE_STATUSES } from "../domain/lists.ts";
import { createI18n } from "../i18n/i18n.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { caseAction, readCaseForm } from "../lib/case-actions.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { optional } from "../lib/plan-page.server.ts";

export const meta: MetaFunction = () => [{ title: "Sak – Individuell plan" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const caseId = idParam(params.caseId);
  const found = await load(context, request, (caller) => caller.case.byId({ caseId }));
  // The person it is about, or who sent it: the public part only (the server decides).
  if (!found.internal) return json({ kind: "public" as const, item: found });
  const open = isOneOf(OPEN_CASE_STATUSES, found.internal.status);
  const wantsCoordinator = open && isOneOf([...COORDINATOR_REQUIRED_CASE_TYPES, ...COORDINATOR_OPTIONAL_CASE_TYPES], found.type);
  // "?person=" searches for the account of the person a by-name case is about.
  const personQuery = new URL(request.url).searchParams.get("person")?.trim() ?? "";
  // A case that is not about a known person (no account, no identity number of someone known) may be linked to an account.
  const needsAccount = open && !found.internal.subjectUserId && !found.internal.personRecords.personId;
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

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const caseId = idParam(params.caseId);
  const form = await readCaseForm(request);
  if (!form) return json({ documentError: createI18n(context.lang).t("case.documentTooLarge") }, { status: 413 });
  return caseAction(context, caseId, form);
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // After a refused plain POST the address still says "lagret" from the save before: not this time.
  const refused = useActionData<typeof action>();
  if (data.kind === "public") return <PublicCasePage item={data.item} />;
  const { item, internal } = data;
  const saved = refused ? null : params.get("lagret");
  const open = isOneOf(OPEN_CASE_STATUSES, internal.status);
  return (
    <div className="page case-page">
      <p>
        <Link to="/saker">{t("caseDetail.back")}</Link>
      </p>
      <CaseHeader item={item} internal={internal} registered={saved === "register"} />
      <div className="case-columns">
        <div>
          <FactsSection item={item} internal={internal} />
          <PersonRecordsSection internal={internal} />
          <DeadlinesSection item={item} internal={internal} />
          <AssignSection internal={internal} officers={data.officers} me={data.me} open={open} saved={saved === "assign"} />
          <NotesSection internal={internal} saved={saved === "note"} />
          <DocumentsSection caseId={item.id} documents={data.documents} saved={saved === "document"} />
          {data.link ? <LinkSubjectSection subjectName={item.subjectName} version={internal.version} link={data.link} /> : null}
        </div>
        <div>
          <InterimSection item={item} internal={internal} open={open} saved={saved === "interim"} />
          <DecisionSection
            item={item}
            internal={internal}
            open={open}
            candidates={data.candidates}
            complaintDefault={data.complaintDefault}
            saved={saved === "decide"}
            savedLinked={saved === "decide-linked"}
          />
          <CloseSection internal={internal} open={open} saved={saved === "close"} />
        </div>
      </div>
    </div>
  );
}
