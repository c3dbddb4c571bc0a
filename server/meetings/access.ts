import type { SessionUser } from "../auth/sessions.ts";
import type { Meeting, MeetingInvitee } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { resolvePlanAccess, type PlanAccess, type ResolveOptions } from "../plans/access.ts";
import { AppError } from "../trpc/errors.ts";

// Who may do what with one meeting (docs/decisions/010-meetings.md). Plan members get their
// rights from resolvePlanAccess (the same rules as the plan); a guest, invited with the user's
// recorded consent, sees only their own meeting: time, place, invitees and agenda, never the
// minutes, actions or tasks. Everyone else gets NOT_FOUND.

/** Minutes and agenda can change, and plan changes can be recorded from the meeting, only in these. */
export const OPEN_STATUSES = ["PLANNED", "HELD"] as const;
export const isOpen = (meeting: Pick<Meeting, "status">) => (OPEN_STATUSES as readonly string[]).includes(meeting.status);

export interface MeetingAccess {
  meeting: Meeting;
  planId: string;
  municipalityId: string;
  /** The caller's access to the plan; null for a guest. */
  member: PlanAccess | null;
  /** The caller's own invitation, if invited. */
  invitee: MeetingInvitee | null;
  /** Draft and approved minutes, actions taken in the meeting, follow-up tasks: plan members only. */
  canReadMinutes: boolean;
  /** Time, place, invitees, agenda, attendance and tasks: people with edit rights on the plan. */
  canEdit: boolean;
  /** The plan's coordinator, or the person who scheduled the meeting while they have edit rights. */
  canApprove: boolean;
  /** "Dette vil jeg snakke om": anyone in the plan who may comment (the user and representative included). */
  canAddAgendaPoint: boolean;
}

export async function resolveMeetingAccess(tx: Tx, actor: SessionUser, meetingId: string, options: ResolveOptions = {}): Promise<MeetingAccess> {
  const meeting = await tx.meeting.findFirst({ where: { id: meetingId, municipalityId: actor.municipalityId } });
  if (!meeting) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  const invitee = await tx.meetingInvitee.findFirst({ where: { meetingId, userId: actor.id, removedAt: null } });
  let member: PlanAccess | null = null;
  let refusal: unknown = null;
  try {
    member = await resolvePlanAccess(tx, actor, meeting.planId, options);
  } catch (error) {
    refusal = error;
  }
  const base = { meeting, planId: meeting.planId, municipalityId: meeting.municipalityId, invitee };
  if (member) {
    return {
      ...base,
      member,
      canReadMinutes: true,
      canEdit: member.canEditPlan,
      canApprove: member.role === "COORDINATOR" || (meeting.organizerId === actor.id && member.canEditPlan),
      canAddAgendaPoint: member.canComment,
    };
  }
  if (invitee?.kind === "GUEST" && invitee.consentGivenAt) {
    return { ...base, member: null, canReadMinutes: false, canEdit: false, canApprove: false, canAddAgendaPoint: false };
  }
  throw refusal ?? new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
}

/** The co-edited minutes of a meeting are the Yjs document with this name. */
export const minutesDocumentName = (meetingId: string) => `meeting:${meetingId}:minutes`;

/** The meeting id in a minutes document's name, or null when the name is not one. */
export function meetingIdFromDocumentName(name: string): string | null {
  const match = /^meeting:([0-9a-f-]{36}):minutes$/i.exec(name);
  return match ? match[1] : null;
}

/**
 * For the co-editing layer: may this person open the minutes of this meeting, and write in them?
 * Plan members with content access read them (draft and approved); those with edit rights on the
 * plan write while the meeting is open (not approved, not cancelled). Guests, coordinating-unit
 * auditors (they read approved minutes through meeting.byId with a purpose), participants without
 * a valid consent and everyone else get NOT_FOUND. `expiresAt` is when the person's consent ends.
 */
export async function resolveMinutesAccess(
  tx: Tx,
  actor: SessionUser,
  meetingId: string,
): Promise<{ planId: string; municipalityId: string; canEdit: boolean; expiresAt: Date | null }> {
  const meeting = await tx.meeting.findFirst({
    where: { id: meetingId, municipalityId: actor.municipalityId },
    select: { planId: true, municipalityId: true, status: true },
  });
  if (!meeting) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  let access: PlanAccess;
  try {
    access = await resolvePlanAccess(tx, actor, meeting.planId);
  } catch {
    throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  }
  return {
    planId: meeting.planId,
    municipalityId: meeting.municipalityId,
    canEdit: access.canEditPlan && isOpen(meeting),
    expiresAt: access.expiresAt,
  };
}

/**
 * For the co-editing layer's store hook: refuses to store minutes of an approved or cancelled
 * meeting (they are locked; corrections are separate rows), so nothing changes them silently.
 */
export async function assertMinutesEditable(tx: Tx, meetingId: string): Promise<void> {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (!meeting) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  if (meeting.status === "APPROVED") throw new AppError("CONFLICT", "meeting.minutesLocked");
  if (meeting.status === "CANCELLED") throw new AppError("CONFLICT", "meeting.cancelled");
}
