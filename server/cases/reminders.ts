import { OPEN_CASE_STATUSES } from "../../app/domain/schemas.ts";
import { calendarDate, calendarDay, formatDate, osloDate } from "../../app/domain/oslo-time.ts";
import type { PrismaClient } from "../db/database.ts";
import { translate } from "../i18n.ts";
import { announceNotifications, storeNotifications, type NewNotification } from "../notifications/deliver.ts";
import { addCalendarDays, subtractWorkingDays } from "../../app/domain/working-days.ts";
import { getCaseSetting } from "./settings.ts";

// Deadline reminders for the coordinating unit: before a deadline (the case type's number of
// working days, 3 by default) and when it has passed, to the assigned case officer and every KE
// leader of the municipality. Each reminder has a key, so running this twice, or on two
// instances at once, notifies each person once.

export async function runDeadlineReminders(prisma: PrismaClient, now = new Date()) {
  const today = osloDate(now);
  // Reminders are at most a couple of weeks ahead; nothing further out can be due yet.
  const horizon = calendarDate(addCalendarDays(today, 21));
  const cases = await prisma.case.findMany({
    where: {
      status: { in: [...OPEN_CASE_STATUSES] },
      OR: [{ decisionDue: { lte: horizon } }, { interimReplySentAt: null, interimReplyDue: { lte: horizon } }],
    },
    select: {
      id: true,
      municipalityId: true,
      reference: true,
      type: true,
      assignedToId: true,
      interimReplyDue: true,
      decisionDue: true,
      interimReplySentAt: true,
    },
  });
  const leaders = new Map<string, string[]>();
  const items: NewNotification[] = [];
  for (const c of cases) {
    if (!leaders.has(c.municipalityId)) {
      const rows = await prisma.user.findMany({
        where: { municipalityId: c.municipalityId, active: true, roles: { some: { role: "KE_LEADER" } } },
        select: { id: true },
      });
      leaders.set(c.municipalityId, rows.map((r) => r.id));
    }
    const recipients = [...new Set([c.assignedToId, ...leaders.get(c.municipalityId)!].filter((u): u is string => u !== null))];
    const setting = await getCaseSetting(prisma, c.municipalityId, c.type);
    const deadlines = [
      ...(c.interimReplySentAt ? [] : [{ which: "interim" as const, due: calendarDay(c.interimReplyDue) }]),
      { which: "decision" as const, due: calendarDay(c.decisionDue) },
    ];
    for (const { which, due } of deadlines) {
      const kind = today > due ? "passed" : today >= subtractWorkingDays(due, setting.reminderWorkingDays) ? "soon" : null;
      if (!kind) continue;
      // An interim reply due with the decision is owed only once the decision is late (caseDeadlines).
      if (which === "interim" && kind === "soon" && due >= calendarDay(c.decisionDue)) continue;
      for (const userId of recipients) {
        items.push({
          municipalityId: c.municipalityId,
          userId,
          kind: kind === "passed" ? "case.deadline_passed" : "case.deadline_soon",
          title: translate("nb", `reminder.${which}.${kind}.title`, { reference: c.reference }),
          body: translate("nb", `reminder.${which}.${kind}.body`, {
            reference: c.reference,
            caseType: translate("nb", `case.type.${c.type}`),
            due: formatDate(calendarDate(due), "nb"),
          }),
          link: `/saker/${c.id}`,
          caseId: c.id,
          dedupeKey: `case:${c.id}:${which}:${due}:${kind}:${userId}`,
        });
      }
    }
  }
  const created = await prisma.$transaction((tx) => storeNotifications(tx, items));
  announceNotifications(created);
  return created;
}
