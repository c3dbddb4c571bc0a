import { isOneOf, OPEN_MEETING_STATUSES } from "../../app/domain/schemas.ts";
import { UUID_SOURCE } from "../../app/domain/ids.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Meeting, MeetingInvitee } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound, requireRight } from "../errors.ts";
import { resolvePlanAccess, type PlanAccess } from "../plans/access.ts";
import type { Policy, Scope } from "../records/policy.ts";

// Who may do what with one meeting (docs/decisions/010-meetings.md). Plan members get their
// rights from resolvePlanAccess (the same rules as the plan); a guest, invited with the user's
// recorded consent, sees only their own meeting: time, place, invitees and agenda, never the
// minutes, actions or tasks. Everyone else gets NOT_FOUND.

/** Minutes and agenda can change, and plan changes can be recorded from the meeting, only while it is open. */
export const isOpen = (meeting: Pick<Meeting, "status">) => isOneOf(OPEN_MEETING_STATUSES, meeting.status);

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

export async function resolveMeetingAccess(tx: Tx, actor: SessionUser, meetingId: string): Promise<MeetingAccess> {
  const { meeting, invitee } = await meetingWithInvitation(tx, actor, { id: meetingId, municipalityId: actor.municipalityId });
  let member: PlanAccess | null = null;
  let refusal: unknown = null;
  try {
    member = await resolvePlanAccess(tx, actor, meeting.planId);
  } catch (error) {
    refusal = error;
  }
  if (member) return memberMeetingAccess(actor, meeting, invitee, member);
  if (invitee?.kind === "GUEST" && invitee.consentGivenAt) {
    return { meeting, planId: meeting.planId, municipalityId: meeting.municipalityId, invitee, member: null, canReadMinutes: false, canEdit: false, canApprove: false, canAddAgendaPoint: false };
  }
  throw refusal ?? notFound();
}

/** The meeting and the caller's invitation to it (if any) in one statement; NOT_FOUND when there is no such meeting. */
async function meetingWithInvitation(tx: Tx, actor: SessionUser, where: { id: string; municipalityId: string; planId?: string }) {
  const found = await tx.meeting.findFirst({ where, include: { invitees: { where: { userId: actor.id, removedAt: null }, take: 1 } } });
  if (!found) throw notFound();
  const { invitees, ...meeting } = found;
  return { meeting, invitee: invitees[0] ?? null };
}

/** A plan member's rights in a meeting: those they have in the plan. */
export function memberMeetingAccess(actor: SessionUser, meeting: Meeting, invitee: MeetingInvitee | null, member: PlanAccess): MeetingAccess {
  return {
    meeting,
    planId: meeting.planId,
    municipalityId: meeting.municipalityId,
    invitee,
    member,
    canReadMinutes: true,
    canEdit: member.canEditPlan,
    canApprove: member.role === "COORDINATOR" || (meeting.organizerId === actor.id && member.canEditPlan),
    canAddAgendaPoint: member.canComment,
  };
}

export interface MeetingScope extends Scope {
  planId: string;
  meetingId: string;
  access: MeetingAccess;
}

/**
 * A meeting's rules as a policy for write() and read(). `requireOpen` refuses changes to a
 * meeting that is cancelled or whose minutes are approved, with a clear message.
 */
export function meetingPolicy(
  meetingId: string,
  allowed: (access: MeetingAccess) => boolean = () => true,
  options: { forbiddenKey?: string; requireOpen?: boolean } = {},
): Policy<MeetingScope> {
  return meetingPolicyOf(async () => meetingId, allowed, options);
}

/**
 * meetingPolicy for a row of a meeting (an invitee, an agenda item, a task): `meetingOf` finds its
 * meeting in the caller's municipality, with the same client (a change's transaction); a row elsewhere is NOT_FOUND.
 */
export function meetingPolicyOf(
  meetingOf: (tx: Tx, actor: SessionUser) => Promise<string | null | undefined>,
  allowed: (access: MeetingAccess) => boolean = () => true,
  options: { forbiddenKey?: string; requireOpen?: boolean } = {},
): Policy<MeetingScope> {
  return {
    async resolve(tx, actor) {
      const meetingId = await meetingOf(tx, actor);
      if (!meetingId) throw notFound();
      const access = await resolveMeetingAccess(tx, actor, meetingId);
      requireRight(allowed(access), options.forbiddenKey);
      if (options.requireOpen && !isOpen(access.meeting)) {
        throw new DomainError("BAD_REQUEST", access.meeting.status === "CANCELLED" ? "meeting.cancelled" : "meeting.minutesLocked");
      }
      return {
        municipalityId: access.municipalityId,
        planId: access.planId,
        planRole: access.member?.role ?? null,
        meetingId,
        target: { type: "meeting", id: meetingId },
        purpose: access.member?.purpose ?? undefined,
        access,
      };
    },
  };
}

/** The co-edited minutes of a meeting are the Yjs document with this name. */
export const minutesDocumentName = (meetingId: string) => `meeting:${meetingId}:minutes`;

/** The meeting id in a minutes document's name, or null when the name is not one. */
export function meetingIdFromDocumentName(name: string): string | null {
  const match = new RegExp(`^meeting:(${UUID_SOURCE}):minutes$`, "i").exec(name);
  return match ? match[1] : null;
}

/**
 * For the co-editing layer: may this person open the minutes of this meeting, and write in them?
 * Plan members with content access read them (draft and approved); those with edit rights on the
 * plan write while the meeting is open (not approved, not cancelled). Coordinating-unit readers
 * need a stated purpose, as for the plan; guests, participants without a valid consent and
 * everyone else get NOT_FOUND. `expiresAt` is when the person's consent ends.
 */
export async function resolveMinutesAccess(
  tx: Tx,
  actor: SessionUser,
  meetingId: string,
): Promise<{ planId: string; municipalityId: string; planRole: PlanAccess["role"]; purpose: string | null; canEdit: boolean; expiresAt: Date | null }> {
  const meeting = await tx.meeting.findFirst({
    where: { id: meetingId, municipalityId: actor.municipalityId },
    select: { planId: true, municipalityId: true, status: true },
  });
  if (!meeting) throw notFound();
  let access: PlanAccess;
  try {
    access = await resolvePlanAccess(tx, actor, meeting.planId);
  } catch {
    throw notFound();
  }
  return {
    planId: meeting.planId,
    municipalityId: meeting.municipalityId,
    planRole: access.role,
    purpose: access.purpose,
    canEdit: access.canEditPlan && isOpen(meeting),
    expiresAt: access.expiresAt,
  };
}
