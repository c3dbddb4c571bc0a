import type { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { currentProjection } from "../collab/store.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Meeting, MeetingInvitee, Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { translate } from "../i18n.ts";
import { announceNotifications, createNotifications, type NewNotification } from "../notifications/service.ts";
import { planContentWhere, requireRight, resolvePlanAccess, type PlanAccess } from "../plans/access.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { AppError } from "../trpc/errors.ts";
import { minutesDocumentName, resolveMeetingAccess } from "./access.ts";
import { buildAgenda } from "./agenda.ts";
import { loadGroup, type Group } from "./group.ts";
import { buildMeetingIcs, PARTSTAT } from "./ics.ts";
import type {
  addAgendaItemInput,
  addCorrectionInput,
  addGuestInput,
  agendaItemIdInput,
  approveMinutesInput,
  cancelMeetingInput,
  completeTaskInput,
  createMeetingInput,
  createTaskInput,
  GuestInput,
  meetingIdInput,
  meetingListInput,
  meetingReadInput,
  recordAttendanceInput,
  recordGuestConsentInput,
  reorderAgendaInput,
  respondInput,
  updateAgendaItemInput,
  updateMeetingInput,
} from "./schemas.ts";
import { formatMeetingTime } from "./time.ts";
import { announceMeetingChange, changeMeeting } from "./write.ts";

// Responsibility-group meetings: planning, agenda, what is done in the meeting, attendance,
// minutes and follow-up tasks. Access and audit as for the plan (server/meetings/access.ts);
// the rules are in docs/decisions/010-meetings.md.

type In<T extends z.ZodType> = z.infer<T>;
type InviteeData = Omit<Prisma.MeetingInviteeCreateManyInput, "meetingId">;

const dayText = (d: Date) => new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);
const isUserSide = (access: PlanAccess) => access.role === "OWNER" || access.role === "REPRESENTATIVE";

// ---------------------------------------------------------------------------------------------
// Who is invited

function memberInvitee(group: Group, ref: { userId?: string; participantId?: string }): InviteeData {
  const person = ref.userId ? group.people.find((p) => p.userId === ref.userId) : group.people.find((p) => p.participantId === ref.participantId);
  if (!person) throw new AppError("BAD_REQUEST", "meeting.inviteeNotInGroup");
  if (!person.hasAccess) throw new AppError("BAD_REQUEST", "meeting.inviteeWithoutConsent");
  return { kind: person.kind, userId: person.userId, participantId: person.participantId, name: person.name, email: person.email, organisation: person.organisation };
}

const inviteeKey = (i: { userId?: string | null; participantId?: string | null; id?: string }) => i.userId ?? i.participantId ?? i.id ?? "";

/** The guest's consent: the user or representative gives it; anyone else records that the user gave it. */
function guestConsent(group: Group, access: PlanAccess, actor: SessionUser, consent: { givenById?: string; givenAt?: Date } | undefined) {
  const actorIsUserSide = isUserSide(access);
  if (!consent && !actorIsUserSide) return {};
  const givenById = consent?.givenById ?? (actorIsUserSide ? actor.id : group.plan.ownerId);
  if (!group.userSide.has(givenById)) throw new AppError("BAD_REQUEST", "meeting.consentGiverNotUser");
  const now = new Date();
  const givenAt = consent?.givenAt && consent.givenAt < now ? consent.givenAt : now;
  return { consentGivenById: givenById, consentGivenAt: givenAt, consentRecordedById: actor.id };
}

async function guestInvitee(tx: Tx, group: Group, access: PlanAccess, actor: SessionUser, guest: GuestInput): Promise<InviteeData> {
  let person: { userId: string | null; name: string; email: string | null };
  if (guest.userId) {
    const user = await tx.user.findFirst({ where: { id: guest.userId, municipalityId: access.municipalityId, active: true }, select: { id: true, name: true, email: true } });
    if (!user) throw new AppError("BAD_REQUEST", "meeting.unknownPerson");
    if (group.withAccess.has(user.id)) throw new AppError("BAD_REQUEST", "meeting.guestIsMember");
    person = { userId: user.id, name: user.name, email: user.email };
  } else {
    person = { userId: null, name: guest.name!, email: guest.email ?? null };
  }
  return { kind: "GUEST", participantId: null, ...person, organisation: guest.organisation ?? null, ...guestConsent(group, access, actor, guest.consent) };
}

/** Invitees who should hear about the meeting now: not removed, consented guests, members who still see the plan. */
function reachable(invitees: MeetingInvitee[], group: Group, exceptUserId?: string) {
  return invitees.filter(
    (i) =>
      i.userId !== null &&
      i.userId !== exceptUserId &&
      !i.removedAt &&
      (i.kind === "GUEST" ? i.consentGivenAt !== null : group.withAccess.has(i.userId)),
  );
}

type NoticeKind = "invitation" | "updated" | "cancelled" | "uninvited" | "approved";

function placeText(meeting: Pick<Meeting, "location" | "videoLink">) {
  return meeting.location ?? translate("nb", meeting.videoLink ? "meeting.notify.place.video" : "meeting.notify.place.none");
}

/** A notification about a meeting: time and place only, never the plan's content (it may be e-mailed). */
function notice(meeting: Meeting, userId: string, kind: NoticeKind): NewNotification {
  const time = formatMeetingTime(meeting.startsAt);
  return {
    municipalityId: meeting.municipalityId,
    userId,
    kind: `meeting.${kind}`,
    title: translate("nb", `meeting.notify.${kind}.title`, { time }),
    body: translate("nb", `meeting.notify.${kind}.body`, { time, place: placeText(meeting) }),
    link: `/moter/${meeting.id}`,
    meetingId: meeting.id,
    dedupeKey: `meeting:${meeting.id}:${kind}:${meeting.sequence}:${userId}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Planning

export async function createMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof createMeetingInput>, meta: RequestMeta) {
  const { meeting, created } = await prisma.$transaction(async (tx) => {
    const access = await resolvePlanAccess(tx, actor, input.planId);
    requireRight(access.canEditPlan);
    const group = await loadGroup(tx, input.planId);
    const meeting = await tx.meeting.create({
      data: {
        municipalityId: access.municipalityId,
        planId: input.planId,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        location: input.location || null,
        videoLink: input.videoLink || null,
        organizerId: actor.id,
      },
    });
    // The user is always invited (it is their plan), and so is whoever schedules the meeting.
    const rows = new Map<string, InviteeData>();
    for (const ref of [{ userId: group.plan.ownerId }, { userId: actor.id }, ...input.invitees]) {
      const row = memberInvitee(group, ref);
      rows.set(inviteeKey(row), row);
    }
    for (const guest of input.guests) {
      const row = await guestInvitee(tx, group, access, actor, guest);
      rows.set(row.userId ?? `guest:${rows.size}`, row);
    }
    await tx.meetingInvitee.createMany({
      data: [...rows.values()].map((row) => ({
        ...row,
        meetingId: meeting.id,
        ...(row.userId === actor.id ? { response: "YES" as const, respondedAt: new Date() } : {}),
      })),
    });
    const agenda = await buildAgenda(tx, input.planId, meeting);
    if (agenda.length) await tx.agendaItem.createMany({ data: agenda.map((item, index) => ({ ...item, meetingId: meeting.id, sortOrder: index })) });

    const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: meeting.id } });
    await tx.plan.update({ where: { id: input.planId }, data: { lastActivityAt: new Date() } });
    await recordAudit(tx, {
      action: "meeting.create",
      municipalityId: access.municipalityId,
      actorId: actor.id,
      planId: input.planId,
      targetType: "meeting",
      targetId: meeting.id,
      details: { invitees: invitees.length, guests: invitees.filter((i) => i.kind === "GUEST").length, agendaItems: agenda.length },
      meta,
    });
    const created = await createNotifications(tx, reachable(invitees, group, actor.id).map((i) => notice(meeting, i.userId!, "invitation")));
    return { meeting, created };
  });
  announceNotifications(created);
  announceMeetingChange(meeting.id, meeting.planId, meeting.municipalityId, actor.id, "meeting.create");
  return { id: meeting.id, planId: meeting.planId, version: meeting.version, sequence: meeting.sequence };
}

export async function updateMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof updateMeetingInput>, meta: RequestMeta) {
  return changeMeeting(prisma, actor, meta, input.meetingId, { action: "meeting.update", allowed: (a) => a.canEdit, requireOpen: true }, async (tx, access) => {
    const current = access.meeting;
    assertCurrentVersion(current, input.version);
    if (current.status !== "PLANNED") throw new AppError("BAD_REQUEST", "meeting.alreadyHeld");
    const changes = Object.fromEntries(
      Object.entries(input.changes).filter(([key, value]) => {
        const before = current[key as keyof typeof input.changes];
        return value instanceof Date && before instanceof Date ? value.getTime() !== before.getTime() : (value ?? null) !== before;
      }),
    ) as typeof input.changes;
    const location = "location" in changes ? changes.location || null : current.location;
    const videoLink = "videoLink" in changes ? changes.videoLink || null : current.videoLink;
    if (!location && !videoLink) throw new AppError("BAD_REQUEST", "meeting.placeOrVideo");

    const group = await loadGroup(tx, access.planId);
    const existing = await tx.meetingInvitee.findMany({ where: { meetingId: current.id } });
    const added: string[] = [];
    for (const ref of input.addInvitees ?? []) {
      const row = memberInvitee(group, ref);
      const same = existing.find((i) => inviteeKey(i) === inviteeKey(row));
      if (same && !same.removedAt) continue;
      if (same) await tx.meetingInvitee.update({ where: { id: same.id }, data: { removedAt: null, response: "PENDING", respondedAt: null } });
      else await tx.meetingInvitee.create({ data: { ...row, meetingId: current.id } });
      added.push(inviteeKey(row));
    }
    const removed: MeetingInvitee[] = [];
    for (const inviteeId of input.removeInviteeIds ?? []) {
      const row = existing.find((i) => i.id === inviteeId && !i.removedAt);
      if (!row) throw new AppError("BAD_REQUEST", "meeting.unknownInvitee");
      if (row.kind === "OWNER") throw new AppError("BAD_REQUEST", "meeting.ownerAlwaysInvited");
      await tx.meetingInvitee.update({ where: { id: row.id }, data: { removedAt: new Date() } });
      removed.push(row);
    }
    const timeChanged = "startsAt" in changes || "durationMinutes" in changes;
    const significant = Object.keys(changes).length > 0 || added.length > 0 || removed.length > 0;
    await applyVersioned(
      tx.meeting.updateMany({
        where: { id: current.id, version: input.version },
        data: { ...changes, location, videoLink, version: { increment: 1 }, ...(significant ? { sequence: { increment: 1 } } : {}) },
      }),
      () => tx.meeting.findUnique({ where: { id: current.id } }),
    );
    // A new time asks everyone again (as calendar programs do); the person changing it still comes.
    if (timeChanged) {
      await tx.meetingInvitee.updateMany({ where: { meetingId: current.id, userId: { not: actor.id } }, data: { response: "PENDING", respondedAt: null } });
    }
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: current.id } });
    const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: current.id } });
    const notifications: NewNotification[] = [];
    for (const i of reachable(invitees, group, actor.id)) {
      if (added.includes(inviteeKey(i))) notifications.push(notice(meeting, i.userId!, "invitation"));
      else if (Object.keys(changes).length) notifications.push(notice(meeting, i.userId!, "updated"));
    }
    for (const r of removed) if (r.userId && r.userId !== actor.id) notifications.push(notice(meeting, r.userId, "uninvited"));
    return {
      result: { id: meeting.id, version: meeting.version, sequence: meeting.sequence },
      details: { meetingId: meeting.id, fields: Object.keys(changes), added: added.length, removed: removed.length },
      notifications,
    };
  });
}

export async function cancelMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof cancelMeetingInput>, meta: RequestMeta) {
  return changeMeeting(prisma, actor, meta, input.meetingId, { action: "meeting.cancel", allowed: (a) => a.canEdit, requireOpen: true }, async (tx, access) => {
    if (access.meeting.status !== "PLANNED") throw new AppError("BAD_REQUEST", "meeting.alreadyHeld");
    const { count } = await tx.meeting.updateMany({
      where: { id: access.meeting.id, status: "PLANNED" },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelledById: actor.id, cancelReason: input.reason || null, sequence: { increment: 1 }, version: { increment: 1 } },
    });
    if (!count) throw new AppError("CONFLICT", "meeting.cancelled");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: access.meeting.id } });
    const group = await loadGroup(tx, access.planId);
    const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: meeting.id } });
    return {
      result: { id: meeting.id, status: meeting.status, sequence: meeting.sequence },
      notifications: reachable(invitees, group, actor.id).map((i) => notice(meeting, i.userId!, "cancelled")),
    };
  });
}

export async function addGuest(prisma: PrismaClient, actor: SessionUser, input: In<typeof addGuestInput>, meta: RequestMeta) {
  const { meetingId, ...guest } = input;
  return changeMeeting(prisma, actor, meta, meetingId, { action: "meeting.guest.add", allowed: (a) => a.canEdit, requireOpen: true }, async (tx, access) => {
    const group = await loadGroup(tx, access.planId);
    const row = await guestInvitee(tx, group, access.member!, actor, guest);
    if (row.userId && (await tx.meetingInvitee.count({ where: { meetingId, userId: row.userId, removedAt: null } }))) {
      throw new AppError("CONFLICT", "participant.already");
    }
    const invitee = await tx.meetingInvitee.create({ data: { ...row, meetingId } });
    const notifications = invitee.consentGivenAt && invitee.userId && invitee.userId !== actor.id ? [notice(access.meeting, invitee.userId, "invitation")] : [];
    return {
      result: invitee,
      targetType: "meetingInvitee",
      targetId: invitee.id,
      details: { meetingId, guest: true, consent: Boolean(invitee.consentGivenAt), consentGivenById: invitee.consentGivenById ?? null },
      notifications,
    };
  });
}

async function meetingOfInvitee(prisma: PrismaClient, actor: SessionUser, inviteeId: string) {
  const row = await prisma.meetingInvitee.findFirst({ where: { id: inviteeId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } });
  if (!row) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  return row.meetingId;
}

/** The user or representative records their consent to a waiting guest; or the coordinator records that the user gave it. */
export async function recordGuestConsent(prisma: PrismaClient, actor: SessionUser, input: In<typeof recordGuestConsentInput>, meta: RequestMeta) {
  const meetingId = await meetingOfInvitee(prisma, actor, input.inviteeId);
  return changeMeeting(prisma, actor, meta, meetingId, { action: "meeting.guest.consent", allowed: (a) => a.canEdit, requireOpen: true }, async (tx, access) => {
    const invitee = await tx.meetingInvitee.findFirst({ where: { id: input.inviteeId, meetingId, kind: "GUEST", removedAt: null } });
    if (!invitee) throw new AppError("BAD_REQUEST", "meeting.notGuest");
    const group = await loadGroup(tx, access.planId);
    const consent = guestConsent(group, access.member!, actor, { givenById: input.givenById, givenAt: input.givenAt });
    const updated = await tx.meetingInvitee.update({ where: { id: invitee.id }, data: consent });
    const notifications = updated.userId && updated.userId !== actor.id && !invitee.consentGivenAt ? [notice(access.meeting, updated.userId, "invitation")] : [];
    return { result: updated, targetType: "meetingInvitee", targetId: updated.id, details: { meetingId, consentGivenById: updated.consentGivenById }, notifications };
  });
}

export async function respondToMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof respondInput>, meta: RequestMeta) {
  return changeMeeting(
    prisma,
    actor,
    meta,
    input.meetingId,
    { action: "meeting.respond", allowed: (a) => a.invitee !== null, forbiddenKey: "meeting.notInvited", requireOpen: true },
    async (tx, access) => {
      if (access.meeting.status !== "PLANNED") throw new AppError("BAD_REQUEST", "meeting.alreadyHeld");
      const invitee = await tx.meetingInvitee.update({ where: { id: access.invitee!.id }, data: { response: input.response, respondedAt: new Date() } });
      return { result: { inviteeId: invitee.id, response: invitee.response }, details: { meetingId: input.meetingId, response: input.response } };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Agenda

export async function addAgendaItem(prisma: PrismaClient, actor: SessionUser, input: In<typeof addAgendaItemInput>, meta: RequestMeta) {
  return changeMeeting(
    prisma,
    actor,
    meta,
    input.meetingId,
    { action: "meeting.agenda.add", allowed: (a) => a.canAddAgendaPoint, requireOpen: true },
    async (tx, access) => {
      const last = await tx.agendaItem.aggregate({ where: { meetingId: input.meetingId }, _max: { sortOrder: true } });
      const item = await tx.agendaItem.create({
        data: {
          meetingId: input.meetingId,
          kind: isUserSide(access.member!) ? "USER_POINT" : "OTHER",
          title: input.title,
          note: input.note ?? "",
          sortOrder: (last._max.sortOrder ?? -1) + 1,
          addedById: actor.id,
        },
      });
      return { result: item, targetType: "agendaItem", targetId: item.id, details: { meetingId: input.meetingId, kind: item.kind } };
    },
  );
}

async function meetingOfAgendaItem(prisma: PrismaClient, actor: SessionUser, itemId: string) {
  const row = await prisma.agendaItem.findFirst({ where: { id: itemId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } });
  if (!row) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  return row.meetingId;
}

async function ownOrEditable(tx: Tx, itemId: string, meetingId: string, actor: SessionUser, canEdit: boolean) {
  const item = await tx.agendaItem.findFirst({ where: { id: itemId, meetingId } });
  if (!item) throw new AppError("NOT_FOUND", "meeting.unknownAgendaItem");
  if (!canEdit && item.addedById !== actor.id) throw new AppError("FORBIDDEN", "meeting.agendaOwnItemsOnly");
  return item;
}

export async function updateAgendaItem(prisma: PrismaClient, actor: SessionUser, input: In<typeof updateAgendaItemInput>, meta: RequestMeta) {
  const meetingId = await meetingOfAgendaItem(prisma, actor, input.itemId);
  return changeMeeting(prisma, actor, meta, meetingId, { action: "meeting.agenda.update", allowed: (a) => a.canAddAgendaPoint, requireOpen: true }, async (tx, access) => {
    const item = await ownOrEditable(tx, input.itemId, meetingId, actor, access.canEdit);
    assertCurrentVersion(item, input.version);
    await applyVersioned(
      tx.agendaItem.updateMany({ where: { id: item.id, version: input.version }, data: { ...input.changes, version: { increment: 1 } } }),
      () => tx.agendaItem.findUnique({ where: { id: item.id } }),
    );
    const updated = await tx.agendaItem.findUniqueOrThrow({ where: { id: item.id } });
    return { result: updated, targetType: "agendaItem", targetId: item.id, details: { meetingId, fields: Object.keys(input.changes) } };
  });
}

export async function removeAgendaItem(prisma: PrismaClient, actor: SessionUser, input: In<typeof agendaItemIdInput>, meta: RequestMeta) {
  const meetingId = await meetingOfAgendaItem(prisma, actor, input.itemId);
  return changeMeeting(prisma, actor, meta, meetingId, { action: "meeting.agenda.remove", allowed: (a) => a.canAddAgendaPoint, requireOpen: true }, async (tx, access) => {
    const item = await ownOrEditable(tx, input.itemId, meetingId, actor, access.canEdit);
    await tx.agendaItem.delete({ where: { id: item.id } });
    return { result: { ok: true as const }, targetType: "agendaItem", targetId: item.id, details: { meetingId, title: item.title } };
  });
}

export async function reorderAgenda(prisma: PrismaClient, actor: SessionUser, input: In<typeof reorderAgendaInput>, meta: RequestMeta) {
  return changeMeeting(prisma, actor, meta, input.meetingId, { action: "meeting.agenda.reorder", allowed: (a) => a.canEdit, requireOpen: true }, async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId: input.meetingId }, select: { id: true } });
    const wanted = new Set(input.itemIds);
    if (wanted.size !== input.itemIds.length || wanted.size !== items.length || items.some((i) => !wanted.has(i.id))) {
      throw new AppError("BAD_REQUEST", "meeting.agendaOrderMismatch");
    }
    for (const [index, itemId] of input.itemIds.entries()) {
      await tx.agendaItem.update({ where: { id: itemId }, data: { sortOrder: index, version: { increment: 1 } } });
    }
    return { result: { ok: true as const } };
  });
}

// ---------------------------------------------------------------------------------------------
// During and after the meeting

export async function recordAttendance(prisma: PrismaClient, actor: SessionUser, input: In<typeof recordAttendanceInput>, meta: RequestMeta) {
  return changeMeeting(
    prisma,
    actor,
    meta,
    input.meetingId,
    { action: "meeting.attendance", allowed: (a) => a.canEdit, requireOpen: true },
    async (tx, access) => {
      if (access.meeting.startsAt > new Date()) throw new AppError("BAD_REQUEST", "meeting.notHeldYet");
      for (const row of input.attendance) {
        const { count } = await tx.meetingInvitee.updateMany({ where: { id: row.inviteeId, meetingId: input.meetingId, removedAt: null }, data: { attended: row.attended } });
        if (!count) throw new AppError("BAD_REQUEST", "meeting.unknownInvitee");
      }
      await tx.meeting.update({ where: { id: input.meetingId }, data: { status: "HELD", attendanceRecordedAt: new Date(), version: { increment: 1 } } });
      return {
        result: { ok: true as const },
        details: { meetingId: input.meetingId, attended: input.attendance.filter((a) => a.attended).length, absent: input.attendance.filter((a) => !a.attended).length },
      };
    },
  );
}

/**
 * Approves and locks the minutes: a snapshot of the text is stored, the co-edited document turns
 * read-only (meeting.changed "minutes.approved"), and later corrections are separate rows.
 */
export async function approveMinutes(prisma: PrismaClient, actor: SessionUser, input: In<typeof approveMinutesInput>, meta: RequestMeta) {
  return changeMeeting(
    prisma,
    actor,
    meta,
    input.meetingId,
    { action: "minutes.approved", allowed: (a) => a.canApprove, forbiddenKey: "meeting.approveCoordinatorOnly" },
    async (tx, access) => {
      const meeting = access.meeting;
      if (meeting.status === "APPROVED") throw new AppError("CONFLICT", "meeting.alreadyApproved");
      if (meeting.status === "CANCELLED") throw new AppError("BAD_REQUEST", "meeting.cancelled");
      if (meeting.startsAt > new Date()) throw new AppError("BAD_REQUEST", "meeting.notHeldYet");
      if (!meeting.attendanceRecordedAt) throw new AppError("BAD_REQUEST", "meeting.attendanceFirst");
      const doc = await currentProjection(tx, minutesDocumentName(meeting.id));
      const text = (input.text ?? doc?.text ?? "").trim();
      if (!text) throw new AppError("BAD_REQUEST", "meeting.minutesEmpty");
      const now = new Date();
      // Matches on the status too: of two approvals racing, exactly one wins.
      const { count } = await tx.meeting.updateMany({
        where: { id: meeting.id, status: { in: ["PLANNED", "HELD"] } },
        data: {
          status: "APPROVED",
          minutesText: text,
          minutesHtml: input.text === undefined ? (doc?.html ?? null) : null,
          minutesApprovedAt: now,
          minutesApprovedById: actor.id,
          version: { increment: 1 },
        },
      });
      if (!count) throw new AppError("CONFLICT", "meeting.alreadyApproved");
      const group = await loadGroup(tx, access.planId);
      const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: meeting.id, kind: { not: "GUEST" } } });
      const recipients = new Set([...reachable(invitees, group, actor.id).map((i) => i.userId!), group.plan.ownerId]);
      recipients.delete(actor.id);
      return {
        result: { id: meeting.id, status: "APPROVED" as const, approvedAt: now },
        details: { meetingId: meeting.id, characters: text.length },
        notifications: [...recipients].map((userId) => notice(meeting, userId, "approved")),
      };
    },
  );
}

export async function addCorrection(prisma: PrismaClient, actor: SessionUser, input: In<typeof addCorrectionInput>, meta: RequestMeta) {
  return changeMeeting(prisma, actor, meta, input.meetingId, { action: "minutes.correction", allowed: (a) => a.canEdit }, async (tx, access) => {
    if (access.meeting.status !== "APPROVED") throw new AppError("BAD_REQUEST", "meeting.correctionOnlyAfterApproval");
    const correction = await tx.minutesCorrection.create({ data: { meetingId: input.meetingId, authorId: actor.id, text: input.text } });
    return { result: correction, targetType: "minutesCorrection", targetId: correction.id, details: { meetingId: input.meetingId } };
  });
}

export async function createTask(prisma: PrismaClient, actor: SessionUser, input: In<typeof createTaskInput>, meta: RequestMeta) {
  return changeMeeting(prisma, actor, meta, input.meetingId, { action: "meeting.task.create", allowed: (a) => a.canEdit, requireOpen: true }, async (tx, access) => {
    const group = await loadGroup(tx, access.planId);
    if (!group.withAccess.has(input.responsibleUserId)) throw new AppError("BAD_REQUEST", "meeting.responsibleNotInGroup");
    const task = await tx.meetingTask.create({
      data: { meetingId: input.meetingId, planId: access.planId, title: input.title, responsibleUserId: input.responsibleUserId, dueDate: input.dueDate, createdById: actor.id },
    });
    const name = group.people.find((p) => p.userId === input.responsibleUserId)?.name ?? "";
    await tx.meetingAction.create({
      data: {
        meetingId: input.meetingId,
        planId: access.planId,
        kind: "task.create",
        targetType: "task",
        targetId: task.id,
        summary: translate("nb", "meeting.action.taskCreate", { title: task.title, name, due: dayText(task.dueDate) }).slice(0, 500),
        actorId: actor.id,
      },
    });
    const notifications: NewNotification[] =
      input.responsibleUserId === actor.id
        ? []
        : [
            {
              municipalityId: access.municipalityId,
              userId: input.responsibleUserId,
              kind: "meeting.task",
              title: translate("nb", "meeting.notify.task.title"),
              body: translate("nb", "meeting.notify.task.body", { title: task.title, due: dayText(task.dueDate) }),
              link: `/moter/${input.meetingId}`,
              planId: access.planId,
              dedupeKey: `meeting-task:${task.id}:${input.responsibleUserId}`,
            },
          ];
    return { result: task, targetType: "task", targetId: task.id, details: { meetingId: input.meetingId, responsibleUserId: task.responsibleUserId }, notifications };
  });
}

export async function completeTask(prisma: PrismaClient, actor: SessionUser, input: In<typeof completeTaskInput>, meta: RequestMeta) {
  const row = await prisma.meetingTask.findFirst({ where: { id: input.taskId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } });
  if (!row) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  return changeMeeting(prisma, actor, meta, row.meetingId, { action: "meeting.task.complete", allowed: (a) => a.canReadMinutes }, async (tx, access) => {
    const task = await tx.meetingTask.findUniqueOrThrow({ where: { id: input.taskId } });
    if (task.responsibleUserId !== actor.id && !access.canEdit) throw new AppError("FORBIDDEN", "meeting.taskNotYours");
    const { count } = await tx.meetingTask.updateMany({
      where: { id: task.id, status: "OPEN" },
      data: { status: "DONE", completedAt: new Date(), completedById: actor.id, version: { increment: 1 } },
    });
    if (!count) throw new AppError("BAD_REQUEST", "meeting.taskAlreadyDone");
    const updated = await tx.meetingTask.findUniqueOrThrow({ where: { id: task.id } });
    return { result: updated, targetType: "task", targetId: task.id, details: { meetingId: row.meetingId } };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const nameMap = async (tx: Tx, municipalityId: string, ids: (string | null | undefined)[]) => {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const users = wanted.length ? await tx.user.findMany({ where: { id: { in: wanted }, municipalityId }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u.name]));
};

/**
 * One meeting as the caller may see it; the read is audited. Plan members see everything,
 * including the minutes (a draft is the co-edited document's stored text), the actions taken and
 * the tasks. A guest sees the time, place, who is invited and the agenda.
 */
export async function getMeeting(prisma: PrismaClient, actor: SessionUser, input: In<typeof meetingReadInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const access = await resolveMeetingAccess(tx, actor, input.meetingId, { auditPurpose: input.purpose });
    const { meeting, member } = access;
    const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: meeting.id, removedAt: null }, orderBy: { createdAt: "asc" } });
    const agenda = await tx.agendaItem.findMany({ where: { meetingId: meeting.id }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
    const plan = await tx.plan.findUniqueOrThrow({ where: { id: meeting.planId }, select: { owner: { select: { id: true, name: true } } } });
    const members = access.canReadMinutes;
    const actions = members ? await tx.meetingAction.findMany({ where: { meetingId: meeting.id }, orderBy: { createdAt: "asc" } }) : [];
    const tasks = members ? await tx.meetingTask.findMany({ where: { meetingId: meeting.id }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }) : [];
    const corrections = members ? await tx.minutesCorrection.findMany({ where: { meetingId: meeting.id }, orderBy: { createdAt: "asc" } }) : [];
    const draft =
      members && meeting.status !== "APPROVED"
        ? await tx.collabDocument.findUnique({ where: { name: minutesDocumentName(meeting.id) }, select: { text: true, html: true, updatedAt: true } })
        : null;
    const names = await nameMap(tx, meeting.municipalityId, [
      meeting.organizerId,
      meeting.minutesApprovedById,
      meeting.cancelledById,
      ...agenda.map((a) => a.addedById),
      ...actions.map((a) => a.actorId),
      ...tasks.map((t) => t.responsibleUserId),
      ...corrections.map((c) => c.authorId),
      ...invitees.flatMap((i) => [i.consentGivenById, i.consentRecordedById]),
    ]);
    const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "" } : null);

    await recordAudit(tx, {
      action: "meeting.view",
      municipalityId: meeting.municipalityId,
      actorId: actor.id,
      planId: meeting.planId,
      targetType: "meeting",
      targetId: meeting.id,
      purpose: member?.role === "AUDITOR" ? input.purpose : undefined,
      details: member ? undefined : { as: "guest" },
      meta,
    });

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
      minutes: members
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
        canEdit: access.canEdit && (meeting.status === "PLANNED" || meeting.status === "HELD"),
        canEditMinutes: access.canEdit && (meeting.status === "PLANNED" || meeting.status === "HELD"),
        canApprove: access.canApprove && meeting.status !== "APPROVED" && meeting.status !== "CANCELLED",
        canAddAgendaPoint: access.canAddAgendaPoint && (meeting.status === "PLANNED" || meeting.status === "HELD"),
        canAddCorrection: access.canEdit && meeting.status === "APPROVED",
        canReadMinutes: access.canReadMinutes,
        canRespond: access.invitee !== null && meeting.status === "PLANNED",
      },
    };
  });
}

/** The plan's meetings, newest first, for plan members; the read is audited. */
export async function listMeetings(prisma: PrismaClient, actor: SessionUser, input: In<typeof meetingListInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const access = await resolvePlanAccess(tx, actor, input.planId, { auditPurpose: input.purpose });
    const meetings = await tx.meeting.findMany({
      where: { planId: input.planId },
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
    await recordAudit(tx, {
      action: "meeting.list",
      municipalityId: access.municipalityId,
      actorId: actor.id,
      planId: input.planId,
      targetType: "plan",
      targetId: input.planId,
      purpose: access.role === "AUDITOR" ? input.purpose : undefined,
      meta,
    });
    return meetings.map(({ _count, invitees, ...m }) => ({
      ...m,
      openTasks: _count.tasks,
      agendaItems: _count.agenda,
      myInvitation: invitees[0] ?? null,
    }));
  });
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

/** "Mine oppgaver": open follow-up tasks the caller is responsible for, in plans they still see. Audited per plan. */
export async function listMyTasks(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const tasks = await tx.meetingTask.findMany({
      where: { responsibleUserId: actor.id, status: "OPEN", meeting: { municipalityId: actor.municipalityId }, planId: { in: await visiblePlanIds(tx, actor) } },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, dueDate: true, status: true, planId: true, meetingId: true, version: true, meeting: { select: { startsAt: true } } },
    });
    const owners = await tx.plan.findMany({ where: { id: { in: [...new Set(tasks.map((t) => t.planId))] } }, select: { id: true, owner: { select: { name: true } } } });
    const ownerOf = new Map(owners.map((p) => [p.id, p.owner.name]));
    for (const planId of new Set(tasks.map((t) => t.planId))) {
      await recordAudit(tx, { action: "meeting.tasks.mine.view", municipalityId: actor.municipalityId, actorId: actor.id, planId, targetType: "plan", targetId: planId, meta });
    }
    return tasks.map(({ meeting, ...t }) => ({ ...t, meetingStartsAt: meeting.startsAt, ownerName: ownerOf.get(t.planId) ?? "" }));
  });
}

async function visiblePlanIds(tx: Tx, actor: SessionUser) {
  const plans = await tx.plan.findMany({ where: { ...planContentWhere(actor), status: { not: "CLOSED" } }, select: { id: true } });
  return plans.map((p) => p.id);
}

// ---------------------------------------------------------------------------------------------
// Calendar file

/** The .ics for one invitee: REQUEST while they are invited, CANCEL when the meeting is cancelled or they were taken off. */
export async function meetingIcsFor(tx: Tx, meeting: Meeting, invitee: MeetingInvitee, options: { url?: string; now?: Date } = {}) {
  const organizer = await tx.user.findUnique({ where: { id: meeting.organizerId }, select: { id: true, name: true, email: true } });
  const method = meeting.status === "CANCELLED" || invitee.removedAt ? ("CANCEL" as const) : ("REQUEST" as const);
  const text = buildMeetingIcs({
    method,
    meeting,
    organizer: { id: organizer?.id ?? meeting.organizerId, name: organizer?.name ?? "", email: organizer?.email ?? null },
    attendee: { id: invitee.id, name: invitee.name, email: invitee.email, partStat: PARTSTAT[invitee.response] },
    url: options.url,
    now: options.now,
  });
  return { method, text, filename: method === "CANCEL" ? "avlyst-ansvarsgruppemote.ics" : "ansvarsgruppemote.ics", contentType: `text/calendar; charset=utf-8; method=${method}` };
}

/** The caller's own invitation as an .ics file. */
export async function getMeetingIcs(prisma: PrismaClient, actor: SessionUser, input: In<typeof meetingIdInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const access = await resolveMeetingAccess(tx, actor, input.meetingId);
    if (!access.invitee) throw new AppError("FORBIDDEN", "meeting.notInvited");
    const ics = await meetingIcsFor(tx, access.meeting, access.invitee);
    await recordAudit(tx, { action: "meeting.ics", municipalityId: access.municipalityId, actorId: actor.id, planId: access.planId, targetType: "meeting", targetId: access.meeting.id, meta });
    return ics;
  });
}

// ---------------------------------------------------------------------------------------------
// Plan overview

/** Last held (not cancelled) and next planned meeting per plan, for lists and the dashboard. */
export async function meetingDatesForPlans(tx: Tx, planIds: string[], now = new Date()) {
  const result = new Map<string, { lastMeetingAt: Date | null; nextMeetingAt: Date | null }>();
  if (!planIds.length) return result;
  const past = await tx.meeting.groupBy({ by: ["planId"], where: { planId: { in: planIds }, status: { not: "CANCELLED" }, startsAt: { lte: now } }, _max: { startsAt: true } });
  const next = await tx.meeting.groupBy({ by: ["planId"], where: { planId: { in: planIds }, status: "PLANNED", startsAt: { gt: now } }, _min: { startsAt: true } });
  for (const id of planIds) result.set(id, { lastMeetingAt: null, nextMeetingAt: null });
  for (const row of past) result.get(row.planId)!.lastMeetingAt = row._max.startsAt;
  for (const row of next) result.get(row.planId)!.nextMeetingAt = row._min.startsAt;
  return result;
}
