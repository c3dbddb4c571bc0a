import { FINISHED_GOAL_STATUSES, FINISHED_MEASURE_STATUSES, type AgendaKind } from "../../app/domain/schemas.ts";
import { calendarDate, formatDate, osloDate } from "../../app/domain/oslo-time.ts";
import type { Tx } from "../db/types.ts";
import { translate } from "../i18n.ts";
import { shorten } from "../../app/domain/text.ts";
import { differenceSeeds } from "../assessments/agenda.ts";

// The agenda a meeting starts with, built from the plan as it is when the meeting is scheduled:
// 1. goals and measures whose evaluation date is on or before the meeting's day (not finished);
// 2. follow-up tasks still open from earlier meetings;
// 3. what the user, their representative or relatives wrote since the previous meeting (log
//    entries, comments, goals in the user's words), each with who wrote it (addedById), so the
//    page can say "from Ola Nordmann (relative)" or "from you" to whoever reads it.
// 4. where staff's score in the assessment and the person's own differ by 2 or more.
// Points the user adds later ("Dette vil jeg snakke om") are appended by meeting.addAgendaItem.

const EXCERPT = 120;
const MAX_INPUT_ITEMS = 15;

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return shorten(flat, EXCERPT, "…");
};

export interface AgendaSeed {
  kind: AgendaKind;
  title: string;
  note?: string;
  goalId?: string;
  measureId?: string;
  taskId?: string;
  sourceType?: string;
  sourceId?: string;
  /** For input from the user's side: who wrote it. */
  addedById?: string;
}

export async function buildAgenda(tx: Tx, planId: string, meeting: { id: string | null; startsAt: Date }): Promise<AgendaSeed[]> {
  const meetingDay = calendarDate(osloDate(meeting.startsAt));
  const items: AgendaSeed[] = [];

  const goals = await tx.goal.findMany({
    where: { planId, evaluationDate: { lte: meetingDay }, status: { notIn: [...FINISHED_GOAL_STATUSES] }, deletedAt: null },
    orderBy: [{ evaluationDate: "asc" }, { sortOrder: "asc" }],
    select: { id: true, title: true },
  });
  for (const g of goals) items.push({ kind: "EVALUATION", title: translate("nb", "meeting.agenda.evaluateGoal", { title: g.title }), goalId: g.id });
  const measures = await tx.measure.findMany({
    where: { planId, evaluationDate: { lte: meetingDay }, status: { notIn: [...FINISHED_MEASURE_STATUSES] }, deletedAt: null },
    orderBy: [{ evaluationDate: "asc" }, { sortOrder: "asc" }],
    select: { id: true, title: true },
  });
  for (const m of measures) items.push({ kind: "EVALUATION", title: translate("nb", "meeting.agenda.evaluateMeasure", { title: m.title }), measureId: m.id });

  const previous = await tx.meeting.findFirst({
    where: { planId, status: { not: "CANCELLED" }, startsAt: { lt: meeting.startsAt }, ...(meeting.id ? { id: { not: meeting.id } } : {}) },
    orderBy: { startsAt: "desc" },
    select: { startsAt: true },
  });
  const tasks = await tx.meetingTask.findMany({
    where: { planId, status: "OPEN", meeting: { startsAt: { lt: meeting.startsAt }, ...(meeting.id ? { id: { not: meeting.id } } : {}) } },
    orderBy: { dueDate: "asc" },
    select: { id: true, title: true, dueDate: true, responsibleUserId: true },
  });
  const responsible = await tx.user.findMany({ where: { id: { in: tasks.map((t) => t.responsibleUserId) } }, select: { id: true, name: true } });
  const nameOf = new Map(responsible.map((u) => [u.id, u.name]));
  for (const t of tasks) {
    items.push({
      kind: "FOLLOW_UP",
      title: translate("nb", "meeting.agenda.followUp", { title: t.title }),
      note: translate("nb", "meeting.agenda.followUpNote", { name: nameOf.get(t.responsibleUserId) ?? "", due: formatDate(t.dueDate, "nb") }),
      taskId: t.id,
    });
  }

  // Input from the user's side since the previous meeting (or since the plan began).
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      ownerId: true,
      createdAt: true,
      participants: { where: { active: true, userId: { not: null }, kind: { in: ["REPRESENTATIVE", "RELATIVE"] } }, select: { userId: true } },
    },
  });
  const since = previous?.startsAt ?? plan.createdAt;
  const authors = [plan.ownerId, ...plan.participants.map((p) => p.userId!)];
  const window = { gt: since, lte: meeting.startsAt };
  // One at a time: these run inside the caller's transaction.
  const logs = await tx.logEntry.findMany({ where: { planId, authorId: { in: authors }, createdAt: window, deletedAt: null }, orderBy: { createdAt: "desc" }, take: MAX_INPUT_ITEMS });
  const comments = await tx.planComment.findMany({ where: { planId, authorId: { in: authors }, createdAt: window, deletedAt: null }, orderBy: { createdAt: "desc" }, take: MAX_INPUT_ITEMS });
  const userGoals = await tx.goal.findMany({
    where: { planId, writtenByUser: true, createdById: { in: authors }, createdAt: window, deletedAt: null },
    orderBy: { createdAt: "desc" },
    take: MAX_INPUT_ITEMS,
  });
  const input = [
    ...logs.map((e) => ({
      at: e.createdAt,
      seed: { kind: "USER_INPUT" as const, title: translate("nb", "meeting.agenda.fromLog", { excerpt: excerpt(e.body) }), sourceType: "log", sourceId: e.id, addedById: e.authorId },
    })),
    ...comments.map((c) => ({
      at: c.createdAt,
      seed: { kind: "USER_INPUT" as const, title: translate("nb", "meeting.agenda.comment", { excerpt: excerpt(c.body) }), sourceType: "comment", sourceId: c.id, addedById: c.authorId },
    })),
    ...userGoals.map((g) => ({
      at: g.createdAt,
      seed: { kind: "USER_INPUT" as const, title: translate("nb", "meeting.agenda.newGoal", { title: g.title }), goalId: g.id, sourceType: "goal", sourceId: g.id, addedById: g.createdById },
    })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-MAX_INPUT_ITEMS);
  items.push(...input.map((i) => i.seed));
  const municipality = await tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { municipalityId: true } });
  items.push(...(await differenceSeeds(tx, planId, municipality.municipalityId)));
  return items;
}
