import type { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { MeetingInvitee } from "../db/generated/client.ts";
import { DomainError } from "../errors.ts";
import { planPolicy } from "../plans/access.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { write } from "../records/write.ts";
import { meetingPolicy } from "./access.ts";
import { buildAgenda } from "./agenda.ts";
import { loadGroup } from "./group.ts";
import { guestInvitee, inviteeKey, memberInvitee, type InviteeData } from "./invitees.ts";
import type { cancelMeetingInput, createMeetingInput, updateMeetingInput } from "./schemas.ts";

// Planning a responsibility-group meeting: scheduling it with its first agenda, changing its time,
// place or invitees, cancelling it. Invitations, changes and cancellations reach the invitees
// through the notice table (server/notifications/notices.ts).

export async function createMeeting(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createMeetingInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canEditPlan), "meeting.create", async (tx, { access }) => {
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
    const guests = [...rows.values()].filter((i) => i.kind === "GUEST").length;
    return {
      result: { id: meeting.id, planId: meeting.planId, version: meeting.version, sequence: meeting.sequence },
      meetingId: meeting.id,
      target: { type: "meeting", id: meeting.id },
      details: { invitees: rows.size, guests, agendaItems: agenda.length },
    };
  });
}

export async function updateMeeting(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateMeetingInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.canEdit, { requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.update", async (tx, { access }) => {
    const current = access.meeting;
    assertCurrentVersion(current, input.version);
    if (current.status !== "PLANNED") throw new DomainError("BAD_REQUEST", "meeting.alreadyHeld");
    const changes = Object.fromEntries(
      Object.entries(input.changes).filter(([key, value]) => {
        const before = current[key as keyof typeof input.changes];
        return value instanceof Date && before instanceof Date ? value.getTime() !== before.getTime() : (value ?? null) !== before;
      }),
    ) as typeof input.changes;
    const location = "location" in changes ? changes.location || null : current.location;
    const videoLink = "videoLink" in changes ? changes.videoLink || null : current.videoLink;
    if (!location && !videoLink) throw new DomainError("BAD_REQUEST", "meeting.placeOrVideo");

    const group = await loadGroup(tx, access.planId);
    const existing = await tx.meetingInvitee.findMany({ where: { meetingId: current.id } });
    const added: InviteeData[] = [];
    for (const ref of input.addInvitees ?? []) {
      const row = memberInvitee(group, ref);
      const same = existing.find((i) => inviteeKey(i) === inviteeKey(row));
      if (same && !same.removedAt) continue;
      if (same) await tx.meetingInvitee.update({ where: { id: same.id }, data: { removedAt: null, response: "PENDING", respondedAt: null } });
      else await tx.meetingInvitee.create({ data: { ...row, meetingId: current.id } });
      added.push(row);
    }
    const removed: MeetingInvitee[] = [];
    for (const inviteeId of input.removeInviteeIds ?? []) {
      const row = existing.find((i) => i.id === inviteeId && !i.removedAt);
      if (!row) throw new DomainError("BAD_REQUEST", "meeting.unknownInvitee");
      if (row.kind === "OWNER") throw new DomainError("BAD_REQUEST", "meeting.ownerAlwaysInvited");
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
    const userIds = (rows: { userId?: string | null }[]) => rows.map((r) => r.userId).filter((u): u is string => Boolean(u));
    return {
      result: { id: meeting.id, version: meeting.version, sequence: meeting.sequence },
      details: { fields: Object.keys(changes), added: userIds(added), removed: userIds(removed) },
    };
  });
}

export async function cancelMeeting(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof cancelMeetingInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.canEdit, { requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.cancel", async (tx, { access }) => {
    if (access.meeting.status !== "PLANNED") throw new DomainError("BAD_REQUEST", "meeting.alreadyHeld");
    const { count } = await tx.meeting.updateMany({
      where: { id: access.meeting.id, status: "PLANNED" },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelledById: actor.id, cancelReason: input.reason || null, sequence: { increment: 1 }, version: { increment: 1 } },
    });
    if (!count) throw new DomainError("CONFLICT", "meeting.cancelled");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: access.meeting.id } });
    return { result: { id: meeting.id, status: meeting.status, sequence: meeting.sequence } };
  });
}
