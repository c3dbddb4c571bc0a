import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { PurposeForm } from "../components/purpose-form.tsx";
import { Presence } from "../components/presence.tsx";
import { Agenda } from "../components/meeting/agenda.tsx";
import { DecisionsSection } from "../components/meeting/decisions.tsx";
import { AttendanceSection, InviteesSection } from "../components/meeting/invitees.tsx";
import { ManageMeeting } from "../components/meeting/manage.tsx";
import { MeetingFacts, MeetingStatusBadge } from "../components/meeting/meeting-facts.tsx";
import { MinutesSection } from "../components/meeting/minutes.tsx";
import { RespondForm } from "../components/meeting/respond-form.tsx";
import { isUserSide } from "../domain/lists.ts";
import { formatDate } from "../domain/oslo-time.ts";
import { useLivePlan } from "../hooks/use-live-plan.ts";
import { redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { meetingAction } from "../lib/meeting-actions.server.ts";
import { planForMeeting } from "../lib/meeting-load.server.ts";
import type { MeetingView } from "../lib/meeting-types.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Ansvarsgruppemøte – Individuell plan" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const meetingId = idParam(params.meetingId);
  // The meeting and, for those who may change the plan while it is open, the plan's goals,
  // measures and people for what is decided in it: one read (decision 043).
  const loaded = await loadWithPurpose(context, request, (caller) => caller.meeting.page({ meetingId }));
  if (!loaded.ok) return json({ kind: "purpose" as const, planId: loaded.planId, returnTo: loaded.returnTo });
  const { meeting, plan } = loaded.data;
  const url = new URL(request.url);
  const now = new Date();
  return json({
    kind: "meeting" as const,
    meeting,
    plan: plan ? planForMeeting(plan) : null,
    viewer: { id: context.user!.id, name: context.user!.name },
    started: meeting.startsAt <= now,
    confirm: url.searchParams.get("godkjenn") === "1",
    changed: url.searchParams.get("endret") === "1",
  });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const meetingId = idParam(params.meetingId);
  const form = await request.formData();
  if (!form.get("intent")) return redirect(`/moter/${meetingId}`);
  return meetingAction(context, meetingId, form);
}

export default function MeetingPage() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  return <Meeting meeting={data.meeting} plan={data.plan} viewer={data.viewer} started={data.started} confirm={data.confirm} changed={data.changed} />;
}

interface MeetingProps {
  meeting: MeetingView;
  plan: ReturnType<typeof planForMeeting> | null;
  viewer: { id: string; name: string };
  started: boolean;
  confirm: boolean;
  changed: boolean;
}

function Meeting({ meeting, plan, viewer, started, confirm, changed }: MeetingProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const saved = params.get("lagret");
  const member = meeting.minutes !== null;
  const auditor = meeting.access.role === "AUDITOR";
  const purpose = meeting.access.purpose;
  const userSide = isUserSide(meeting.access.role);
  // Names of those who said yes: a start for "who took part" in an evaluation.
  const participantsText = meeting.invitees
    .filter((i) => (i.attended ?? i.response === "YES") && !i.awaitingConsent)
    .map((i) => i.name)
    .join(", ");
  return (
    <div className="page meeting-page">
      {member && !auditor ? <LiveMeeting planId={meeting.planId} viewerId={viewer.id} /> : null}
      <p className="link-row">
        {userSide ? <Link to="/min-plan">{t("meetings.page.backToMyPlan")}</Link> : null}
        {member && !userSide ? (
          <Link to={`/planer/${meeting.planId}#moter`}>{t("meetings.page.backToPlan")}</Link>
        ) : null}
        {!member ? <Link to="/moter">{t("meetings.page.backToMine")}</Link> : null}
      </p>
      <header className="meeting-header">
        <p className="eyebrow">{t("meetings.page.eyebrow", { name: meeting.owner.name })}</p>
        <h1>{t("meetings.page.title", { date: formatDate(meeting.startsAt, lang) })}</h1>
        <p>
          <MeetingStatusBadge status={meeting.status} />
        </p>
      </header>
      {auditor ? <p className="alert alert-info">{t("workspace.auditorNotice", { purpose: purpose ?? "" })}</p> : null}
      {saved ? (
        <p role="status" className="alert alert-success">
          {saved === "approve"
            ? t("meetings.approve.done")
            : saved === "meeting-cancel"
              ? t("meetings.cancel.done")
              : saved === "meeting-create"
                ? t("meetings.plan.done")
                : t("workspace.savedNoJs")}
        </p>
      ) : null}
      {meeting.status === "CANCELLED" ? (
        <div className="alert alert-warning" role="note">
          <p className="alert-title">{t("meetings.page.cancelled", { name: meeting.cancelledBy?.name ?? t("common.unknownPerson") })}</p>
          {meeting.cancelReason ? <p className="prose">{meeting.cancelReason}</p> : null}
        </div>
      ) : null}

      <section aria-labelledby="facts-heading" className="card section">
        <h2 id="facts-heading">{t("meetings.page.timePlace")}</h2>
        <MeetingFacts meeting={meeting} calendar={meeting.myInvitation !== null} organizer={meeting.organizer?.name} />
        {meeting.access.canRespond && meeting.myInvitation ? <RespondForm meetingId={meeting.id} current={meeting.myInvitation.response} anchor="svar" headingLevel={3} /> : null}
        {!member ? <p className="hint">{t("meetings.page.guestNote")}</p> : null}
      </section>

      <InviteesSection meeting={meeting} />

      <div className={member ? "meeting-columns" : undefined}>
        <div className="card section meeting-agenda">
          <Agenda meeting={meeting} viewerId={viewer.id} />
        </div>
        {member ? (
          <div className="card section meeting-minutes">
            <MinutesSection meeting={meeting} viewer={viewer} confirm={confirm} changed={changed} started={started} />
          </div>
        ) : null}
      </div>

      <DecisionsSection meeting={meeting} plan={plan} viewerId={viewer.id} participantsText={participantsText} />
      <AttendanceSection meeting={meeting} started={started} />
      <ManageMeeting meeting={meeting} />
    </div>
  );
}

/** Plan members see changes others make at once (the page's data is loaded again), and who else is here. */
function LiveMeeting({ planId, viewerId }: { planId: string; viewerId: string }) {
  const live = useLivePlan(planId, viewerId, "/tilgang-avsluttet");
  return <Presence others={live.others} />;
}
