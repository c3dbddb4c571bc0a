import type { SerializeFrom } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

// Meetings as pages receive them (JSON: dates are ISO strings). Types only: no server code.
export type MeetingView = SerializeFrom<Awaited<ReturnType<Caller["meeting"]["byId"]>>>;
export type MeetingInviteeView = MeetingView["invitees"][number];
export type AgendaItemView = MeetingView["agenda"][number];
export type MeetingTaskView = MeetingView["tasks"][number];
export type MeetingListItem = SerializeFrom<Awaited<ReturnType<Caller["meeting"]["list"]>>[number]>;
export type UpcomingMeeting = SerializeFrom<Awaited<ReturnType<Caller["meeting"]["upcoming"]>>[number]>;
export type MyTask = SerializeFrom<Awaited<ReturnType<Caller["task"]["mine"]>>[number]>;

export const DURATIONS = [30, 45, 60, 90, 120, 180] as const;

/** When a meeting ends. */
export function meetingEnd(meeting: { startsAt: string; durationMinutes: number }): Date {
  return new Date(new Date(meeting.startsAt).getTime() + meeting.durationMinutes * 60_000);
}

/**
 * The meeting to show as "next": the first planned one that has not ended (one going on now
 * counts, so points can still be added during it). `meetings` in any order.
 */
export function nextMeeting<T extends { startsAt: string; durationMinutes: number; status: string }>(meetings: T[], now = new Date()): T | null {
  return (
    meetings
      .filter((m) => m.status === "PLANNED" && meetingEnd(m) > now)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0] ?? null
  );
}

/** Meetings that have started (or are cancelled), newest first; the rest are coming. */
export function splitMeetings<T extends { startsAt: string; durationMinutes: number; status: string }>(meetings: T[], now = new Date()) {
  const coming = meetings.filter((m) => m.status === "PLANNED" && meetingEnd(m) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = meetings.filter((m) => !coming.includes(m)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { coming, past };
}
