import { z } from "zod";
import { calendarDay, CaseType, FINISHED_MEASURE_STATUSES, id, KE_ROLES, OPEN_CASE_STATUSES, OPEN_MEETING_STATUSES } from "../../app/domain/schemas.ts";
import { calendarDate, OSLO_TIME_ZONE, osloDate } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { addCalendarDays, AVERAGE_MONTH_MS } from "../../app/domain/working-days.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, requireRight } from "../errors.ts";
import { meetingDatesForPlans } from "../meetings/read.ts";
import { coordinatedFromUnit } from "../plans/service.ts";
import { hasAnyRole } from "../auth/roles.ts";
import { decodeKeyset, keysetAfter, keysetOrder, pageInput, pageOf, type Direction, type SortColumn } from "../records/keyset.ts";
import type { Policy, Scope } from "../records/policy.ts";
import { read } from "../records/read.ts";
import { assessmentFreshFrom } from "../assessments/freshness.ts";
import { sharedCount } from "./shared-counts.ts";
import { DEFAULT_ASSESSMENT_MAX_AGE_MONTHS } from "../../app/domain/assessment.ts";

// The coordinating unit's dashboard. Each figure is defined once, as a query condition
// (PLAN_METRICS, CASE_METRICS, MEETING_METRICS, MEASURE_METRICS); the count on the dashboard and
// the list behind it use the same condition, so the list's total is always the figure.

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

export interface Context {
  municipalityId: string;
  today: Date;
  now: Date;
  filter: DashboardFilter;
  /** An assessment made before this day is out of date (the municipality's limit, server/assessments/freshness.ts). */
  outOfDateBefore: Date;
}

const DAY_MS = 24 * 3600 * 1000;

function planScope({ municipalityId, filter }: Context): Prisma.PlanWhereInput {
  return { municipalityId, ...(filter.unitId ? coordinatedFromUnit(filter.unitId) : {}) };
}

export const PLAN_METRICS = {
  /** Every plan in the selection, whatever its status: the list replaces a table of all plans. */
  allPlans: (c: Context): Prisma.PlanWhereInput => planScope(c),
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
    currentCoordinatorId: null,
  }),
  reviewDue: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE", nextReviewAt: { lte: c.today } }),
  /**
   * An unfinished goal or measure whose evaluation date has passed. The plan's earliest such date
   * is kept by triggers (docs/decisions/023); the test of this figure also counts it from the rows.
   */
  evaluationsOverdue: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE", openEvaluationDue: { lt: c.today } }),
  /** Goals the user wrote, counted on the plan by a trigger (docs/decisions/023). */
  withUserWrittenGoals: (c: Context): Prisma.PlanWhereInput => ({ ...planScope(c), status: "ACTIVE", userWrittenGoals: { gt: 0 } }),
  /** Active plans without a responsibility-group meeting (held or at least not cancelled) in the last 6 months. */
  withoutMeeting: (c: Context): Prisma.PlanWhereInput => ({
    ...planScope(c),
    status: "ACTIVE",
    meetings: { none: { status: { not: "CANCELLED" }, startsAt: { gte: new Date(c.now.getTime() - 6 * AVERAGE_MONTH_MS), lte: c.now } } },
  }),
} satisfies Record<string, (c: Context) => Prisma.PlanWhereInput>;

/**
 * Kartlegging's plan figures (issue 15): conditions on active plans like PLAN_METRICS, with lists
 * and exports behind them; counted with the rest of Kartlegging's figures (./assessments.ts).
 */
export const ASSESSMENT_PLAN_METRICS = {
  /** Active plans with at least one assessment. */
  withAssessment: (c: Context): Prisma.PlanWhereInput => ({ ...PLAN_METRICS.activePlans(c), assessments: { some: {} } }),
  withoutAssessment: (c: Context): Prisma.PlanWhereInput => ({ ...PLAN_METRICS.activePlans(c), assessments: { none: {} } }),
  /** The latest assessment is older than the municipality's limit (none on or after the cut-off day). */
  assessmentOutOfDate: (c: Context): Prisma.PlanWhereInput => ({
    AND: [PLAN_METRICS.activePlans(c), { assessments: { some: {} } }, { assessments: { none: { assessedOn: { gte: c.outOfDateBefore } } } }],
  }),
  /** An assessment, and the person's own view recorded for at least one variable. */
  withOwnView: (c: Context): Prisma.PlanWhereInput => ({
    AND: [PLAN_METRICS.activePlans(c), { assessments: { some: {} } }, { assessmentOwnViews: { some: {} } }],
  }),
} satisfies Record<string, (c: Context) => Prisma.PlanWhereInput>;

/** Every plan figure with a list behind it. */
const LISTED_PLAN_METRICS = { ...PLAN_METRICS, ...ASSESSMENT_PLAN_METRICS };

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
    // The meeting's own municipality is enough without a unit: no join with every plan.
    ...(c.filter.unitId ? { plan: planScope(c) } : {}),
  }),
} satisfies Record<string, (c: Context) => Prisma.MeetingWhereInput>;

/**
 * "Tiltak med passert evaluering": unfinished measures in active plans whose evaluation date has
 * passed. With a unit, those the unit's staff are responsible for (a unit leader's own people).
 */
export const MEASURE_METRICS = {
  evaluationOverdue: (c: Context): Prisma.MeasureWhereInput => ({
    plan: { municipalityId: c.municipalityId, status: "ACTIVE" },
    status: { notIn: [...FINISHED_MEASURE_STATUSES] },
    evaluationDate: { lt: c.today },
    deletedAt: null,
    ...(c.filter.unitId ? { responsibleUser: { unitId: c.filter.unitId } } : {}),
  }),
} satisfies Record<string, (c: Context) => Prisma.MeasureWhereInput>;

/** "Uten koordinator" is the municipality's figure: the unit filter cannot say whose those plans are. */
export const reachOfPlanMetric = (metric: ListedPlanMetric): Reach => (metric === "withoutCoordinator" ? "municipality" : "unit");

export type PlanMetric = keyof typeof PLAN_METRICS;
export type AssessmentPlanMetric = keyof typeof ASSESSMENT_PLAN_METRICS;
export type ListedPlanMetric = keyof typeof LISTED_PLAN_METRICS;
export type MeetingMetric = keyof typeof MEETING_METRICS;
export type CaseMetric = keyof typeof CASE_METRICS;
export type MeasureMetric = keyof typeof MEASURE_METRICS;

export function contextFor(actor: SessionUser, filter: DashboardFilter, now = new Date(), assessmentMaxAgeMonths = DEFAULT_ASSESSMENT_MAX_AGE_MONTHS): Context {
  const today = calendarDate(osloDate(now));
  return { municipalityId: actor.municipalityId, today, now, filter, outOfDateBefore: assessmentFreshFrom(today, assessmentMaxAgeMonths) };
}

/** The context with the municipality's own settings (how old an assessment may be). */
export async function contextWithSettings(tx: Tx, actor: SessionUser, filter: DashboardFilter, now = new Date()): Promise<Context> {
  const { assessmentMaxAgeMonths } = await tx.municipality.findUniqueOrThrow({ where: { id: actor.municipalityId }, select: { assessmentMaxAgeMonths: true } });
  return contextFor(actor, filter, now, assessmentMaxAgeMonths);
}

/** In publication mode a count below 5 becomes null: small numbers can point to a person. */
export function publishable(value: number, filter: DashboardFilter): number | null {
  return filter.publication && value > 0 && value < 5 ? null : value;
}

/**
 * How far a reader reaches: "municipality" parts (the overview, cases, trends) are the coordinating
 * unit's alone; "unit" parts (plans, meetings and measures) a unit leader reads too, for their own
 * unit only. The administrator keeps accounts, not plans, and reads none of it without a KE role.
 */
export type Reach = "municipality" | "unit";

/** The reader's selection: as asked for the coordinating unit; always their own unit for a unit leader. */
export function dashboardPolicy(filter: DashboardFilter, reach: Reach): Policy<Scope & { filter: DashboardFilter }> {
  return {
    async resolve(_tx, actor) {
      const scope = { municipalityId: actor.municipalityId, planId: null, planRole: null };
      if (hasAnyRole(actor, KE_ROLES)) return { ...scope, filter };
      const ownUnit = reach === "unit" && hasAnyRole(actor, ["UNIT_LEADER"]) ? actor.leadsUnitId : null;
      requireRight(ownUnit !== null && (!filter.unitId || filter.unitId === ownUnit), "dash.notYourUnit");
      return { ...scope, filter: { ...filter, unitId: ownUnit! } };
    },
  };
}

/**
 * Publication mode shows no names at all: the lists behind the figures name people, so they are
 * refused (the page does not link them), and the per-person breakdowns are left out.
 */
function refuseNamesInPublication(filter: DashboardFilter) {
  if (filter.publication) throw new DomainError("FORBIDDEN", "dash.publicationNoLists");
}

/** Open cases by days since receipt: [label, older than (days), at most (days)]. */
const AGE_BUCKETS = [
  ["0-7", null, 7],
  ["8-30", 7, 30],
  ["31-90", 30, 90],
  ["90+", 90, null],
] as const;

/** How many coordinators the overview names, those with the most plans first. */
const TOP_COORDINATORS = 30;

async function counts<K extends string>(metrics: Record<K, unknown>, count: (key: K) => Promise<number>): Promise<Record<K, number>> {
  const keys = Object.keys(metrics) as K[];
  const values = await Promise.all(keys.map(count));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as Record<K, number>;
}

export async function getDashboardOverview(prisma: PrismaClient, actor: SessionUser, input: DashboardFilter) {
  const { filter } = await dashboardPolicy(input, "municipality").resolve(prisma, actor);
  return sharedCount("overview", prisma, actor.municipalityId, filter, () => countOverview(prisma, contextFor(actor, filter)));
}

async function countOverview(prisma: PrismaClient, c: Context) {
  const { filter } = c;
  const show = (n: number) => publishable(n, filter);
  const dayOf = (days: number) => new Date(c.today.getTime() - days * DAY_MS);

  // Every query at once: each is an indexed count or a small aggregate in the database, and
  // PostgreSQL runs them side by side (docs/decisions/023 has the figures).
  const [planCounts, caseCounts, meetingCounts, ageCounts, loadRows, officers, coordinatorTerms, changes, processing] = await Promise.all([
    counts(PLAN_METRICS, (key) => prisma.plan.count({ where: PLAN_METRICS[key](c) })),
    counts(CASE_METRICS, (key) => prisma.case.count({ where: CASE_METRICS[key](c) })),
    counts(MEETING_METRICS, (key) => prisma.meeting.count({ where: MEETING_METRICS[key](c) })),
    Promise.all(
      AGE_BUCKETS.map(([, olderThan, atMost]) =>
        prisma.case.count({
          where: {
            ...CASE_METRICS.openCases(c),
            receivedAt: { ...(olderThan === null ? {} : { lt: dayOf(olderThan) }), ...(atMost === null ? {} : { gte: dayOf(atMost) }) },
          },
        }),
      ),
    ),
    filter.publication ? [] : prisma.case.groupBy({ by: ["assignedToId"], where: CASE_METRICS.openCases(c), _count: { _all: true } }),
    filter.publication
      ? []
      : prisma.user.findMany({
          where: { municipalityId: c.municipalityId, roles: { some: { role: { in: [...KE_ROLES] } } } },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        }),
    // Names, so not in publication mode; the load per unit is among the trends (server/dashboard/trends.ts).
    filter.publication
      ? []
      : prisma.plan.groupBy({
          by: ["currentCoordinatorId"],
          where: { ...planScope(c), status: { not: "CLOSED" }, currentCoordinatorId: { not: null } },
          _count: { currentCoordinatorId: true },
          orderBy: [{ _count: { currentCoordinatorId: "desc" } }, { currentCoordinatorId: "asc" }],
          take: TOP_COORDINATORS,
        }),
    // A plan's terms beyond its first (kept on the plan, docs/decisions/023).
    prisma.plan.aggregate({ where: { ...planScope(c), coordinatorChanges: { gt: 0 } }, _count: { _all: true }, _sum: { coordinatorChanges: true } }),
    processingTimes(prisma, c),
  ]);

  const load = new Map(loadRows.map((row) => [row.assignedToId, row._count._all]));
  const coordinators = await prisma.user.findMany({
    where: { id: { in: coordinatorTerms.map((t) => t.currentCoordinatorId!) } },
    select: { id: true, name: true, unit: { select: { name: true } } },
  });
  const named = new Map(coordinators.map((u) => [u.id, u]));
  const byCoordinator = coordinatorTerms.map((t) => {
    const person = named.get(t.currentCoordinatorId!);
    return { id: t.currentCoordinatorId!, name: person?.name ?? "", unit: person?.unit?.name ?? null, plans: t._count.currentCoordinatorId };
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
      openByAge: AGE_BUCKETS.map(([bucket], i) => ({ bucket, count: show(ageCounts[i]) })),
      processingTimes: processing,
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
      /** The coordinators with the most plans (TOP_COORDINATORS); each unit's own page has all of theirs. */
      perCoordinator: byCoordinator.map((r) => ({ ...r, plans: show(r.plans) })),
      plansWithChanges: show(changes._count._all),
      changes: show(changes._sum.coordinatorChanges ?? 0),
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

/** The date columns each list can be sorted by (and paged along); the first is the default. */
export const PLAN_SORTS = {
  lastActivity: { field: "lastActivityAt", nullable: false },
  nextReview: { field: "nextReviewAt", nullable: true },
  evaluationDue: { field: "openEvaluationDue", nullable: true },
} as const satisfies Record<string, SortColumn>;
export const MEETING_SORTS = { startsAt: { field: "startsAt", nullable: false } } as const satisfies Record<string, SortColumn>;
export const CASE_SORTS = {
  decisionDue: { field: "decisionDue", nullable: false },
  received: { field: "receivedAt", nullable: false },
} as const satisfies Record<string, SortColumn>;
export const MEASURE_SORTS = { evaluationDate: { field: "evaluationDate", nullable: true } } as const satisfies Record<string, SortColumn>;

const sortKeys = <S extends Record<string, SortColumn>>(sorts: S) => Object.keys(sorts) as [keyof S & string, ...(keyof S & string)[]];
const metricKeys = <M extends Record<string, unknown>>(metrics: M) => Object.keys(metrics) as [keyof M & string, ...(keyof M & string)[]];

export const planListInput = z.object({
  metric: z.enum(metricKeys(LISTED_PLAN_METRICS)),
  filter: dashboardFilter,
  as: shownAs,
  sort: z.enum(sortKeys(PLAN_SORTS)).default("lastActivity"),
  ...pageInput,
});
export const meetingListInput = z.object({
  metric: z.enum(metricKeys(MEETING_METRICS)),
  filter: dashboardFilter,
  as: shownAs,
  sort: z.enum(sortKeys(MEETING_SORTS)).default("startsAt"),
  ...pageInput,
});
export const caseListInput = z.object({
  metric: z.enum(metricKeys(CASE_METRICS)),
  filter: dashboardFilter,
  as: shownAs,
  sort: z.enum(sortKeys(CASE_SORTS)).default("decisionDue"),
  ...pageInput,
});
export const measureListInput = z.object({
  metric: z.enum(metricKeys(MEASURE_METRICS)),
  filter: dashboardFilter,
  as: shownAs,
  sort: z.enum(sortKeys(MEASURE_SORTS)).default("evaluationDate"),
  ...pageInput,
});

interface ListInput {
  metric: string;
  filter: DashboardFilter;
  as: "screen" | "file";
  sort: string;
  cursor?: string;
  limit: number;
  direction: Direction;
}

/**
 * One page of a list behind a figure: the rows after the cursor, the total (the figure itself,
 * counted by the same condition), and the cursor of the next page. A list names people: one read
 * row per page looked at (or downloaded), with the figure and the selection, not one per person.
 */
async function listPage<Row extends { id: string }>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  reach: Reach,
  input: ListInput,
  sort: SortColumn,
  query: (tx: Tx, c: Context, page: { where: Record<string, unknown>; orderBy: Record<string, unknown>[]; take: number }) => Promise<[Row[], number]>,
  valueOf: (row: Row) => Date | null,
) {
  return read(prisma, actor, meta, dashboardPolicy(input.filter, reach), input.as === "file" ? "dashboard.export" : "dashboard.list", async (tx, scope) => {
    refuseNamesInPublication(scope.filter);
    const c = await contextWithSettings(tx, actor, scope.filter);
    const after = decodeKeyset(input.cursor, input.sort);
    const [rows, total] = await query(tx, c, { where: keysetAfter(sort, input.direction, after), orderBy: keysetOrder(sort, input.direction), take: input.limit + 1 });
    const page = pageOf(rows, input.limit, input.sort, valueOf);
    const { unitId, caseType, from, to } = scope.filter;
    return {
      result: { ...page, total },
      details: { metric: input.metric, count: page.rows.length, total, sort: input.sort, after: Boolean(after), unitId, caseType, from, to },
    };
  });
}

/** The plans behind one figure: overview fields only (no plan content), with links. */
export function listDashboardPlans(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planListInput>, meta: RequestMeta) {
  const sort = PLAN_SORTS[input.sort];
  return listPage(prisma, actor, meta, reachOfPlanMetric(input.metric), input, sort, async (tx, c, page) => {
    const where = LISTED_PLAN_METRICS[input.metric](c);
    const [plans, total] = await Promise.all([
      tx.plan.findMany({
        where: { AND: [where, page.where] },
        orderBy: page.orderBy,
        take: page.take,
        select: {
          id: true,
          status: true,
          lastActivityAt: true,
          nextReviewAt: true,
          openEvaluationDue: true,
          owner: { select: { name: true } },
          coordinators: { where: { endedAt: null }, select: { coordinator: { select: { id: true, name: true, unit: { select: { name: true } } } } } },
          questions: { where: { answeredAt: null }, select: { askedAt: true } },
        },
      }),
      tx.plan.count({ where }),
    ]);
    const meetings = await meetingDatesForPlans(tx, plans.map((p) => p.id));
    const rows = plans.map(({ coordinators, owner, questions, ...p }) => ({
      ...p,
      ownerName: owner.name,
      coordinator: coordinators[0]?.coordinator ?? null,
      lastMeetingAt: meetings.get(p.id)?.lastMeetingAt ?? null,
      nextMeetingAt: meetings.get(p.id)?.nextMeetingAt ?? null,
      /** When the coordinating unit asked a question about the plan that is not answered yet. */
      openQuestionAt: questions[0]?.askedAt ?? null,
    }));
    return [rows, total];
  }, (row) => row[sort.field]);
}

/** The meetings behind one figure ("Møter uten referat"): time and status, whose plan, who coordinates. No minutes or agenda. */
export function listDashboardMeetings(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof meetingListInput>, meta: RequestMeta) {
  const sort = MEETING_SORTS[input.sort];
  return listPage(prisma, actor, meta, "unit", input, sort, async (tx, c, page) => {
    const where = MEETING_METRICS[input.metric](c);
    const [meetings, total] = await Promise.all([
      tx.meeting.findMany({
        // Joined in one statement, PostgreSQL gave up the ordered index scan that stops after one
        // page: 8 -> 109 ms at 20,000 plans (bench:dashboard, decision 038).
        relationLoadStrategy: "query",
        where: { AND: [where, page.where] },
        orderBy: page.orderBy,
        take: page.take,
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
      }),
      tx.meeting.count({ where }),
    ]);
    return [meetings.map(({ plan, ...m }) => ({ ...m, ownerName: plan.owner.name, coordinator: plan.coordinators[0]?.coordinator ?? null })), total];
  }, (row) => row.startsAt);
}

/** The cases behind one figure (the coordinating unit's alone: cases belong to no unit). */
export function listDashboardCases(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseListInput>, meta: RequestMeta) {
  const sort = CASE_SORTS[input.sort];
  return listPage(prisma, actor, meta, "municipality", input, sort, async (tx, c, page) => {
    const where = CASE_METRICS[input.metric](c);
    return Promise.all([
      tx.case.findMany({
        where: { AND: [where, page.where] },
        orderBy: page.orderBy,
        take: page.take,
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
      }),
      tx.case.count({ where }),
    ]);
  }, (row) => row[sort.field]);
}

/**
 * The measures behind one figure: whose plan, who is responsible and when it was to be evaluated.
 * Not the measure's words: those are plan content, read in the plan.
 */
export function listDashboardMeasures(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof measureListInput>, meta: RequestMeta) {
  const sort = MEASURE_SORTS[input.sort];
  return listPage(prisma, actor, meta, "unit", input, sort, async (tx, c, page) => {
    const where = MEASURE_METRICS[input.metric](c);
    const [measures, total] = await Promise.all([
      tx.measure.findMany({
        // As for the meetings above: 53 -> 86 ms joined (decision 038).
        relationLoadStrategy: "query",
        where: { AND: [where, page.where] },
        orderBy: page.orderBy,
        take: page.take,
        select: {
          id: true,
          planId: true,
          status: true,
          evaluationDate: true,
          responsibleUser: { select: { id: true, name: true } },
          plan: { select: { owner: { select: { name: true } } } },
        },
      }),
      tx.measure.count({ where }),
    ]);
    return [measures.map(({ plan, ...m }) => ({ ...m, ownerName: plan.owner.name })), total];
  }, (row) => row.evaluationDate);
}
