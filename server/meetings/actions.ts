import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { isOpen } from "./access.ts";
import { shorten } from "../../app/domain/text.ts";

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
export async function recordMeetingAction(tx: Tx, input: MeetingActionInput) {
  const meeting = await tx.meeting.findUnique({ where: { id: input.meetingId }, select: { planId: true, status: true } });
  if (!meeting || meeting.planId !== input.planId) throw new DomainError("BAD_REQUEST", "meeting.notInPlan");
  if (!isOpen(meeting)) throw new DomainError("BAD_REQUEST", "meeting.closedForChanges");
  return tx.meetingAction.create({ data: { ...input, summary: shorten(input.summary, 500) } });
}
