import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { MeetingPlanner } from "../components/meeting/meeting-planner.tsx";
import { NEW_MEETING_TIME, newMeetingDay } from "../lib/meeting-defaults.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { planMeetingAction } from "../lib/meeting-actions.server.ts";
import { groupForPlanning } from "../lib/meeting-load.server.ts";

export const meta: MetaFunction = () => [{ title: "Planlegg møte – Individuell plan" }];

/** Guest rows in the form (more can be added on the meeting's page). */
const GUEST_ROWS = 2;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const plan = await load(context, request, (caller) => caller.plan.byId({ planId }));
  if (!plan.access.canEditPlan) throw json({ message: "forbidden" }, { status: 403 });
  return json({ planId, ownerName: plan.owner.name, group: groupForPlanning(plan), defaults: { date: newMeetingDay(), time: NEW_MEETING_TIME } });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  return planMeetingAction(context, planId, await request.formData(), GUEST_ROWS);
}

export default function PlanMeetingPage() {
  const { t } = useTranslation();
  const { planId, ownerName, group, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/planer/${planId}#moter`}>{t("meetings.plan.back")}</Link>
      </p>
      <h1>{t("meetings.plan.title")}</h1>
      <p className="lead">{t("meetings.plan.intro", { name: ownerName })}</p>
      <MeetingPlanner group={group} defaults={defaults} result={result} guestRows={GUEST_ROWS} />
    </div>
  );
}
