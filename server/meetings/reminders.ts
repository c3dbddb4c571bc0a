import { endOfOsloDay, formatMeetingTime, osloDate } from "../../app/domain/oslo-time.ts";
import { OPEN_MEETING_STATUSES } from "../../app/domain/schemas.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Meeting, Prisma } from "../db/generated/client.ts";
import { translate } from "../i18n.ts";
import { announceNotifications, storeNotifications, type NewNotification } from "../notifications/deliver.ts";
import { loadGroup } from "./group.ts";

// Meeting reminders, run by a pg-boss schedule (server/jobs/boss.ts):
// - the day before (Oslo date), to everyone invited who has not declined and still may know of it;
// - 3 days after the meeting without approved minutes, to the plan's coordinator;
// - 7 days after without approved minutes ("Møter uten referat" on the dashboard), to the coordinator.
// Each is a MeetingReminder row with a unique key (meeting, reason, occasion), inserted with the
// notifications in one transaction: running this twice, or on two instances at once, sends once.

const DAY = 86_400_000;
/** Meetings older than this are only on the dashboard: nobody is reminded of a meeting months ago. */
const LOOKBACK_DAYS = 60;

type Reason = "day_before" | "minutes_overdue" | "not_recorded";

function placeText(meeting: Meeting) {
  return meeting.location ?? translate("nb", meeting.videoLink ? "meeting.notify.place.video" : "meeting.notify.place.none");
}

function reminder(meeting: Meeting, userId: string, key: "dayBefore" | "minutesOverdue" | "notRecorded", occasion: string): NewNotification {
  const time = formatMeetingTime(meeting.startsAt);
  return {
    municipalityId: meeting.municipalityId,
    userId,
    kind: `meeting.reminder.${key}` as const,
    title: translate("nb", `meeting.notify.${key}.title`, { time }),
    body: translate("nb", `meeting.notify.${key}.body`, { time, place: placeText(meeting) }),
    link: `/moter/${meeting.id}`,
    meetingId: meeting.id,
    dedupeKey: `meeting:${meeting.id}:reminder:${key}:${occasion}:${userId}`,
  };
}

async function send(prisma: PrismaClient, meeting: Meeting, reason: Reason, occasion: string, recipients: (tx: Prisma.TransactionClient) => Promise<NewNotification[]>) {
  return prisma.$transaction(async (tx) => {
    // The marker first: a second run waits on its unique key and then finds it taken.
    const marker = await tx.meetingReminder.createManyAndReturn({ data: [{ meetingId: meeting.id, reason, occasion }], skipDuplicates: true });
    if (!marker.length) return [];
    return storeNotifications(tx, await recipients(tx));
  });
}

export async function runMeetingReminders(prisma: PrismaClient, now = new Date()) {
  const created = [];
  const today = osloDate(now);
  const tomorrow = addCalendarDays(today, 1);

  // The day before: meetings whose Oslo date is tomorrow.
  const tomorrows = await prisma.meeting.findMany({ where: { status: "PLANNED", startsAt: { gte: endOfOsloDay(today), lt: endOfOsloDay(tomorrow) } } });
  for (const meeting of tomorrows) {
    created.push(
      ...(await send(prisma, meeting, "day_before", tomorrow, async (tx) => {
        const group = await loadGroup(tx, meeting.planId, now);
        const invitees = await tx.meetingInvitee.findMany({ where: { meetingId: meeting.id, removedAt: null, userId: { not: null }, response: { not: "NO" } } });
        return invitees
          .filter((i) => (i.kind === "GUEST" ? i.consentGivenAt !== null : group.withAccess.has(i.userId!)))
          .map((i) => reminder(meeting, i.userId!, "dayBefore", tomorrow));
      })),
    );
  }

  // After the meeting, minutes not approved: 3 days, then 7 days (then it is on the dashboard).
  const unrecorded = await prisma.meeting.findMany({
    where: { status: { in: [...OPEN_MEETING_STATUSES] }, startsAt: { lte: new Date(now.getTime() - 3 * DAY), gte: new Date(now.getTime() - LOOKBACK_DAYS * DAY) } },
  });
  for (const meeting of unrecorded) {
    const ended = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
    const stages: [Reason, "minutesOverdue" | "notRecorded", number][] = [
      ["minutes_overdue", "minutesOverdue", 3],
      ["not_recorded", "notRecorded", 7],
    ];
    for (const [reason, key, days] of stages) {
      if (now.getTime() < ended + days * DAY) continue;
      created.push(
        ...(await send(prisma, meeting, reason, "", async (tx) => {
          const group = await loadGroup(tx, meeting.planId, now);
          const to = group.coordinator?.id ?? meeting.organizerId;
          return [reminder(meeting, to, key, "")];
        })),
      );
    }
  }
  announceNotifications(created);
  return created;
}
