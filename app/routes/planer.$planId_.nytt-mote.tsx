import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeetingPlanner } from "../components/meeting/meeting-planner.tsx";
import { createI18n } from "../i18n/i18n.ts";
import { attempt, load, redirectToLogin } from "../lib/call.server.ts";
import type { FormResult } from "../lib/form-result.ts";
import { formValues, optionalText, text } from "../lib/form-values.ts";
import { formFieldErrors, FormRefusal, meetingTimeFrom } from "../lib/meeting-actions.server.ts";
import { groupForPlanning } from "../lib/meeting-load.server.ts";
import { osloNow } from "../lib/oslo-time.ts";
import { planIdFrom } from "../lib/plan-page.server.ts";

export const meta: MetaFunction = () => [{ title: "Planlegg møte – Individuell plan" }];

/** Guest rows in the form (more can be added on the meeting's page). */
const GUEST_ROWS = 2;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = planIdFrom(params);
  const plan = await load(context, request, (caller) => caller.plan.byId({ planId }));
  if (!plan.access.canEditPlan) throw json({ message: "forbidden" }, { status: 403 });
  // A week from today at ten: a usual time, easy to change.
  const inAWeek = osloNow(new Date(Date.now() + 7 * 86_400_000));
  return json({ planId, ownerName: plan.owner.name, group: groupForPlanning(plan), defaults: { date: inAWeek.date, time: "10:00" } });
}

function refusal(form: FormData, message: string, fieldErrors?: Record<string, string>, status = 400) {
  const values = { ...formValues(form), invitees: form.getAll("invitee").map(String).join(",") };
  return json<FormResult>({ formId: "meeting-plan", ok: false, message, fieldErrors, values }, { status });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = planIdFrom(params);
  const form = await request.formData();
  const { t } = createI18n(context.lang);
  let startsAt: string;
  try {
    startsAt = meetingTimeFrom(form);
  } catch (error) {
    if (!(error instanceof FormRefusal)) throw error;
    return refusal(form, t("validation.prefix"), { [error.field ?? "date"]: t(error.messageKey) });
  }
  const invitees = form
    .getAll("invitee")
    .map(String)
    .map((value) => (value.startsWith("u:") ? { userId: value.slice(2) } : { participantId: value.slice(2) }));
  const guests = Array.from({ length: GUEST_ROWS }, (_, index) => index)
    .filter((index) => optionalText(form, `guest-${index}-name`))
    .map((index) => ({
      name: text(form, `guest-${index}-name`).trim(),
      email: optionalText(form, `guest-${index}-email`),
      organisation: optionalText(form, `guest-${index}-organisation`) ?? null,
      consent: text(form, `guest-${index}-consent`) === "yes" ? {} : undefined,
    }));
  const result = await attempt(context, (caller) =>
    caller.meeting.create({
      planId,
      startsAt,
      durationMinutes: Number(text(form, "durationMinutes")) || 0,
      location: optionalText(form, "location") ?? null,
      videoLink: optionalText(form, "videoLink") ?? null,
      invitees,
      guests,
    }),
  );
  if (result.ok) return redirect(`/moter/${result.data.id}?lagret=meeting-create`);
  const fieldErrors = formFieldErrors(result.error.fieldErrors);
  return refusal(form, fieldErrors ? t("validation.prefix") : result.error.message, fieldErrors, result.error.status);
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
