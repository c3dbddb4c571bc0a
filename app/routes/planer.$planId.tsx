import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ComponentProps } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { Presence } from "../components/presence.tsx";
import { PurposeForm } from "../components/purpose-form.tsx";
import { AboutSection } from "../components/plan/about-section.tsx";
import { ArchiveSection } from "../components/plan/archive-section.tsx";
import { AssessmentSection } from "../components/plan/assessment-section.tsx";
import { AssessmentContext } from "../components/plan/assessment-shared.tsx";
import { CoordinatorSection } from "../components/plan/coordinator-section.tsx";
import { PlanDocumentsFromLoader } from "../components/plan/documents-section.tsx";
import { GoalsSection } from "../components/plan/goals-section.tsx";
import { PlanMeetingsSection } from "../components/meeting/plan-meetings-section.tsx";
import { LogSection } from "../components/plan/log-section.tsx";
import { NeedNoticeSection } from "../components/plan/need-notice.tsx";
import { ParticipantsSection, type PersonOption } from "../components/plan/participants-section.tsx";
import { PlanHeader } from "../components/plan/plan-header.tsx";
import { PlanSummary } from "../components/plan/plan-summary.tsx";
import { PlanSearch } from "../components/plan/plan-search.tsx";
import { ServicesSection } from "../components/plan/services-section.tsx";
import { TemplateGuidance } from "../components/plan/template-guidance.tsx";
import { RESTORE_DAYS, STAFF_ROLES } from "../domain/lists.ts";
import { useLivePlan } from "../hooks/use-live-plan.ts";
import { assessmentAction, isAssessmentIntent } from "../lib/assessment-actions.server.ts";
import { needNoticeAction } from "../lib/case-actions.server.ts";
import { redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { planAction } from "../lib/plan-actions.server.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { hasRole, mayAppointCoordinators, optional } from "../lib/plan-page.server.ts";
import { responsibleOptions, type PlanView } from "../lib/plan-types.ts";
import assessmentStyles from "../styles/assessment.css";

export const meta: MetaFunction = () => [{ title: "Plan – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: assessmentStyles }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  // The plan, its meetings, Kartlegging, documents, archive copies and units: one read (decisions 035, 054).
  const loaded = await loadWithPurpose(context, request, (caller) => caller.plan.page({ planId }));
  if (!loaded.ok) return json({ kind: "purpose" as const, planId: loaded.planId, returnTo: loaded.returnTo });
  const { plan, meetings, assessment, documents, archives, units } = loaded.data;
  const caller = context.caller;
  // "?finn=" searches for people with an account to add to the group (a GET form: works without JS).
  const search = new URL(request.url).searchParams.get("finn")?.trim() ?? "";
  const [candidates, found] = await Promise.all([
    mayAppointCoordinators(context) ? optional(caller.coordinator.candidates()) : null,
    plan.access.canManageParticipants && search.length >= 2 ? optional(caller.participant.candidates({ planId, query: search })) : null,
  ]);
  return json({
    kind: "plan" as const,
    // The plan's template is plan.template (usePlanTemplate reads it there).
    plan,
    units,
    candidates,
    people: peopleToAdd(plan, found),
    search,
    // Staff and coordinators may send the coordinating unit a notice of need about the plan's owner.
    canSendNeedNotice: hasRole(context, ...STAFF_ROLES),
    meetings,
    assessment,
    documents,
    // Read by ArchiveSection through the route's loader data (decision 027).
    archives,
  });
}

/**
 * People with an account who can be added to the group: those the plan already knows (former
 * coordinators and participants) and the matches of a search (participant.candidates).
 */
function peopleToAdd(
  plan: { coordinators: { endedAt: Date | null; coordinator: { id: string; name: string; title: string | null } }[]; participants: { active: boolean; user: { id: string; name: string } | null; organisation: string | null }[] },
  found: { id: string; name: string; title: string | null; unit: { name: string } | null }[] | null,
): PersonOption[] {
  const people = new Map<string, PersonOption>();
  for (const c of plan.coordinators) if (c.endedAt) people.set(c.coordinator.id, { id: c.coordinator.id, name: c.coordinator.name, detail: c.coordinator.title });
  for (const p of plan.participants) if (!p.active && p.user) people.set(p.user.id, { id: p.user.id, name: p.user.name, detail: p.organisation });
  for (const u of found ?? []) if (!people.has(u.id)) people.set(u.id, { id: u.id, name: u.name, detail: u.unit?.name ?? u.title });
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "nb"));
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  const form = await request.formData();
  if (!form.get("intent")) return redirect(`/planer/${planId}`);
  if (form.get("intent") === "need-notice") return needNoticeAction(context, request, planId, form);
  if (isAssessmentIntent(String(form.get("intent")))) return assessmentAction(context, request, planId, form);
  return planAction(context, request, planId, form);
}

export default function PlanWorkspacePage() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  return (
    <AssessmentContext.Provider value={data.assessment}>
    <Workspace
      plan={data.plan}
      units={data.units}
      candidates={data.candidates}
      people={data.people}
      search={data.search}
      canSendNeedNotice={data.canSendNeedNotice}
      meetings={data.meetings}
    />
    </AssessmentContext.Provider>
  );
}

interface WorkspaceProps {
  plan: PlanView;
  units: { id: string; name: string }[] | null;
  candidates: { id: string; name: string; title: string | null; unit: { name: string } | null }[] | null;
  people: PersonOption[];
  search: string;
  canSendNeedNotice: boolean;
  meetings: ComponentProps<typeof PlanMeetingsSection>["meetings"];
}

function Workspace({ plan, units, candidates, people, search, canSendNeedNotice, meetings }: WorkspaceProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // After a refused plain POST the address still says "lagret" from the save before: not this time.
  const refused = useActionData<typeof action>();
  const live = useLivePlan(plan.id, plan.viewer.id, "/tilgang-avsluttet");
  const choices = { responsible: responsibleOptions(plan), units };
  const sections = [
    { id: "om-meg", label: t("about.title") },
    { id: "mal", label: t("goal.sectionTitle") },
    { id: "kartlegging", label: t("assessment.title") },
    { id: "deltakere", label: t("participant.sectionTitle") },
    { id: "koordinator", label: t("coordinator.sectionTitle") },
    { id: "moter", label: t("meetings.section.title") },
    { id: "tjenester", label: t("services.title") },
    { id: "dokumenter", label: t("planDocs.heading") },
    { id: "logg", label: t("log.title") },
    ...(canSendNeedNotice ? [{ id: "behov", label: t("needNotice.title") }] : []),
    { id: "arkiv", label: t("archive.title") },
  ];
  return (
    <div className="page workspace">
      <PlanHeader plan={plan}>
        <Presence others={live.others} />
      </PlanHeader>
      {params.get("lagret") && !refused ? (
        <p role="status" className="alert alert-success">
          {t("workspace.savedNoJs")}
        </p>
      ) : null}
      {/* The plan as a document: what matters first, then its parts, each folding away. */}
      <PlanSummary plan={plan} meetings={meetings} />
      {/* The contents and the search side by side on a wide screen. */}
      <div className="plan-tools">
        <nav aria-label={t("workspace.toc")} className="toc">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <PlanSearch planId={plan.id} />
      </div>
      <TemplateGuidance />
      <AboutSection plan={plan} inPlace />
      <GoalsSection plan={plan} choices={choices} />
      <AssessmentSection plan={plan} />
      <ParticipantsSection plan={plan} people={people} search={search} />
      <CoordinatorSection plan={plan} candidates={candidates} />
      <PlanMeetingsSection planId={plan.id} meetings={meetings} canPlan={plan.access.canEditPlan} />
      <ServicesSection plan={plan} />
      <PlanDocumentsFromLoader planId={plan.id} />
      <LogSection plan={plan} />
      {canSendNeedNotice ? <NeedNoticeSection plan={plan} /> : null}
      <ArchiveSection planId={plan.id} />
      <p className="plan-deleted-link">
        <Link to={`/planer/${plan.id}/slettet`}>{t("reading.deletedLink", { days: RESTORE_DAYS })}</Link>
      </p>
    </div>
  );
}
