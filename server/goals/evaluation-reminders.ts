import { FINISHED_GOAL_STATUSES, FINISHED_MEASURE_STATUSES } from "../../app/domain/schemas.ts";
import { calendarDate, formatDate, todayInOslo } from "../../app/domain/oslo-time.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import type { PrismaClient } from "../db/database.ts";
import { translate } from "../i18n.ts";
import { loadGroup } from "../meetings/group.ts";
import { announceNotifications, storeNotifications, type NewNotification } from "../notifications/deliver.ts";

// "An evaluation falls due": when a goal's or a measure's evaluation date comes (Oslo date), the
// person who follows it up is told: for a measure its responsible person, if they still see the
// plan, else the coordinator; for a goal the coordinator. Run by a pg-boss schedule; each notice
// has a key per item, date and person, so running it again (or on two instances) tells once.
// Items that fell due in the last week are still told, so a stopped job catches up.

const CATCH_UP_DAYS = 7;

export async function runEvaluationReminders(prisma: PrismaClient, now = new Date()) {
  const today = todayInOslo(now);
  const window = { gte: calendarDate(addCalendarDays(today, -CATCH_UP_DAYS)), lte: calendarDate(today) };
  const open = { status: { not: "CLOSED" as const } };
  const goals = await prisma.goal.findMany({
    where: { evaluationDate: window, status: { notIn: [...FINISHED_GOAL_STATUSES] }, deletedAt: null, plan: open },
    select: { id: true, planId: true, evaluationDate: true, plan: { select: { municipalityId: true } } },
  });
  const measures = await prisma.measure.findMany({
    where: { evaluationDate: window, status: { notIn: [...FINISHED_MEASURE_STATUSES] }, deletedAt: null, plan: open },
    select: { id: true, planId: true, evaluationDate: true, responsibleUserId: true, plan: { select: { municipalityId: true } } },
  });
  const items: NewNotification[] = [];
  const groups = new Map<string, Awaited<ReturnType<typeof loadGroup>>>();
  const groupOf = async (planId: string) => groups.get(planId) ?? groups.set(planId, await loadGroup(prisma, planId, now)).get(planId)!;
  const due = [...goals.map((g) => ({ ...g, kind: "goal" as const, responsibleUserId: null })), ...measures.map((m) => ({ ...m, kind: "measure" as const }))];
  for (const item of due) {
    const group = await groupOf(item.planId);
    const userId = item.responsibleUserId && group.withAccess.has(item.responsibleUserId) ? item.responsibleUserId : group.coordinator?.id;
    if (!userId) continue;
    const date = item.evaluationDate!.toISOString().slice(0, 10);
    items.push({
      municipalityId: item.plan.municipalityId,
      userId,
      kind: "evaluation.due",
      title: translate("nb", "notifications.notice.evaluationDue.title"),
      body: translate("nb", "notifications.notice.evaluationDue.body", { due: formatDate(item.evaluationDate, "nb") }),
      link: `/planer/${item.planId}`,
      planId: item.planId,
      dedupeKey: `evaluation-due:${item.kind}:${item.id}:${date}:${userId}`,
    });
  }
  const created = await prisma.$transaction((tx) => storeNotifications(tx, items));
  announceNotifications(created);
  return created;
}
