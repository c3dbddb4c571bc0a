import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";
import { FormRefusal, handlerFor, runFormAction, savedAnswer } from "./form-action.server.ts";
import { changedFields, formValues, optionalDate, optionalScore, optionalText, text } from "./form-values.ts";
import { safeRedirect } from "./roles.ts";

// The meetings' forms (components/meeting) post here, to /moter/<id>, from whichever page shows
// them. Each names its `intent`. With JavaScript the answer is data; without it, a redirect back
// to the page the form was on (post/redirect/get) or, on a refusal, the meeting page with the
// person's own input and the message.

type Handler = (caller: Caller, form: FormData, meetingId: string) => Promise<unknown>;

const nullable = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

/** "goal:<id>" or "measure:<id>" (with ":<version>" for changes) from a target select. */
function target(form: FormData, name = "target") {
  const [kind, id, version] = text(form, name).split(":");
  if ((kind !== "goal" && kind !== "measure") || !id) throw new FormRefusal("meetings.refusal.chooseTarget", name);
  return { kind, id, version: Number(version) };
}

/** "u:<userId>" / "p:<participantId>", as the plan's measure forms send a responsible person. */
function responsible(value: string) {
  if (value.startsWith("u:")) return { responsibleUserId: value.slice(2), responsibleParticipantId: null };
  if (value.startsWith("p:")) return { responsibleUserId: null, responsibleParticipantId: value.slice(2) };
  return { responsibleUserId: null, responsibleParticipantId: null };
}

/** Date and time fields on an Oslo clock, as the meeting procedures take them ("2027-03-29T10:00"). */
function meetingTimeFrom(form: FormData): string {
  const date = text(form, "date").trim();
  const time = text(form, "time").trim();
  if (!date) throw new FormRefusal("meetings.refusal.dateRequired", "date");
  if (!/^\d{2}:\d{2}$/.test(time)) throw new FormRefusal("meetings.refusal.timeRequired", "time");
  return `${date}T${time}`;
}

const handlers: Record<string, Handler> = {
  respond: (caller, form, meetingId) => caller.meeting.respond({ meetingId, response: text(form, "response") as "YES" }),
  "agenda-add": (caller, form, meetingId) =>
    caller.meeting.addAgendaItem({ meetingId, title: text(form, "title"), note: optionalText(form, "note") }),
  "agenda-update": (caller, form) => {
    const changes = changedFields(form, ["title", "note"]);
    if (!Object.keys(changes).length) return Promise.resolve(null);
    return caller.meeting.updateAgendaItem({ itemId: text(form, "itemId"), version: Number(text(form, "version")), changes });
  },
  "agenda-remove": (caller, form) => caller.meeting.removeAgendaItem({ itemId: text(form, "itemId") }),
  "agenda-order": (caller, form, meetingId) =>
    caller.meeting.reorderAgenda({ meetingId, itemIds: text(form, "order").split(",").filter(Boolean) }),
  attendance: (caller, form, meetingId) => {
    const present = new Set(form.getAll("attended").map(String));
    const invitees = form.getAll("invitee").map(String);
    return caller.meeting.recordAttendance({ meetingId, attendance: invitees.map((inviteeId) => ({ inviteeId, attended: present.has(inviteeId) })) });
  },
  approve: async (caller, form, meetingId) => {
    // What the approver saw in the confirmation is what is approved: if the minutes changed
    // since (someone still writing, or a save that came later), they are shown the text as it is now.
    const seen = text(form, "seen").trim();
    const now = await caller.meeting.byId({ meetingId });
    if ((now.minutes?.text ?? "").trim() !== seen) throw redirect(`/moter/${meetingId}?godkjenn=1&endret=1#godkjenning`);
    return caller.meeting.approveMinutes({ meetingId });
  },
  correction: (caller, form, meetingId) => caller.meeting.addCorrection({ meetingId, text: text(form, "text") }),
  "task-create": (caller, form, meetingId) =>
    caller.meeting.createTask({ meetingId, title: text(form, "title"), responsibleUserId: text(form, "responsibleUserId"), dueDate: text(form, "dueDate") }),
  "task-complete": (caller, form) => caller.meeting.completeTask({ taskId: text(form, "taskId") }),
  evaluation: (caller, form, meetingId) => {
    const { kind, id } = target(form);
    return caller.evaluation.create({
      ...(kind === "goal" ? { goalId: id } : { measureId: id }),
      date: text(form, "date"),
      participants: text(form, "participants"),
      achieved: text(form, "achieved"),
      nextStep: optionalText(form, "nextStep"),
      newScore: kind === "goal" ? (optionalScore(form, "newScore") ?? null) : null,
      attained: kind === "goal" ? ((optionalText(form, "attained") as "YES" | undefined) ?? null) : null,
      meetingId,
    });
  },
  "goal-status": (caller, form, meetingId) => {
    const { id, version } = target(form);
    return caller.goal.update({ goalId: id, version, changes: { status: text(form, "status") as "IN_PROGRESS" }, meetingId });
  },
  "measure-status": (caller, form, meetingId) => {
    const { id, version } = target(form);
    return caller.measure.update({ measureId: id, version, changes: { status: text(form, "status") as "ACTIVE" }, meetingId });
  },
  "measure-create": (caller, form, meetingId) =>
    caller.measure.create({
      goalId: text(form, "goalId"),
      title: text(form, "title"),
      description: optionalText(form, "description"),
      ...responsible(text(form, "responsible")),
      evaluationDate: optionalDate(form, "evaluationDate"),
      meetingId,
    }),
  "meeting-update": (caller, form, meetingId) => {
    const duration = Number(text(form, "durationMinutes"));
    return caller.meeting.update({
      meetingId,
      version: Number(text(form, "version")),
      changes: {
        startsAt: meetingTimeFrom(form),
        durationMinutes: Number.isFinite(duration) ? duration : 0,
        location: nullable(text(form, "location")),
        videoLink: nullable(text(form, "videoLink")),
      },
    });
  },
  "meeting-cancel": (caller, form, meetingId) => {
    if (text(form, "confirm") !== "yes") throw new FormRefusal("meetings.cancel.confirmRequired", "confirm");
    return caller.meeting.cancel({ meetingId, reason: nullable(text(form, "reason")) });
  },
  "guest-add": (caller, form, meetingId) =>
    caller.meeting.addGuest({
      meetingId,
      name: text(form, "name").trim(),
      email: optionalText(form, "email"),
      organisation: nullable(text(form, "organisation")),
      consent: text(form, "consent") === "yes" ? {} : undefined,
    }),
  "guest-consent": (caller, form) => caller.meeting.recordGuestConsent({ inviteeId: text(form, "inviteeId") }),
};

/** After these the page to go back to is the meeting itself (the confirmation or the form is gone). */
const BACK_TO_MEETING = new Set(["approve", "meeting-cancel"]);

/** Field names in the procedures' inputs that differ from the forms'. */
const FIELD_ALIASES: Record<string, string> = {
  startsAt: "date",
  responsibleParticipantId: "responsible",
  attendance: "attended",
};

/**
 * A procedure input's path as the forms name the field: "changes.startsAt" → "date",
 * "guests.1.email" → "guest-1-email" (the planning form's rows), "invitees.0" → "invitees".
 */
export function meetingFieldName(path: string): string {
  const guest = /^guests\.(\d+)\.(\w+)/.exec(path);
  if (guest) return `guest-${guest[1]}-${guest[2] === "userId" ? "name" : guest[2]}`;
  const field = path.replace(/^changes\./, "").replace(/\.\d+.*$/, "");
  return FIELD_ALIASES[field] ?? field;
}

/** Runs one of the meetings' forms for the meeting `meetingId`. */
export function meetingAction(context: AppLoadContext, meetingId: string, form: FormData) {
  const meetingPage = `/moter/${meetingId}`;
  const intent = text(form, "intent");
  return runFormAction(context, form, (caller) => handlerFor(handlers, form)(caller, form, meetingId), {
    fieldName: meetingFieldName,
    onSuccess: () => {
      if (BACK_TO_MEETING.has(intent)) return redirect(`${meetingPage}?lagret=${intent}`);
      // Without JavaScript: back to the page the form was on, at the part that changed, with a receipt.
      const back = new URL(safeRedirect(text(form, "_back"), meetingPage), "http://portal.invalid");
      back.searchParams.set("lagret", intent);
      return savedAnswer(form, back);
    },
  });
}

/** "Planlegg møte" (/planer/<id>/nytt-mote): the meeting, its invitees and up to `guestRows` guests. */
export function planMeetingAction(context: AppLoadContext, planId: string, form: FormData, guestRows: number) {
  return runFormAction(
    context,
    form,
    (caller) => {
      const startsAt = meetingTimeFrom(form);
      const invitees = form
        .getAll("invitee")
        .map(String)
        .map((value) => (value.startsWith("u:") ? { userId: value.slice(2) } : { participantId: value.slice(2) }));
      const guests = Array.from({ length: guestRows }, (_, index) => index)
        .filter((index) => optionalText(form, `guest-${index}-name`))
        .map((index) => ({
          name: text(form, `guest-${index}-name`).trim(),
          email: optionalText(form, `guest-${index}-email`),
          organisation: optionalText(form, `guest-${index}-organisation`) ?? null,
          consent: text(form, `guest-${index}-consent`) === "yes" ? {} : undefined,
        }));
      return caller.meeting.create({
        planId,
        startsAt,
        durationMinutes: Number(text(form, "durationMinutes")) || 0,
        location: optionalText(form, "location") ?? null,
        videoLink: optionalText(form, "videoLink") ?? null,
        invitees,
        guests,
      });
    },
    {
      formId: "meeting-plan",
      // The chosen invitees as one value, as the planning form reads them back.
      values: { ...formValues(form), invitees: form.getAll("invitee").map(String).join(",") },
      fieldName: meetingFieldName,
      onSuccess: (created) => redirect(`/moter/${created.id}?lagret=meeting-create`),
    },
  );
}
