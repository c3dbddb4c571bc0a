import { addMonths, OSLO_TIME_ZONE, osloMonth, startOfOsloMonth } from "../../app/domain/oslo-time.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import { dashboardPolicy, type DashboardFilter } from "./service.ts";
import { sharedCount } from "./shared-counts.ts";

// Trends on the coordinating unit's dashboard (issue 14, docs/decisions/022): per Oslo month,
// cases received and decided, processing days (median and 90th percentile) and plans without
// activity; and the coordinators' load per unit now. Counted by PostgreSQL, a few rows out.

/** At most four years of months: the inactivity count keeps each plan's months as bits of one bigint. */
export const MAX_TREND_MONTHS = 48;
/** "Without activity" looks at the six calendar months ending with the month counted. */
const INACTIVE_WINDOW_MONTHS = 6;

export interface TrendMonth {
  /** "YYYY-MM", an Oslo calendar month. */
  month: string;
  received: number | null;
  decided: number | null;
  medianDays: number | null;
  p90Days: number | null;
  inactivePlans: number | null;
}

export interface UnitLoad {
  /** The coordinators' unit; null for coordinators without one. */
  unit: string | null;
  coordinators: number | null;
  plans: number | null;
  plansPerCoordinator: number | null;
}

/**
 * The months shown: from the month of `from` to the month of `to` (default: the twelve months
 * up to and including this one), never past this month, and the last MAX_TREND_MONTHS at most.
 */
export function trendMonths(filter: Pick<DashboardFilter, "from" | "to">, now = new Date()): string[] {
  const current = osloMonth(now);
  const last = filter.to && filter.to.slice(0, 7) < current ? filter.to.slice(0, 7) : current;
  let first = filter.from ? filter.from.slice(0, 7) : addMonths(last, -11);
  if (first < addMonths(last, -(MAX_TREND_MONTHS - 1))) first = addMonths(last, -(MAX_TREND_MONTHS - 1));
  const months: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export async function getDashboardTrends(prisma: PrismaClient, actor: SessionUser, input: DashboardFilter, now = new Date()) {
  // The municipality's part of the dashboard: the coordinating unit's (docs/decisions/023).
  const { filter } = await dashboardPolicy(input, "municipality").resolve(prisma, actor);
  return sharedCount("trends", prisma, actor.municipalityId, filter, () => countTrends(prisma, actor.municipalityId, filter, now));
}

async function countTrends(prisma: PrismaClient, municipalityId: string, filter: DashboardFilter, now: Date) {
  const months = trendMonths(filter, now);
  // In publication mode a count from 1 to 4 is hidden (null), as everywhere on the dashboard.
  const show = (n: number) => (filter.publication && n > 0 && n < 5 ? null : n);

  const [cases, inactive, load] = await Promise.all([
    months.length ? caseMonths(prisma, municipalityId, months, filter) : [],
    months.length ? inactiveMonths(prisma, municipalityId, months, filter) : [],
    unitLoad(prisma, municipalityId, filter),
  ]);
  const inactiveByMonth = new Map(inactive.map((r) => [r.month, r.inactive]));

  return {
    months: cases.map((r): TrendMonth => {
      const decided = Number(r.decided);
      // Times of fewer than 5 cases are hidden with their count; no time when nothing was decided.
      const timesHidden = filter.publication && decided < 5;
      const days = (value: number | null) => (timesHidden || value === null ? null : Math.round(Number(value) * 10) / 10);
      return {
        month: r.month,
        received: show(Number(r.received)),
        decided: show(decided),
        medianDays: days(r.median),
        p90Days: days(r.p90),
        inactivePlans: show(inactiveByMonth.get(r.month) ?? 0),
      };
    }),
    loadPerUnit: load.map((r): UnitLoad => {
      const coordinators = show(r.coordinators);
      const plans = show(r.plans);
      return {
        unit: r.unit,
        coordinators,
        plans,
        // Hidden with either count: with one of them it would give the other away.
        plansPerCoordinator: coordinators === null || plans === null || r.coordinators === 0 ? null : Math.round((10 * r.plans) / r.coordinators) / 10,
      };
    }),
  };
}

/**
 * Cases received and decided per Oslo month, and the days from receipt to decision of those
 * decided (PostgreSQL's percentile_cont, as in the overview's processing times). The case type
 * filter applies; the unit filter does not (a case belongs to no coordinator's unit).
 */
function caseMonths(prisma: PrismaClient, municipalityId: string, months: string[], filter: DashboardFilter) {
  const first = months[0];
  const last = months[months.length - 1];
  const start = startOfOsloMonth(first);
  const end = startOfOsloMonth(addMonths(last, 1));
  const caseType = filter.caseType ?? null;
  return prisma.$queryRaw<{ month: string; received: number; decided: number; median: number | null; p90: number | null }[]>`
    WITH months AS (
      SELECT g::date AS month FROM generate_series(${`${first}-01`}::timestamp, ${`${last}-01`}::timestamp, interval '1 month') AS g
    ),
    received AS (
      SELECT date_trunc('month', ("receivedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE})::date AS month, count(*)::int AS n
      FROM "Case"
      WHERE "municipalityId" = ${municipalityId} AND "receivedAt" >= ${start} AND "receivedAt" < ${end}
        AND (${caseType}::text IS NULL OR "type"::text = ${caseType}::text)
      GROUP BY 1
    ),
    decided AS (
      SELECT date_trunc('month', ("decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE})::date AS month,
             count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("decidedAt" - "receivedAt")) / 86400) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("decidedAt" - "receivedAt")) / 86400) AS p90
      FROM "Case"
      WHERE "municipalityId" = ${municipalityId} AND "decidedAt" >= ${start} AND "decidedAt" < ${end}
        AND (${caseType}::text IS NULL OR "type"::text = ${caseType}::text)
      GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, COALESCE(r.n, 0) AS received, COALESCE(d.n, 0) AS decided, d.median, d.p90
    FROM months m
    LEFT JOIN received r ON r.month = m.month
    LEFT JOIN decided d ON d.month = m.month
    ORDER BY m.month`;
}

/**
 * Plans without activity, per month M: plans not closed now, created before the six calendar
 * months ending with M, with no activity month (PlanActivityMonth) among those six. Each plan is
 * read once, into bits of one bigint: its activity months in the period (bit 0 = five months
 * before the first month shown), then the months shown in which it had none in the six (bit k =
 * month k), from the first month it can count in. One pass then counts each bit. With a unit:
 * plans whose current coordinator works there (as `coordinatedFromUnit` in server/plans/service.ts,
 * from the current coordinator kept on the plan, docs/decisions/023).
 */
async function inactiveMonths(prisma: PrismaClient, municipalityId: string, months: string[], filter: DashboardFilter) {
  const first = months[0];
  const last = months[months.length - 1];
  const base = addMonths(first, -(INACTIVE_WINDOW_MONTHS - 1));
  const unitId = filter.unitId ?? null;
  // Activity in month k or any of the five after it (in bits from `base`) is activity in the window of month k.
  const windowActivity = Prisma.join(
    Array.from({ length: INACTIVE_WINDOW_MONTHS }, (_, i) => Prisma.raw(`(b >> ${i})`)),
    " | ",
  );
  const counts = Prisma.join(months.map((_, k) => Prisma.raw(`count(*) FILTER (WHERE mask & (1::bigint << ${k}) <> 0)::int AS "m${k}"`)));
  const [row] = await prisma.$queryRaw<Record<string, number>[]>`
    WITH masks AS MATERIALIZED (
      SELECT ~(${windowActivity}) & (-1::bigint << LEAST(GREATEST(counts_from, 0), 63)) AS mask
      FROM (
        SELECT COALESCE(a.bits, 0) AS b,
               -- Created in month c, a plan counts from month c + 6 (0 = the first month shown).
               date_part('year', (p."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE})::int * 12
                 + date_part('month', (p."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE})::int - 1
                 + ${INACTIVE_WINDOW_MONTHS}::int - ${monthIndex(first)}::int AS counts_from
        FROM "Plan" p
        LEFT JOIN (
          -- The month's number from the base month: its days from that month's first day, in months of
          -- 30.4375 days, which is exact for first days of months up to ten years apart.
          SELECT a."planId", bit_or(1::bigint << (((a."month" - ${`${base}-01`}::date) * 16 + 243) / 487)) AS bits
          FROM "PlanActivityMonth" a
          JOIN "Plan" ap ON ap."id" = a."planId"
          WHERE ap."municipalityId" = ${municipalityId} AND a."month" >= ${`${base}-01`}::date AND a."month" <= ${`${last}-01`}::date
          GROUP BY a."planId"
        ) a ON a."planId" = p."id"
        WHERE p."municipalityId" = ${municipalityId}
          AND p."status" <> 'CLOSED'
          AND p."createdAt" < ${startOfOsloMonth(addMonths(last, -(INACTIVE_WINDOW_MONTHS - 1)))}
          AND (${unitId}::text IS NULL OR p."currentCoordinatorId" IN (SELECT u."id" FROM "User" u WHERE u."unitId" = ${unitId}::text))
      ) plans
    )
    SELECT ${counts} FROM masks`;
  return months.map((month, k) => ({ month, inactive: Number(row?.[`m${k}`] ?? 0) }));
}

/**
 * Coordinators' load per unit now: the people who coordinate at least one plan that is not
 * closed, by their unit, and those plans. With a unit filter, that unit only.
 */
async function unitLoad(prisma: PrismaClient, municipalityId: string, filter: DashboardFilter) {
  const unitId = filter.unitId ?? null;
  const rows = await prisma.$queryRaw<{ unit: string | null; coordinators: number; plans: number }[]>`
    SELECT un."name" AS unit, count(DISTINCT p."currentCoordinatorId")::int AS coordinators, count(*)::int AS plans
    FROM "Plan" p
    JOIN "User" u ON u."id" = p."currentCoordinatorId"
    LEFT JOIN "Unit" un ON un."id" = u."unitId"
    WHERE p."municipalityId" = ${municipalityId}
      AND p."status" <> 'CLOSED'
      AND (${unitId}::text IS NULL OR u."unitId" = ${unitId}::text)
    GROUP BY u."unitId", un."name"
    ORDER BY un."name" NULLS LAST`;
  return rows.map((r) => ({ unit: r.unit, coordinators: Number(r.coordinators), plans: Number(r.plans) }));
}
