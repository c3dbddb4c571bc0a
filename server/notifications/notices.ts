import type { ChangeAction } from "../../app/domain/audit-actions.ts";
import { isUserSide, KE_ROLES } from "../../app/domain/schemas.ts";
import type { NoticeKind } from "../../app/domain/notice-kinds.ts";
import { formatDate, formatMeetingTime } from "../../app/domain/oslo-time.ts";
import type { Tx } from "../db/types.ts";
import type { ChangeEvent } from "../events.ts";
import { translate } from "../i18n.ts";
import { loadGroup } from "../meetings/group.ts";
import { storeNotifications, type NewNotification, type StoredNotification } from "./deliver.ts";

// Which change notifies whom: one table. Each committed change (server/records/write.ts) is
// matched against it inside its own transaction, and the notices are stored with the change.
// The actor is never told about their own action; plan notices go only to people who can see
// the plan now. Texts are stored in bokmål; an e-mail carries only the kind's name and a link.
//
// Scheduled notices come from jobs, not changes: case deadlines (server/cases/reminders.ts:
// case officer and KE leaders), meetings tomorrow and minutes overdue (server/meetings/reminders.ts:
// invitees, coordinator), evaluations falling due (server/goals/evaluation-reminders.ts: the
// person responsible for the measure, the coordinator for a goal).

type Text = { title: string; body: string };

interface Rule<A extends ChangeAction> {
  on: A;
  kind: NoticeKind;
  when?: (event: ChangeEvent<A>) => boolean;
  /** The people to tell (before the actor and those without access are taken out). */
  to: (tx: Tx, event: ChangeEvent<A>) => Promise<(string | null | undefined)[]>;
  /** Plan notices go only to people who see the plan now; a case's parties and the KE need not. */
  needsPlanAccess: boolean;
  text: (tx: Tx, event: ChangeEvent<A>) => Promise<Text>;
  link: (event: ChangeEvent<A>) => string;
  /** Same key, never twice (for changes that may repeat, like a meeting's sequence). */
  dedupe?: (event: ChangeEvent<A>, userId: string) => Promise<string>;
}

const rule = <A extends ChangeAction>(r: Rule<A>) => r as unknown as Rule<ChangeAction>;
const t = (key: string, params: Record<string, string | number> = {}) => translate("nb", key, params);
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

// ---------------------------------------------------------------------------------------------
// Who

async function coordinatingUnit(tx: Tx, municipalityId: string) {
  const people = await tx.user.findMany({ where: { municipalityId, active: true, roles: { some: { role: { in: [...KE_ROLES] } } } }, select: { id: true } });
  return people.map((p) => p.id);
}

async function coordinatorOf(tx: Tx, planId: string | null) {
  if (!planId) return [];
  const term = await tx.coordinatorAssignment.findFirst({ where: { planId, endedAt: null }, select: { coordinatorId: true } });
  return term ? [term.coordinatorId] : [];
}

/** The user and their representatives in a plan. */
async function userSideOf(tx: Tx, planId: string | null) {
  if (!planId) return [];
  return [...(await loadGroup(tx, planId)).userSide];
}

/**
 * The applicant (who sent the case, unless it is staff's notice of need), who it is about, and the
 * representatives in that person's plans.
 */
async function caseParties(tx: Tx, caseId: string | null) {
  if (!caseId) return [];
  const found = await tx.case.findUnique({ where: { id: caseId }, select: { type: true, submittedById: true, subjectUserId: true } });
  if (!found) return [];
  const representatives = found.subjectUserId
    ? await tx.planParticipant.findMany({
        where: { kind: "REPRESENTATIVE", active: true, userId: { not: null }, plan: { ownerId: found.subjectUserId, status: { not: "CLOSED" } } },
        select: { userId: true },
      })
    : [];
  const applicant = found.type === "NEED_NOTICE" ? null : found.submittedById;
  return [applicant, found.subjectUserId, ...representatives.map((r) => r.userId)];
}

/** Invitees who should hear about a meeting now: not removed, consented guests, members who still see the plan. */
async function reachableInvitees(tx: Tx, meetingId: string | null, options: { guests?: boolean } = {}) {
  if (!meetingId) return [];
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { planId: true } });
  const group = await loadGroup(tx, meeting.planId);
  const invitees = await tx.meetingInvitee.findMany({ where: { meetingId, removedAt: null, userId: { not: null } } });
  return invitees
    .filter((i) => (i.kind === "GUEST" ? options.guests !== false && i.consentGivenAt !== null : group.withAccess.has(i.userId!)))
    .map((i) => i.userId!);
}

// ---------------------------------------------------------------------------------------------
// What it says

async function caseText(tx: Tx, caseId: string | null, key: string): Promise<Text> {
  const found = await tx.case.findUniqueOrThrow({ where: { id: caseId! }, select: { reference: true, type: true } });
  const params = { reference: found.reference, caseType: t(`case.type.${found.type}`).toLowerCase() };
  return { title: t(`notifications.notice.${key}.title`, params), body: t(`notifications.notice.${key}.body`, params) };
}

async function userInputText(tx: Tx, event: ChangeEvent, key: string, extra: Record<string, string> = {}): Promise<Text> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: event.planId! }, select: { owner: { select: { name: true } } } });
  const who = t(event.planRole === "REPRESENTATIVE" ? "notifications.notice.userInput.asRepresentative" : "notifications.notice.userInput.asUser", { name: event.actorName });
  const params = { first: firstName(event.actorName), who, owner: plan.owner.name, ...extra };
  // The user writing in their own plan: "i planen sin"; a representative: "i planen til Kari Nordmann".
  const body = event.planRole === "OWNER" ? "bodyOwn" : "body";
  return { title: t(`notifications.notice.userInput.${key}.title`, params), body: t(`notifications.notice.userInput.${key}.${body}`, params) };
}

async function meetingText(tx: Tx, meetingId: string | null, key: string): Promise<Text> {
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId! }, select: { startsAt: true, location: true, videoLink: true } });
  const time = formatMeetingTime(meeting.startsAt);
  const place = meeting.location ?? t(meeting.videoLink ? "meeting.notify.place.video" : "meeting.notify.place.none");
  return { title: t(`meeting.notify.${key}.title`, { time }), body: t(`meeting.notify.${key}.body`, { time, place }) };
}

async function meetingDedupe(tx: Tx, meetingId: string | null, kind: string, userId: string) {
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId! }, select: { sequence: true } });
  return `meeting:${meetingId}:${kind}:${meeting.sequence}:${userId}`;
}

/** A notice whose words depend on nothing but its kind. */
const fixedText = (key: string) => async (): Promise<Text> => ({ title: t(`notifications.notice.${key}.title`), body: t(`notifications.notice.${key}.body`) });

const planLink = (e: ChangeEvent) => `/planer/${e.planId}`;
const questionsLink = (e: ChangeEvent) => `/planer/${e.planId}/sporsmal`;

/** A question's words are in its thread, never in the audit row: the notice quotes them. */
async function messageBody(tx: Tx, messageId: string) {
  return (await tx.planQuestionMessage.findUniqueOrThrow({ where: { id: messageId }, select: { body: true } })).body;
}
async function firstMessage(tx: Tx, questionId: string) {
  const first = await tx.planQuestionMessage.findFirstOrThrow({ where: { questionId }, orderBy: { createdAt: "asc" }, select: { body: true } });
  return first.body;
}
const caseLink = (e: ChangeEvent) => `/saker/${e.caseId}`;
const meetingLink = (e: ChangeEvent) => `/moter/${e.meetingId}`;

/**
 * An appointment, by coordinator.assign or by a decision that names a coordinator: the new
 * coordinator and the user's side are told; the one before is released.
 */
function appointment<A extends "coordinator.assign" | "case.decide">(on: A, handover: (e: ChangeEvent<A>) => { from: string | null; to: string } | null) {
  return [
    rule<A>({
      on,
      kind: "coordinator.appointed",
      needsPlanAccess: true,
      when: (e) => handover(e) !== null,
      to: async (tx, e) => [handover(e)!.to, ...(await userSideOf(tx, e.planId))],
      text: fixedText("coordinatorAppointed"),
      link: planLink,
    }),
    rule<A>({
      on,
      kind: "coordinator.released",
      needsPlanAccess: false,
      when: (e) => Boolean(handover(e)?.from),
      to: async (_tx, e) => [handover(e)!.from],
      text: fixedText("coordinatorReleased"),
      link: () => "/mine-planer",
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// The table

export const NOTICE_TABLE: readonly Rule<ChangeAction>[] = [
  // Cases
  rule({
    on: "case.create",
    kind: "case.received",
    needsPlanAccess: false,
    to: (tx, e) => coordinatingUnit(tx, e.municipalityId),
    text: (tx, e) => caseText(tx, e.caseId, "caseReceived"),
    link: caseLink,
  }),
  rule({
    on: "case.assign",
    kind: "case.assigned",
    needsPlanAccess: false,
    to: async (_tx, e) => [e.details.officerId],
    text: (tx, e) => caseText(tx, e.caseId, "caseAssigned"),
    link: caseLink,
  }),
  rule({
    on: "case.interim_reply",
    kind: "case.interim_reply",
    needsPlanAccess: false,
    to: (tx, e) => caseParties(tx, e.caseId),
    text: (tx, e) => caseText(tx, e.caseId, "interimReply"),
    link: caseLink,
  }),
  rule({
    on: "case.decide",
    kind: "case.decided",
    needsPlanAccess: false,
    to: (tx, e) => caseParties(tx, e.caseId),
    text: (tx, e) => caseText(tx, e.caseId, "caseDecided"),
    link: caseLink,
  }),
  // A decision that appoints a coordinator is also an appointment.
  ...appointment("case.decide", (e) => e.details.coordinator),

  // Coordinators
  ...appointment("coordinator.assign", (e) => e.details),
  // The coordinating unit's questions: in their own thread, never in the plan's log.
  rule({
    on: "plan.question",
    kind: "plan.question",
    needsPlanAccess: true,
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: async (tx, e) => ({ title: t("dashboard.questionTitle", { name: e.actorName }), body: await firstMessage(tx, e.details.questionId) }),
    link: questionsLink,
  }),
  rule({
    on: "plan.question.reply",
    kind: "plan.question_answered",
    needsPlanAccess: false,
    when: (e) => e.details.answered,
    to: async (tx, e) => [(await tx.planQuestion.findUniqueOrThrow({ where: { id: e.details.questionId }, select: { askedById: true } })).askedById],
    text: async (tx, e) => ({ title: t("dashboard.questionAnsweredTitle", { name: e.actorName }), body: await messageBody(tx, e.details.messageId) }),
    link: questionsLink,
  }),
  rule({
    on: "plan.question.reply",
    kind: "plan.question",
    needsPlanAccess: true,
    when: (e) => !e.details.answered,
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: async (tx, e) => ({ title: t("dashboard.questionFollowUpTitle", { name: e.actorName }), body: await messageBody(tx, e.details.messageId) }),
    link: questionsLink,
  }),

  // What the user (or their representative) wrote: the coordinator follows it up.
  rule({
    on: "goal.create",
    kind: "plan.user_input",
    needsPlanAccess: true,
    when: (e) => isUserSide(e.planRole),
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: (tx, e) => userInputText(tx, e, "goalCreated"),
    link: planLink,
  }),
  rule({
    on: "goal.update",
    kind: "plan.user_input",
    needsPlanAccess: true,
    when: (e) => isUserSide(e.planRole),
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: (tx, e) => userInputText(tx, e, "goalChanged"),
    link: planLink,
  }),
  rule({
    on: "plan.text.edit",
    kind: "plan.user_input",
    needsPlanAccess: true,
    when: (e) => isUserSide(e.planRole) && e.details.kind === "plan",
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: (tx, e) => userInputText(tx, e, "aboutChanged"),
    link: planLink,
  }),
  rule({
    on: "meeting.respond",
    kind: "plan.user_input",
    needsPlanAccess: true,
    when: (e) => isUserSide(e.planRole),
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: (tx, e) => userInputText(tx, e, "meetingAnswered", { answer: t(`notifications.notice.answer.${e.details.response}`) }),
    link: meetingLink,
  }),
  rule({
    on: "meeting.agenda.add",
    kind: "plan.user_input",
    needsPlanAccess: true,
    when: (e) => isUserSide(e.planRole),
    to: (tx, e) => coordinatorOf(tx, e.planId),
    text: (tx, e) => userInputText(tx, e, "agendaPoint"),
    link: meetingLink,
  }),

  // Measures given to someone
  rule({
    on: "measure.create",
    kind: "measure.assigned",
    needsPlanAccess: true,
    when: (e) => Boolean(e.details.responsibleUserId),
    to: async (_tx, e) => [e.details.responsibleUserId],
    text: fixedText("measureAssigned"),
    link: planLink,
  }),
  rule({
    on: "measure.update",
    kind: "measure.assigned",
    needsPlanAccess: true,
    when: (e) => Boolean(e.details.responsibleUserId),
    to: async (_tx, e) => [e.details.responsibleUserId],
    text: fixedText("measureAssigned"),
    link: planLink,
  }),

  // Meetings
  rule({
    on: "meeting.create",
    kind: "meeting.invitation",
    needsPlanAccess: false,
    to: (tx, e) => reachableInvitees(tx, e.meetingId),
    text: (tx, e) => meetingText(tx, e.meetingId, "invitation"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.update",
    kind: "meeting.invitation",
    needsPlanAccess: false,
    when: (e) => e.details.added.length > 0,
    to: async (tx, e) => (await reachableInvitees(tx, e.meetingId)).filter((id) => e.details.added.includes(id)),
    text: (tx, e) => meetingText(tx, e.meetingId, "invitation"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.update",
    kind: "meeting.updated",
    needsPlanAccess: false,
    when: (e) => e.details.fields.length > 0,
    to: async (tx, e) => (await reachableInvitees(tx, e.meetingId)).filter((id) => !e.details.added.includes(id)),
    text: (tx, e) => meetingText(tx, e.meetingId, "updated"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.update",
    kind: "meeting.uninvited",
    needsPlanAccess: false,
    when: (e) => e.details.removed.length > 0,
    to: async (_tx, e) => e.details.removed,
    text: (tx, e) => meetingText(tx, e.meetingId, "uninvited"),
    // They may no longer open the meeting itself: their own list of meetings.
    link: () => "/moter",
  }),
  rule({
    on: "meeting.cancel",
    kind: "meeting.cancelled",
    needsPlanAccess: false,
    to: (tx, e) => reachableInvitees(tx, e.meetingId),
    text: (tx, e) => meetingText(tx, e.meetingId, "cancelled"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.guest.add",
    kind: "meeting.invitation",
    needsPlanAccess: false,
    when: (e) => e.details.consent && e.details.guestUserId !== null,
    to: async (_tx, e) => [e.details.guestUserId],
    text: (tx, e) => meetingText(tx, e.meetingId, "invitation"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.guest.consent",
    kind: "meeting.invitation",
    needsPlanAccess: false,
    when: (e) => e.details.newlyConsented && e.details.guestUserId !== null,
    to: async (_tx, e) => [e.details.guestUserId],
    text: (tx, e) => meetingText(tx, e.meetingId, "invitation"),
    link: meetingLink,
  }),
  rule({
    on: "minutes.approved",
    kind: "meeting.approved",
    needsPlanAccess: true,
    to: async (tx, e) => [...(await reachableInvitees(tx, e.meetingId, { guests: false })), ...(await userSideOf(tx, e.planId))],
    text: (tx, e) => meetingText(tx, e.meetingId, "approved"),
    link: meetingLink,
  }),
  rule({
    on: "meeting.task.create",
    kind: "meeting.task",
    needsPlanAccess: true,
    to: async (_tx, e) => [e.details.responsibleUserId],
    text: async (tx, e) => {
      const task = await tx.meetingTask.findUniqueOrThrow({ where: { id: e.details.taskId }, select: { title: true, dueDate: true } });
      return { title: t("meeting.notify.task.title"), body: t("meeting.notify.task.body", { title: task.title, due: formatDate(task.dueDate, "nb") }) };
    },
    link: meetingLink,
    dedupe: (e, userId) => Promise.resolve(`meeting-task:${e.details.taskId}:${userId}`),
  }),
];

/** The notices a committed change causes, stored in its transaction. */
export async function sendNotices(tx: Tx, event: ChangeEvent): Promise<StoredNotification[]> {
  const rules = NOTICE_TABLE.filter((r) => r.on === event.action && (!r.when || r.when(event)));
  if (!rules.length) return [];
  const withAccess = event.planId ? (await loadGroup(tx, event.planId)).withAccess : new Set<string>();
  const items: NewNotification[] = [];
  for (const r of rules) {
    const people = new Set((await r.to(tx, event)).filter((id): id is string => Boolean(id)));
    people.delete(event.actorId);
    const recipients = [...people].filter((id) => !r.needsPlanAccess || withAccess.has(id));
    if (!recipients.length) continue;
    const text = await r.text(tx, event);
    for (const userId of recipients) {
      items.push({
        municipalityId: event.municipalityId,
        userId,
        kind: r.kind,
        actorId: event.actorId,
        ...text,
        link: r.link(event),
        planId: event.planId ?? undefined,
        caseId: event.caseId ?? undefined,
        meetingId: event.meetingId ?? undefined,
        dedupeKey: r.dedupe ? await r.dedupe(event, userId) : r.kind.startsWith("meeting.") && event.meetingId ? await meetingDedupe(tx, event.meetingId, r.kind.slice(8), userId) : undefined,
      });
    }
  }
  return storeNotifications(tx, items);
}
