import type { Tx } from "../db/types.ts";
import { events } from "../events.ts";
import { AppError } from "../trpc/errors.ts";
import { isOpen } from "./access.ts";

// Plan changes made from a meeting (an evaluation, a goal's status, a new or changed measure, a
// follow-up task) go through the plan's own procedures with `meetingId`; those call this inside
// their transaction, so the change, its audit row and the meeting's record of it commit together.

export interface MeetingActionInput {
  meetingId: string;
  planId: string;
  kind: "evaluation.create" | "goal.update" | "measure.create" | "measure.update" | "task.create";
  targetType: string;
  targetId: string;
  summary: string;
  actorId: string;
}

/** Checks that the meeting belongs to the plan and is still open, then records the action. */
export async function assertMeetingOpenForPlan(tx: Tx, meetingId: string, planId: string) {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true, planId: true, status: true, municipalityId: true } });
  if (!meeting || meeting.planId !== planId) throw new AppError("BAD_REQUEST", "meeting.notInPlan");
  if (!isOpen(meeting)) throw new AppError("BAD_REQUEST", "meeting.closedForChanges");
  return meeting;
}

export async function recordMeetingAction(tx: Tx, input: MeetingActionInput) {
  await assertMeetingOpenForPlan(tx, input.meetingId, input.planId);
  return tx.meetingAction.create({ data: { ...input, summary: input.summary.slice(0, 500) } });
}

/** After commit: the meeting's page shows the new action. */
export function announceMeetingAction(meetingId: string | undefined, planId: string, municipalityId: string, actorId: string, action: string) {
  if (!meetingId) return;
  events.emit("meeting.changed", { meetingId, planId, municipalityId, action, actorId });
}
