import type { z } from "zod";
import type { MeetingStatus } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { notFound } from "../errors.ts";
import { planContentWhere, planPolicy, type PlanAccess } from "../plans/access.ts";
import { read } from "../records/read.ts";
import { namesOf } from "../users/names.ts";
import { isOpen, meetingPolicy, memberMeetingAccess, minutesDocumentName, type MeetingAccess } from "./access.ts";
import { myOpenTasks } from "./tasks.ts";
import type { meetingListInput, meetingReadInput } from "./schemas.ts";

// Reading meetings: one meeting as the caller may see it, a plan's meetings, the caller's coming
// meetings, and the last and next meeting of plans for lists. Reads of meeting content are audited.

type In<T extends z.ZodType> = z.infer<T>;

/**
 * One meeting as the caller may see it; the read is audited. Plan members see everything,
 * including the minutes (a draft is the co-edited document's stored text), the actions taken and
 * the tasks. A guest sees the time, place, who is invited and the agenda.
 */
export async function getMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof meetingReadInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, meetingPolicy(input.meetingId), "meeting.view", async (tx, { access }) => ({
    result: await meetingView(tx, access),
    details: access.member ? undefined : { as: "guest" },
  }));
}

/** A meeting's parts as meetingView shows them; what only members read is read only for them. */
const partsOf = (members: boolean) =>
  ({
    invitees: { where: { removedAt: null }, orderBy: { createdAt: "asc" } },
    agenda: { orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] },
    plan: { select: { owner: { select: { id: true, name: true } } } },
    actions: members && { orderBy: { createdAt: "asc" } },
    tasks: members && { orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] },
    corrections: members && { orderBy: { createdAt: "asc" } },
  }) satisfies Prisma.MeetingSelect;

type Parts = Prisma.MeetingGetPayload<{ select: ReturnType<typeof partsOf> }>;

/** One meeting as meeting.byId answers it, for a caller whose access to it has been resolved. */
export async function meetingView(tx: Tx, access: MeetingAccess, known?: ReadonlyMap<string, string>) {
  // Its parts in one statement.
  const parts = await tx.meeting.findUniqueOrThrow({ where: { id: access.meeting.id }, select: partsOf(access.canReadMinutes) });
  return viewFrom(tx, access, parts, known);
}

/**
 * Some of the plan's meetings in full, as meetingView answers them, for a plan member whose access
 * the read has resolved ("Min plan", decision 041): the meetings, the caller's invitations and
 * their parts in one statement, in the order asked. A meeting of another plan is NOT_FOUND. The
 * minutes are the approved ones only: "Min plan" shows no draft, so a draft's text is not read.
 */
export async function memberMeetingViews(tx: Tx, actor: SessionUser, meetingIds: string[], member: PlanAccess, known?: ReadonlyMap<string, string>) {
  if (!meetingIds.length) return [];
  const found = await tx.meeting.findMany({ where: { id: { in: meetingIds }, planId: member.planId, municipalityId: actor.municipalityId }, include: partsOf(true) });
  const byId = new Map(found.map((m) => [m.id, m]));
  return Promise.all(
    meetingIds.map((meetingId) => {
      const one = byId.get(meetingId);
      if (!one) throw notFound();
      const { invitees, agenda, plan, actions, tasks, corrections, ...meeting } = one;
      const invitee = invitees.find((i) => i.userId === actor.id) ?? null;
      return viewFrom(tx, memberMeetingAccess(actor, meeting, invitee, member), { invitees, agenda, plan, actions, tasks, corrections }, known, { draft: false });
    }),
  );
}

/** `draft: false` leaves a draft's minutes out (null) instead of reading the co-edited text. */
async function viewFrom(tx: Tx, access: MeetingAccess, parts: Parts, known?: ReadonlyMap<string, string>, { draft: withDraft = true } = {}) {
  const { meeting, member } = access;
  const members = access.canReadMinutes;
  const { invitees, agenda, plan } = parts;
  const [actions, tasks, corrections] = [parts.actions ?? [], parts.tasks ?? [], parts.corrections ?? []];
  const showsMinutes = members && (withDraft || meeting.status === "APPROVED");
  const draft =
    showsMinutes && meeting.status !== "APPROVED"
      ? await tx.collabDocument.findUnique({ where: { name: minutesDocumentName(meeting.id) }, select: { text: true, html: true, updatedAt: true } })
      : null;
  const names = await namesOf(tx, meeting.municipalityId, [
    meeting.organizerId,
    meeting.minutesApprovedById,
    meeting.cancelledById,
    ...agenda.map((a) => a.addedById),
    ...actions.map((a) => a.actorId),
    ...tasks.map((t) => t.responsibleUserId),
    ...corrections.map((c) => c.authorId),
    ...invitees.flatMap((i) => [i.consentGivenById, i.consentRecordedById]),
  ], known);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "" } : null);

  return {
    id: meeting.id,
    planId: meeting.planId,
    owner: plan.owner,
    status: meeting.status,
    startsAt: meeting.startsAt,
    endsAt: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    durationMinutes: meeting.durationMinutes,
    location: meeting.location,
    videoLink: meeting.videoLink,
    sequence: meeting.sequence,
    version: meeting.version,
    organizer: person(meeting.organizerId),
    cancelledAt: meeting.cancelledAt,
    cancelledBy: person(meeting.cancelledById),
    cancelReason: members ? meeting.cancelReason : null,
    attendanceRecordedAt: meeting.attendanceRecordedAt,
    invitees: invitees
      // A guest sees the others who come, not guests still waiting for the user's consent.
      .filter((i) => members || i.kind !== "GUEST" || i.consentGivenAt)
      .map((i) => ({
        id: i.id,
        kind: i.kind,
        userId: i.userId,
        participantId: i.participantId,
        name: i.name,
        organisation: i.organisation,
        response: i.response,
        respondedAt: i.respondedAt,
        attended: i.attended,
        awaitingConsent: i.kind === "GUEST" && !i.consentGivenAt,
        consent:
          members && i.kind === "GUEST" && i.consentGivenAt
            ? { givenBy: person(i.consentGivenById), givenAt: i.consentGivenAt, recordedBy: person(i.consentRecordedById) }
            : null,
      })),
    agenda: agenda.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      note: a.note,
      goalId: a.goalId,
      measureId: a.measureId,
      taskId: a.taskId,
      sourceType: a.sourceType,
      sourceId: a.sourceId,
      sortOrder: a.sortOrder,
      addedBy: person(a.addedById),
      version: a.version,
    })),
    myInvitation: access.invitee ? { id: access.invitee.id, kind: access.invitee.kind, response: access.invitee.response } : null,
    minutes: showsMinutes
      ? {
          documentName: minutesDocumentName(meeting.id),
          approved: meeting.status === "APPROVED",
          /** The approved text, or while a draft the co-edited document's last stored text. */
          text: meeting.status === "APPROVED" ? (meeting.minutesText ?? "") : (draft?.text ?? ""),
          html: meeting.status === "APPROVED" ? meeting.minutesHtml : (draft?.html ?? null),
          approvedAt: meeting.minutesApprovedAt,
          approvedBy: person(meeting.minutesApprovedById),
          corrections: corrections.map((c) => ({ id: c.id, label: "Rettelse", text: c.text, createdAt: c.createdAt, author: person(c.authorId) })),
        }
      : null,
    actions: actions.map((a) => ({ id: a.id, kind: a.kind, targetType: a.targetType, targetId: a.targetId, summary: a.summary, createdAt: a.createdAt, actor: person(a.actorId) })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      responsible: person(t.responsibleUserId),
      dueDate: t.dueDate,
      status: t.status,
      completedAt: t.completedAt,
      version: t.version,
    })),
    access: {
      role: member?.role ?? ("GUEST" as const),
      /** The coordinating unit's stated purpose for this visit. */
      purpose: member?.purpose ?? null,
      canEdit: access.canEdit && isOpen(meeting),
      canEditMinutes: access.canEdit && isOpen(meeting),
      canApprove: access.canApprove && meeting.status !== "APPROVED" && meeting.status !== "CANCELLED",
      canAddAgendaPoint: access.canAddAgendaPoint && isOpen(meeting),
      canAddCorrection: access.canEdit && meeting.status === "APPROVED",
      canReadMinutes: access.canReadMinutes,
      canRespond: access.invitee !== null && meeting.status === "PLANNED",
    },
  };
}

/** The plan's meetings, newest first, for plan members; the read is audited. */
export async function listMeetings(prisma: PrismaClient, actor: SessionUser, input: In<typeof meetingListInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "meeting.list", async (tx) => ({ result: await meetingsOf(tx, actor, input.planId) }));
}

/** The plan's meetings as meeting.list answers them, for a caller whose access the read has resolved. */
export async function meetingsOf(tx: Tx, actor: SessionUser, planId: string) {
  const meetings = await tx.meeting.findMany({
    where: { planId },
    orderBy: { startsAt: "desc" },
    take: 200,
    select: {
      id: true,
      startsAt: true,
      durationMinutes: true,
      location: true,
      videoLink: true,
      status: true,
      minutesApprovedAt: true,
      attendanceRecordedAt: true,
      _count: { select: { tasks: { where: { status: "OPEN" } }, agenda: true } },
      invitees: { where: { userId: actor.id, removedAt: null }, select: { id: true, response: true } },
    },
  });
  return meetings.map(({ _count, invitees, ...m }) => ({
    ...m,
    openTasks: _count.tasks,
    agendaItems: _count.agenda,
    myInvitation: invitees[0] ?? null,
  }));
}

const ended = (m: { startsAt: Date; durationMinutes: number }, now: Date) => m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime();

/**
 * "Min plan"'s meetings (decision 041): the next meeting in full (agenda, own answer), the ones
 * after it, the last meeting with approved minutes in full, the ones before it, and the caller's
 * own open follow-up tasks in this plan. Each part is what meeting.list, meeting.byId and
 * task.mine answer, for a caller whose access to the plan the read has resolved. The names of
 * the plan's people come with the plan, so the meetings ask only for others'.
 */
export async function myPlanMeetingsOf(tx: Tx, actor: SessionUser, access: PlanAccess, plan: { ownerName: string; names: ReadonlyMap<string, string> }, now = new Date()) {
  const list = await meetingsOf(tx, actor, access.planId);
  const coming = list.filter((m) => m.status === "PLANNED" && !ended(m, now)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const approved = list.filter((m) => m.status === "APPROVED");
  const shown = [coming[0]?.id, approved[0]?.id].filter((id): id is string => Boolean(id));
  const [inFull, tasks] = await Promise.all([
    memberMeetingViews(tx, actor, shown, access, plan.names),
    // task.mine leaves out closed plans.
    access.closed ? Promise.resolve([]) : myOpenTasks(tx, actor, new Map([[access.planId, plan.ownerName]])),
  ]);
  const view = (meeting: { id: string } | undefined) => inFull.find((m) => m.id === meeting?.id) ?? null;
  return { next: view(coming[0]), later: coming.slice(1), lastApproved: view(approved[0]), olderApproved: approved.slice(1, 6), tasks };
}

/**
 * The caller's coming meetings: those they are invited to (in plans they still see, or as a
 * consented guest) and those of plans they coordinate. Overview fields only: no agenda or minutes.
 */
export async function listUpcomingMeetings(prisma: PrismaClient, actor: SessionUser) {
  const now = new Date();
  const invited = { some: { userId: actor.id, removedAt: null } };
  const meetings = await prisma.meeting.findMany({
    where: {
      municipalityId: actor.municipalityId,
      status: "PLANNED",
      startsAt: { gte: new Date(now.getTime() - 12 * 3_600_000) },
      OR: [
        { plan: planContentWhere(actor, now), OR: [{ invitees: invited }, { plan: { coordinators: { some: { coordinatorId: actor.id, endedAt: null } } } }] },
        { invitees: { some: { userId: actor.id, removedAt: null, kind: "GUEST", consentGivenAt: { not: null } } } },
      ],
    },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: {
      id: true,
      planId: true,
      startsAt: true,
      durationMinutes: true,
      location: true,
      videoLink: true,
      status: true,
      plan: { select: { owner: { select: { name: true } } } },
      invitees: { where: { userId: actor.id, removedAt: null }, select: { id: true, kind: true, response: true } },
    },
  });
  const memberPlans = new Set(
    (await prisma.plan.findMany({ where: { ...planContentWhere(actor, now), id: { in: [...new Set(meetings.map((m) => m.planId))] } }, select: { id: true } })).map((p) => p.id),
  );
  return meetings.map(({ plan, invitees, ...m }) => ({
    ...m,
    asGuest: !memberPlans.has(m.planId),
    ownerName: memberPlans.has(m.planId) ? plan.owner.name : null,
    myInvitation: invitees[0] ?? null,
  }));
}


// A plan's last meeting is the latest one not cancelled that has started; its next is the first
// planned one still to come. One rule, as a `where` for lists (grouped in the database) and as a
// predicate for a plan read with its meetings (plan.byId), as in plans/access.ts.
const pastMeetingWhere = (now: Date) => ({ status: { not: "CANCELLED" as const }, startsAt: { lte: now } });
const nextMeetingWhere = (now: Date) => ({ status: "PLANNED" as const, startsAt: { gt: now } });
type DatedMeeting = { startsAt: Date; status: MeetingStatus };
const isPastMeeting = (m: DatedMeeting, now: Date) => m.status !== "CANCELLED" && m.startsAt <= now;
const isNextMeeting = (m: DatedMeeting, now: Date) => m.status === "PLANNED" && m.startsAt > now;

/** What a plan read selects of its meetings for `meetingDatesOf`: those either rule can pick. */
export const datedMeetingsOfPlan = (now: Date) => ({
  where: { OR: [pastMeetingWhere(now), nextMeetingWhere(now)] },
  select: { startsAt: true, status: true },
});

/** Last held and next planned meeting, from a plan's meetings (read by `datedMeetingsOfPlan`). */
export function meetingDatesOf(meetings: DatedMeeting[], now: Date) {
  let lastMeetingAt: Date | null = null;
  let nextMeetingAt: Date | null = null;
  for (const m of meetings) {
    if (isPastMeeting(m, now) && (!lastMeetingAt || m.startsAt > lastMeetingAt)) lastMeetingAt = m.startsAt;
    if (isNextMeeting(m, now) && (!nextMeetingAt || m.startsAt < nextMeetingAt)) nextMeetingAt = m.startsAt;
  }
  return { lastMeetingAt, nextMeetingAt };
}

/** Last held (not cancelled) and next planned meeting per plan, for lists and the dashboard. */
export async function meetingDatesForPlans(tx: Tx, planIds: string[], now = new Date()) {
  const result = new Map<string, { lastMeetingAt: Date | null; nextMeetingAt: Date | null }>();
  if (!planIds.length) return result;
  const past = await tx.meeting.groupBy({ by: ["planId"], where: { planId: { in: planIds }, ...pastMeetingWhere(now) }, _max: { startsAt: true } });
  const next = await tx.meeting.groupBy({ by: ["planId"], where: { planId: { in: planIds }, ...nextMeetingWhere(now) }, _min: { startsAt: true } });
  for (const id of planIds) result.set(id, { lastMeetingAt: null, nextMeetingAt: null });
  for (const row of past) result.get(row.planId)!.lastMeetingAt = row._max.startsAt;
  for (const row of next) result.get(row.planId)!.nextMeetingAt = row._min.startsAt;
  return result;
}
