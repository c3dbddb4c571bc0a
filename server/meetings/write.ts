import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { events } from "../events.ts";
import { announceNotifications, createNotifications, type NewNotification } from "../notifications/service.ts";
import { requireRight } from "../plans/access.ts";
import { AppError } from "../trpc/errors.ts";
import { isOpen, resolveMeetingAccess, type MeetingAccess } from "./access.ts";

export interface MeetingChange<T> {
  result: T;
  details?: Prisma.InputJsonValue;
  targetType?: string;
  targetId?: string;
  notifications?: NewNotification[];
}

export interface MeetingChangeSpec {
  action: string;
  allowed: (access: MeetingAccess) => boolean;
  forbiddenKey?: string;
  /** Refuse when the meeting is cancelled or its minutes approved. */
  requireOpen?: boolean;
}

/** Refuses a change to a meeting whose minutes are approved or that is cancelled, with a clear message. */
export function assertOpen(meeting: MeetingAccess["meeting"]): void {
  if (isOpen(meeting)) return;
  throw new AppError("BAD_REQUEST", meeting.status === "CANCELLED" ? "meeting.cancelled" : "meeting.minutesLocked");
}

/**
 * The one way a meeting changes, like changePlan: in one transaction resolve the caller's access
 * to the meeting, check the right, make the change, mark the plan active, write the audit row and
 * the notifications. After commit, announce the change and push the notifications.
 */
export async function changeMeeting<T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  meetingId: string,
  spec: MeetingChangeSpec,
  fn: (tx: Prisma.TransactionClient, access: MeetingAccess) => Promise<MeetingChange<T>>,
): Promise<T> {
  const { outcome, access, created } = await prisma.$transaction(async (tx) => {
    const access = await resolveMeetingAccess(tx, actor, meetingId);
    requireRight(spec.allowed(access), spec.forbiddenKey);
    if (spec.requireOpen) assertOpen(access.meeting);
    const outcome = await fn(tx, access);
    if (access.member) await tx.plan.update({ where: { id: access.planId }, data: { lastActivityAt: new Date() } });
    await recordAudit(tx, {
      action: spec.action,
      municipalityId: access.municipalityId,
      actorId: actor.id,
      planId: access.planId,
      targetType: outcome.targetType ?? "meeting",
      targetId: outcome.targetId ?? meetingId,
      details: outcome.details ?? { meetingId },
      meta,
    });
    const created = await createNotifications(tx, outcome.notifications ?? []);
    return { outcome, access, created };
  });
  announceNotifications(created);
  announceMeetingChange(meetingId, access.planId, access.municipalityId, actor.id, spec.action);
  return outcome.result;
}

export function announceMeetingChange(meetingId: string, planId: string, municipalityId: string, actorId: string | null, action: string) {
  events.emit("meeting.changed", { meetingId, planId, municipalityId, action, actorId });
  if (actorId) events.emit("plan.changed", { planId, municipalityId, entity: "meeting", entityId: meetingId, actorId, action });
}
