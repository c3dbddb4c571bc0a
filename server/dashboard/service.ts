import { z } from "zod";
import { calendarDay, CaseType, FINISHED_GOAL_STATUSES, FINISHED_MEASURE_STATUSES, KE_ROLES, OPEN_CASE_STATUSES, OPEN_MEETING_STATUSES } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import { calendarDate, OSLO_TIME_ZONE, osloDate } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { addCalendarDays, AVERAGE_MONTH_MS } from "../../app/domain/working-days.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { meetingDatesForPlans } from "../meetings/read.ts";
import { coordinatedFromUnit } from "../plans/service.ts";
import { rolePolicy } from "../records/policy.ts";
import { read } from "../records/read.ts";

// The coordinating unit's dashboard. Each figure is defined once, as a query condition
// (PLAN_METRICS, CASE_METRICS); the count on the dashboard and the list behind it use the same
// condition, so the list always has exactly as many rows as the figure says.

/**
 * Who reads the dashboard, its figures and the lists behind them: the coordinating unit alone
 * (issue 14). The administrator keeps accounts, not plans, and sees it only with a KE role of
 * their own; unit leaders have their unit's page (unit.coordinatorLoad).
 */
const dashboardReaders = rolePolicy(KE_ROLES);
const listReaders = dashboardReaders;

export const dashboardFilter = z
  .object({
    /** Period for processing times (received → decided), as Oslo dates. */
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    /** Plans whose current coordinator belongs to this unit. */
    unitId: id.optional(),
    caseType: CaseType.optional(),
    /** For publication: counts below 5 are hidden, so no one can be recognised. */
    publication: z.boolean().default(false),
  })
  .default({ publication: false });

export type DashboardFilter = z.infer<typeof dashboardFilter>;


interface Context {
  municipalityId: string;
  today: Date;
  now: Date;
  filter: DashboardFilter;
}

const DAY_MS = 24 * 3600 * 1000;

function planScope({ municipalityId, filter }: Context): Prisma.PlanWhereInput {
  return { municipalityId, ...(filter.unitId ? coordinatedFromUnit(filter.unitId) : {}) };
}

export const PLAN_METRICS = {
  activePlans: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE" }),
  inactive6Months: (c: Context): Prisma.PlanWhereInput => ({
    ...planScope(c),
    status: "ACTIVE",
    lastActivityAt: { lt: new Date(c.today.getTime() - 6 * AVERAGE_MONTH_MS) },
  }),
  inactive12Months: (c: Context): Prisma.PlanWhereInput => ({
    ...planScope(c),
    status: "ACTIVE",
    lastActivityAt: { lt: new Date(c.today.getTime() - 12 * AVERAGE_MONTH_MS) },
  }),
  withoutCoordinator: (c: Context): Prisma.PlanWhereInput => ({
    // A unit filter selects plans by their coordinator, so this figure ignores it.
    municipalityId: c.municipalityId,
    status: "ACTIVE",
    coordinators: { none: { endedAt: null } },
  }),
  reviewDue: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE", nextReviewAt: { lte: c.today } }),
  evaluationsOverdue: (c: Context): Prisma.PlanWhereInput => ({
    ...planScope(c),
    status: "ACTIVE",
    OR: [
      { goals: { some: { evaluationDate: { lt: c.today }, status: { notIn: [...FINISHED_GOAL_STATUSES] } } } },
      { measures: { some: { evaluationDate: { lt: c.today }, status: { notIn: [...FINISHED_MEASURE_STATUSES] } } } },
    ],
  }),
  withUserWrittenGoals: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE", goals: { some: { writtenByUser: true } } }),
  /** Active plans without a responsibility-group meeting (held or at least not cancelled) in the last 6 months. */
  withoutMeeting: (c: Context): Prisma.PlanWhereInput => ({
    ...planScope(c),
    status: "ACTIVE",
    meetings: { none: { status: { not: "CANCELLED" }, startsAt: { gte: new Date(c.now.getTime() - 6 * AVERAGE_MONTH_MS), lte: c.now } } },
  }),
} satisfies Record<string, (c: Context) => Prisma.PlanWhereInput>;

function caseScope({ municipalityId, filter }: Context): Prisma.CaseWhereInput {
  return { municipalityId, ...(filter.caseType ? { type: filter.caseType } : {}) };
}
const OPEN: Prisma.CaseWhereInput = { status: { in: [...OPEN_CASE_STATUSES] } };

export const CASE_METRICS = {
  openCases: (c: Context): Prisma.CaseWhereInput => ({ ...caseScope(c), ...OPEN }),
  dueWithin7Days: (c: Context): Prisma.CaseWhereInput => ({
    ...caseScope(c),
    ...OPEN,
    decisionDue: { gte: c.today, lte: calendarDate(addCalendarDays(osloDate(c.today), 7)) },
  }),
  interimOverdue: (c: Context): Prisma.CaseWhereInput => ({ ...caseScope(c), ...OPEN, interimReplySentAt: null, interimReplyDue: { lt: c.today } }),
  decisionOverdue: (c: Context): Prisma.CaseWhereInput => ({ ...caseScope(c), ...OPEN, decisionDue: { lt: c.today } }),
} satisfies Record<string, (c: Context) => Prisma.CaseWhereInput>;

/**
 * "Møter uten referat": a meeting planned but not recorded (no attendance, or minutes not
 * approved) a week after its time. The coordinator is reminded too (server/meetings/reminders.ts).
 */
export const MEETING_METRICS = {
  withoutMinutes: (c: Context): Prisma.MeetingWhereInput => ({
    municipalityId: c.municipalityId,
    status: { in: [...OPEN_MEETING_STATUSES] },
    startsAt: { lt: new Date(c.now.getTime() - 7 * DAY_MS) },
    plan: planScope(c),
  }),
} satisfies Record<string, (c: Context) => Prisma.MeetingWhereInput>;

export type PlanMetric = keyof typeof PLAN_METRICS;
export type MeetingMetric = keyof typeof MEETING_METRICS;
export type CaseMetric = keyof typeof CASE_METRICS;

function contextFor(actor: SessionUser, filter: DashboardFilter, now = new Date()): Context {
  return { municipalityId: actor.municipalityId, today: calendarDate(osloDate(now)), now, filter };
}

/** In publication mode a count below 5 becomes null: small numbers can point to a person. */
function publishable(value: number, filter: DashboardFilter): number | null {
  return filter.publication && value > 0 && value < 5 ? null : value;
}

/**
 * Publication mode shows no names at all: the lists behind the figures name people, so they are
 * refused (the page does not link them), and the per-person breakdowns are left out.
 */
function refuseNamesInPublication(filter: DashboardFilter) {
  if (filter.publication) throw new DomainError("FORBIDDEN", "dash.publicationNoLists");
}

export async function getDashboardOverview(prisma: PrismaClient, actor: SessionUser, filter: DashboardFilter) {
  await dashboardReaders.resolve(prisma, actor);
  const c = contextFor(actor, filter);
  const show = (n: number) => publishable(n, filter);

  const planCounts = Object.fromEntries(
    await Promise.all(Object.entries(PLAN_METRICS).map(async ([key, where]) => [key, await prisma.plan.count({ where: where(c) })] as const)),
  ) as Record<PlanMetric, number>;
  const caseCounts = Object.fromEntries(
    await Promise.all(Object.entries(CASE_METRICS).map(async ([key, where]) => [key, await prisma.case.count({ where: where(c) })] as const)),
  ) as Record<CaseMetric, number>;
  const meetingCounts = Object.fromEntries(
    await Promise.all(Object.entries(MEETING_METRICS).map(async ([key, where]) => [key, await prisma.meeting.count({ where: where(c) })] as const)),
  ) as Record<MeetingMetric, number>;

  const openCases = await prisma.case.findMany({
    where: CASE_METRICS.openCases(c),
    select: { receivedAt: true, assignedToId: true },
  });
  const ageBuckets = { "0-7": 0, "8-30": 0, "31-90": 0, "90+": 0 };
  for (const { receivedAt } of openCases) {
    const days = (c.today.getTime() - receivedAt.getTime()) / 86_400_000;
    ageBuckets[days <= 7 ? "0-7" : days <= 30 ? "8-30" : days <= 90 ? "31-90" : "90+"]++;
  }

  const load = new Map<string | null, number>();
  for (const { assignedToId } of openCases) load.set(assignedToId, (load.get(assignedToId) ?? 0) + 1);
  const officers = await prisma.user.findMany({
    where: { municipalityId: c.municipalityId, roles: { some: { role: { in: [...KE_ROLES] } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });

  const coordinatorTerms = await prisma.coordinatorAssignment.groupBy({
    by: ["coordinatorId"],
    where: { endedAt: null, plan: { ...planScope(c), status: { not: "CLOSED" } } },
    _count: { _all: true },
  });
  const coordinators = await prisma.user.findMany({
    where: { id: { in: coordinatorTerms.map((t) => t.coordinatorId) } },
    select: { id: true, name: true, unit: { select: { id: true, name: true } } },
  });
  const byCoordinator = coordinators
    .map((u) => ({ id: u.id, name: u.name, unit: u.unit?.name ?? null, plans: coordinatorTerms.find((t) => t.coordinatorId === u.id)?._count._all ?? 0 }))
    .sort((a, b) => b.plans - a.plans);
  const byUnit = new Map<string, number>();
  for (const row of byCoordinator) byUnit.set(row.unit ?? "", (byUnit.get(row.unit ?? "") ?? 0) + row.plans);

  const changes = await prisma.coordinatorAssignment.groupBy({
    by: ["planId"],
    where: { plan: planScope(c) },
    _count: { _all: true },
    having: { planId: { _count: { gt: 1 } } },
  });

  return {
    today: osloDate(c.today),
    plans: {
      ...Object.fromEntries(Object.entries(planCounts).map(([k, v]) => [k, show(v)])),
      userWrittenGoalsShare: planCounts.activePlans ? Math.round((100 * planCounts.withUserWrittenGoals) / planCounts.activePlans) : null,
    } as Record<PlanMetric, number | null> & { userWrittenGoalsShare: number | null },
    meetings: Object.fromEntries(Object.entries(meetingCounts).map(([k, v]) => [k, show(v)])) as Record<MeetingMetric, number | null>,
    cases: {
      ...Object.fromEntries(Object.entries(caseCounts).map(([k, v]) => [k, show(v)])),
      openByAge: Object.entries(ageBuckets).map(([bucket, count]) => ({ bucket, count: show(count) })),
      processingTimes: await processingTimes(prisma, c),
      // Per person: names, so not in publication mode.
      loadPerOfficer: filter.publication
        ? []
        : [...officers.map((o) => ({ id: o.id, name: o.name, open: show(load.get(o.id) ?? 0) })), { id: null, name: null, open: show(load.get(null) ?? 0) }],
    } as Record<CaseMetric, number | null> & {
      openByAge: { bucket: string; count: number | null }[];
      processingTimes: Awaited<ReturnType<typeof processingTimes>>;
      loadPerOfficer: { id: string | null; name: string | null; open: number | null }[];
    },
    coordinators: {
      perCoordinator: filter.publication ? [] : byCoordinator.map((r) => ({ ...r, plans: show(r.plans) })),
      perUnit: [...byUnit.entries()].map(([unit, plans]) => ({ unit: unit || null, plans: show(plans) })),
      plansWithChanges: show(changes.length),
      changes: show(changes.reduce((sum, row) => sum + row._count._all - 1, 0)),
    },
  };
}

/**
 * Days from receipt to decision, per month of decision: median and 90th percentile, computed
 * by PostgreSQL (percentile_cont) over decided cases in the period.
 */
async function processingTimes(prisma: PrismaClient, c: Context) {
  const from = c.filter.from ? calendarDate(c.filter.from) : new Date(c.today.getTime() - 12 * AVERAGE_MONTH_MS);
  const to = c.filter.to ? calendarDate(addCalendarDays(c.filter.to, 1)) : calendarDate(addCalendarDays(osloDate(c.today), 1));
  const rows = await prisma.$queryRaw<{ month: string; decided: bigint; median: number | null; p90: number | null }[]>`
    SELECT to_char(date_trunc('month', ("decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE}), 'YYYY-MM') AS month,
           count(*) AS decided,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("decidedAt" - "receivedAt")) / 86400) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("decidedAt" - "receivedAt")) / 86400) AS p90
    FROM "Case"
    WHERE "municipalityId" = ${c.municipalityId}
      AND "decidedAt" >= ${from} AND "decidedAt" < ${to}
      AND (${c.filter.caseType ?? null}::text IS NULL OR "type"::text = ${c.filter.caseType ?? null}::text)
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => {
    const decided = Number(r.decided);
    const hidden = c.filter.publication && decided < 5;
    return {
      month: r.month,
      decided: hidden ? null : decided,
      medianDays: hidden || r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
      p90Days: hidden || r.p90 === null ? null : Math.round(Number(r.p90) * 10) / 10,
    };
  });
}

/** On the screen, or as a file (export): both name people, and each is recorded as what it is. */
const shownAs = z.enum(["screen", "file"]).default("screen");
export const planListInput = z.object({ metric: z.enum(Object.keys(PLAN_METRICS) as [PlanMetric, ...PlanMetric[]]), filter: dashboardFilter, as: shownAs });
export const meetingListInput = z.object({
  metric: z.enum(Object.keys(MEETING_METRICS) as [MeetingMetric, ...MeetingMetric[]]),
  filter: dashboardFilter,
  as: shownAs,
});
export const caseListInput = z.object({ metric: z.enum(Object.keys(CASE_METRICS) as [CaseMetric, ...CaseMetric[]]), filter: dashboardFilter, as: shownAs });

/**
 * A list behind a figure names people: one read row per look (or download), with the figure and
 * the selection, not one per person (a list can hold thousands).
 */
function auditedList<T extends unknown[]>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  input: { metric: string; filter: z.infer<typeof dashboardFilter>; as: "screen" | "file" },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return read(prisma, actor, meta, listReaders, input.as === "file" ? "dashboard.export" : "dashboard.list", async (tx) => {
    refuseNamesInPublication(input.filter);
    const result = await fn(tx);
    const { unitId, caseType, from, to } = input.filter;
    return { result, details: { metric: input.metric, count: result.length, unitId, caseType, from, to } };
  });
}

/** The plans behind one figure: overview fields only (no plan content), with links. */
export function listDashboardPlans(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planListInput>, meta: RequestMeta) {
  return auditedList(prisma, actor, meta, input, (tx) => dashboardPlans(tx, actor, input));
}

async function dashboardPlans(prisma: Tx, actor: SessionUser, input: z.infer<typeof planListInput>) {
  const c = contextFor(actor, input.filter);
  const plans = await prisma.plan.findMany({
    where: PLAN_METRICS[input.metric](c),
    orderBy: { lastActivityAt: "asc" },
    select: {
      id: true,
      status: true,
      lastActivityAt: true,
      nextReviewAt: true,
      owner: { select: { name: true } },
      coordinators: { where: { endedAt: null }, select: { coordinator: { select: { id: true, name: true, unit: { select: { name: true } } } } } },
      questions: { where: { answeredAt: null }, select: { askedAt: true } },
    },
  });
  const meetings = await meetingDatesForPlans(prisma, plans.map((p) => p.id));
  return plans.map(({ coordinators, owner, questions, ...p }) => ({
    ...p,
    ownerName: owner.name,
    coordinator: coordinators[0]?.coordinator ?? null,
    lastMeetingAt: meetings.get(p.id)?.lastMeetingAt ?? null,
    nextMeetingAt: meetings.get(p.id)?.nextMeetingAt ?? null,
    /** When the coordinating unit asked a question about the plan that is not answered yet. */
    openQuestionAt: questions[0]?.askedAt ?? null,
  }));
}

/** The meetings behind one figure ("Møter uten referat"): time and status, whose plan, who coordinates. No minutes or agenda. */
export function listDashboardMeetings(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof meetingListInput>, meta: RequestMeta) {
  return auditedList(prisma, actor, meta, input, (tx) => dashboardMeetings(tx, actor, input));
}

async function dashboardMeetings(prisma: Tx, actor: SessionUser, input: z.infer<typeof meetingListInput>) {
  const c = contextFor(actor, input.filter);
  const meetings = await prisma.meeting.findMany({
    where: MEETING_METRICS[input.metric](c),
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      planId: true,
      startsAt: true,
      status: true,
      attendanceRecordedAt: true,
      plan: {
        select: {
          owner: { select: { name: true } },
          coordinators: { where: { endedAt: null }, select: { coordinator: { select: { id: true, name: true, unit: { select: { name: true } } } } } },
        },
      },
    },
  });
  return meetings.map(({ plan, ...m }) => ({ ...m, ownerName: plan.owner.name, coordinator: plan.coordinators[0]?.coordinator ?? null }));
}

/** The cases behind one figure. */
export function listDashboardCases(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseListInput>, meta: RequestMeta) {
  return auditedList(prisma, actor, meta, input, (tx) => dashboardCases(tx, actor, input));
}

function dashboardCases(prisma: Tx, actor: SessionUser, input: z.infer<typeof caseListInput>) {
  const c = contextFor(actor, input.filter);
  return prisma.case.findMany({
    where: CASE_METRICS[input.metric](c),
    orderBy: [{ decisionDue: "asc" }, { receivedAt: "asc" }],
    select: {
      id: true,
      reference: true,
      type: true,
      status: true,
      subjectName: true,
      receivedAt: true,
      interimReplyDue: true,
      decisionDue: true,
      interimReplySentAt: true,
      assignedToId: true,
    },
  });
}


/**
 * The KE leader asks a plan's coordinator to look at an inactive plan. The question lands in the
 * coordinator's notifications (server/notifications/notices.ts) and in the plan's log, so the group sees it too.
 */
