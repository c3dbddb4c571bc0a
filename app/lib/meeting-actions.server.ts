import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt } from "./call.server.ts";
import type { FormResult } from "./form-result.ts";
import { changedFields, formValues, optionalDate, optionalScore, optionalText, text } from "./form-values.ts";
import { safeRedirect } from "./roles.ts";

// The meetings' forms (components/meeting) post here, to /moter/<id>, from whichever page shows
// them. Each names its `intent`. With JavaScript the answer is data; without it, a redirect back
// to the page the form was on (post/redirect/get) or, on a refusal, the meeting page with the
// person's own input and the message.

type Handler = (caller: Caller, form: FormData, meetingId: string) => Promise<unknown>;

/** The minutes changed after the approver saw them: show them the text as it is now. */
class MinutesChanged extends Error {}

/** Marks a refusal decided here, before (or instead of) calling a procedure. */
export class FormRefusal extends Error {
  constructor(
    readonly messageKey: string,
    readonly field?: string,
  ) {
    super(messageKey);
  }
}

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
export function meetingTimeFrom(form: FormData): string {
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
    // since (someone still writing, or a save that came later), they are asked to look again.
    const seen = text(form, "seen").trim();
    const now = await caller.meeting.byId({ meetingId });
    if ((now.minutes?.text ?? "").trim() !== seen) throw new MinutesChanged();
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
 * Per-field messages keyed by the forms' field names: "changes.startsAt" → "date",
 * "guests.1.email" → "guest-1-email" (the planning form's rows), "invitees.0" → "invitees".
 */
export function formFieldErrors(fieldErrors: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fieldErrors) return undefined;
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const guest = /^guests\.(\d+)\.(\w+)/.exec(path);
    if (guest) {
      out[`guest-${guest[1]}-${guest[2] === "userId" ? "name" : guest[2]}`] ??= message;
      continue;
    }
    const field = path.replace(/^changes\./, "").replace(/\.\d+.*$/, "");
    out[FIELD_ALIASES[field] ?? field] ??= message;
  }
  return out;
}

export function isMeetingIntent(intent: string): boolean {
  return intent in handlers;
}

/** Runs one of the meetings' forms for the meeting `meetingId`. */
export async function meetingAction(context: AppLoadContext, request: Request, meetingId: string, form: FormData) {
  const intent = text(form, "intent");
  const formId = text(form, "_formId") || intent;
  const withJs = text(form, "_js") === "1";
  const values = formValues(form);
  const t = createI18n(context.lang).t;
  const handler = handlers[intent];
  if (!handler) return json<FormResult>({ formId, ok: false, message: t("errors.code.BAD_REQUEST"), values }, { status: 400 });
  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt(context, (caller) => handler(caller, form, meetingId));
  } catch (error) {
    if (error instanceof MinutesChanged) return redirect(`/moter/${meetingId}?godkjenn=1&endret=1#godkjenning`);
    if (error instanceof FormRefusal) {
      const message = t(error.messageKey);
      const fieldErrors = error.field ? { [error.field]: message } : undefined;
      return json<FormResult>({ formId, ok: false, message: fieldErrors ? t("validation.prefix") : message, fieldErrors, values }, { status: 400 });
    }
    throw error;
  }
  if (result.ok) {
    const meetingPage = `/moter/${meetingId}`;
    if (BACK_TO_MEETING.has(intent)) return redirect(`${meetingPage}?lagret=${intent}`);
    if (withJs) return json<FormResult>({ formId, ok: true });
    // Without JavaScript: back to the page the form was on, at the part that changed, with a receipt.
    const back = new URL(safeRedirect(text(form, "_back"), meetingPage), "http://portal.invalid");
    back.searchParams.set("lagret", intent);
    const anchor = text(form, "_anchor").replace(/[^a-z0-9-]/gi, "");
    return redirect(`${back.pathname}${back.search}${anchor ? `#${anchor}` : ""}`);
  }
  const { error } = result;
  const fieldErrors = formFieldErrors(error.fieldErrors);
  return json<FormResult>({ formId, ok: false, message: fieldErrors ? t("validation.prefix") : error.message, fieldErrors, values }, { status: error.status });
}
