import type { z } from "zod";
import { OPEN_MEETING_STATUSES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { currentProjection } from "../collab/store.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import { write } from "../records/write.ts";
import { meetingPolicy, minutesDocumentName } from "./access.ts";
import type { addCorrectionInput, approveMinutesInput, recordAttendanceInput } from "./schemas.ts";

// After the meeting: who came, approving the co-edited minutes (which locks them), and
// corrections to approved minutes, which never change the approved text.

export async function recordAttendance(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof recordAttendanceInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.canEdit, { requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.attendance", async (tx, { access }) => {
    if (access.meeting.startsAt > new Date()) throw new DomainError("BAD_REQUEST", "meeting.notHeldYet");
    for (const row of input.attendance) {
      const { count } = await tx.meetingInvitee.updateMany({ where: { id: row.inviteeId, meetingId: input.meetingId, removedAt: null }, data: { attended: row.attended } });
      if (!count) throw new DomainError("BAD_REQUEST", "meeting.unknownInvitee");
    }
    await tx.meeting.update({ where: { id: input.meetingId }, data: { status: "HELD", attendanceRecordedAt: new Date(), version: { increment: 1 } } });
    return {
      result: { ok: true as const },
      details: { attended: input.attendance.filter((a) => a.attended).length, absent: input.attendance.filter((a) => !a.attended).length },
    };
  });
}

/**
 * Approves and locks the minutes: a snapshot of the text is stored, the co-edited document turns
 * read-only (the "minutes.approved" change re-checks open connections), and later corrections
 * are separate rows.
 */
export async function approveMinutes(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof approveMinutesInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.canApprove, { forbiddenKey: "meeting.approveCoordinatorOnly" });
  return write(prisma, actor, meta, policy, "minutes.approved", async (tx, { access }) => {
    const meeting = access.meeting;
    if (meeting.status === "APPROVED") throw new DomainError("CONFLICT", "meeting.alreadyApproved");
    if (meeting.status === "CANCELLED") throw new DomainError("BAD_REQUEST", "meeting.cancelled");
    if (meeting.startsAt > new Date()) throw new DomainError("BAD_REQUEST", "meeting.notHeldYet");
    if (!meeting.attendanceRecordedAt) throw new DomainError("BAD_REQUEST", "meeting.attendanceFirst");
    const doc = await currentProjection(tx, minutesDocumentName(meeting.id));
    const text = (input.text ?? doc?.text ?? "").trim();
    if (!text) throw new DomainError("BAD_REQUEST", "meeting.minutesEmpty");
    const now = new Date();
    // Matches on the status too: of two approvals racing, exactly one wins.
    const { count } = await tx.meeting.updateMany({
      where: { id: meeting.id, status: { in: [...OPEN_MEETING_STATUSES] } },
      data: {
        status: "APPROVED",
        minutesText: text,
        minutesHtml: input.text === undefined ? (doc?.html ?? null) : null,
        minutesApprovedAt: now,
        minutesApprovedById: actor.id,
        version: { increment: 1 },
      },
    });
    if (!count) throw new DomainError("CONFLICT", "meeting.alreadyApproved");
    return { result: { id: meeting.id, status: "APPROVED" as const, approvedAt: now }, details: { characters: text.length } };
  });
}

export async function addCorrection(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addCorrectionInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, meetingPolicy(input.meetingId, (a) => a.canEdit), "minutes.correction", async (tx, { access }) => {
    if (access.meeting.status !== "APPROVED") throw new DomainError("BAD_REQUEST", "meeting.correctionOnlyAfterApproval");
    const correction = await tx.minutesCorrection.create({ data: { meetingId: input.meetingId, authorId: actor.id, text: input.text } });
    return { result: correction, target: { type: "minutesCorrection", id: correction.id } };
  });
}
