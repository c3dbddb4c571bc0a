import { ASSESSMENT_SCORES, improvement, NOT_RELEVANT } from "../../app/domain/assessment.ts";
import { LIFE_AREAS, type Attainment, type LifeArea } from "../../app/domain/lists.ts";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { currentCodeList } from "../assessments/codes.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import { ASSESSMENT_PLAN_METRICS, contextFor, dashboardPolicy, PLAN_METRICS, publishable, type AssessmentPlanMetric, type Context, type DashboardFilter } from "./service.ts";
import { sharedCount } from "./shared-counts.ts";

// Kartlegging on the dashboard (issue 15, part 5): the coordinating unit's and unit leaders'
// figures from assessments, goals tied to them and the person's own view. Each figure is
// defined once, below, and counted by the database; the page shows each with a plain
// explanation of what it shows and what it does not (app/i18n/locales/assessment-figures.ts).
//
// Choices, also in the explanations:
// - A person is a plan: the figures count active plans (a person has one active individual plan).
// - A person's score in an area is the highest (most need) of the latest scores of the area's
//   variables, each from the newest assessment that scored it; 9 ("not relevant") only when every
//   variable of the area is 9. Never an average across areas (seed-001 §3.7: no single "need score").
// - Change: the same rule applied to each variable's first and latest score, for people with a
//   goal (not deleted) tied to a variable of the area; comparable once two assessments scored the area.
// - The period filter (from/to) does not apply: these figures describe the plans as they are now.


/** Scores 1-5 and 9, as the keys of a distribution. */
type Distribution = Record<(typeof ASSESSMENT_SCORES)[number], number | null>;

export interface AreaDistribution {
  area: string;
  name: string;
  /** People (active plans) with a score in the area. */
  people: number | null;
  scores: Distribution;
}

export interface AreaChange {
  area: string;
  name: string;
  /** People (active plans) with a goal tied to the area. */
  people: number | null;
  improved: number | null;
  unchanged: number | null;
  worse: number | null;
  /** Fewer than two assessments of the area, or no relevant score at one end. */
  notComparable: number | null;
}

export interface GoalAttainment {
  lifeArea: LifeArea;
  goals: number | null;
  achieved: number | null;
  partly: number | null;
  notAttained: number | null;
  notEvaluated: number | null;
}

const unitCondition = (unitId: string | null) =>
  Prisma.sql`(${unitId}::text IS NULL OR p."currentCoordinatorId" IN (SELECT cu."id" FROM "User" cu WHERE cu."unitId" = ${unitId}::text))`;

/** (a) Per area and unit: how many people's area score is 1, 2, 3, 4, 5 or 9. */
function currentScoreRows(prisma: PrismaClient, c: Context) {
  return prisma.$queryRaw<{ area: string; unitId: string | null; score: number; n: number }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (s."planId", s."variable") s."planId", s."area", s."score"
      FROM "AssessmentScore" s
      JOIN "Assessment" a ON a."id" = s."assessmentId"
      JOIN "Plan" p ON p."id" = s."planId"
      WHERE p."municipalityId" = ${c.municipalityId} AND p."status" = 'ACTIVE' AND ${unitCondition(c.filter.unitId ?? null)}
      ORDER BY s."planId", s."variable", a."assessedOn" DESC, a."createdAt" DESC
    ),
    person AS (
      SELECT "planId", "area", COALESCE(max("score") FILTER (WHERE "score" <> ${NOT_RELEVANT}), ${NOT_RELEVANT}) AS score
      FROM latest
      GROUP BY "planId", "area"
    )
    SELECT person."area" AS area, cu."unitId" AS "unitId", person.score::int AS score, count(*)::int AS n
    FROM person
    JOIN "Plan" p ON p."id" = person."planId"
    LEFT JOIN "User" cu ON cu."id" = p."currentCoordinatorId"
    GROUP BY person."area", cu."unitId", person.score`;
}

/** (b) Per area, for people with a goal tied to it: their first and latest area score. */
function changeRows(prisma: PrismaClient, c: Context) {
  return prisma.$queryRaw<{ area: string; first: number | null; latest: number | null; comparable: boolean; n: number }[]>`
    WITH goal_area AS (
      SELECT DISTINCT g."planId", gv."area"
      FROM "GoalVariable" gv
      JOIN "Goal" g ON g."id" = gv."goalId"
      JOIN "Plan" p ON p."id" = g."planId"
      WHERE g."deletedAt" IS NULL AND p."municipalityId" = ${c.municipalityId} AND p."status" = 'ACTIVE' AND ${unitCondition(c.filter.unitId ?? null)}
    ),
    ranked AS (
      SELECT s."planId", s."area", s."assessmentId", s."score",
             row_number() OVER (PARTITION BY s."planId", s."variable" ORDER BY a."assessedOn", a."createdAt") AS first_rank,
             row_number() OVER (PARTITION BY s."planId", s."variable" ORDER BY a."assessedOn" DESC, a."createdAt" DESC) AS last_rank
      FROM "AssessmentScore" s
      JOIN "Assessment" a ON a."id" = s."assessmentId"
      JOIN goal_area ga ON ga."planId" = s."planId" AND ga."area" = s."area"
    ),
    person AS (
      SELECT "planId", "area",
             max("score") FILTER (WHERE first_rank = 1 AND "score" <> ${NOT_RELEVANT}) AS first,
             max("score") FILTER (WHERE last_rank = 1 AND "score" <> ${NOT_RELEVANT}) AS latest,
             count(DISTINCT "assessmentId") AS assessments
      FROM ranked
      GROUP BY "planId", "area"
    )
    SELECT ga."area" AS area, person.first::int AS first, person.latest::int AS latest,
           COALESCE(person.assessments, 0) >= 2 AS comparable, count(*)::int AS n
    FROM goal_area ga
    LEFT JOIN person ON person."planId" = ga."planId" AND person."area" = ga."area"
    GROUP BY ga."area", person.first, person.latest, COALESCE(person.assessments, 0) >= 2`;
}


function emptyDistribution(): Record<(typeof ASSESSMENT_SCORES)[number], number> {
  return Object.fromEntries(ASSESSMENT_SCORES.map((s) => [s, 0])) as Record<(typeof ASSESSMENT_SCORES)[number], number>;
}

/**
 * A row of counts and their total, for publication: each count from 1 to 4 hidden; when any is,
 * the total too, and when only one is, the next smallest as well, so that no hidden count can be
 * worked out by subtracting the others from the total (complementary suppression).
 */
function publishRow<K extends string>(counts: Record<K, number>, filter: DashboardFilter): { cells: Record<K, number | null>; total: number | null } {
  const keys = Object.keys(counts) as K[];
  const total = keys.reduce((sum, k) => sum + counts[k], 0);
  if (!filter.publication) return { cells: counts, total };
  const hidden = new Set(keys.filter((k) => publishable(counts[k], filter) === null));
  if (hidden.size === 1) {
    const next = keys.filter((k) => !hidden.has(k) && counts[k] > 0).sort((a, b) => counts[a] - counts[b])[0];
    if (next) hidden.add(next);
  }
  const cells = Object.fromEntries(keys.map((k) => [k, hidden.has(k) ? null : counts[k]])) as Record<K, number | null>;
  return { cells, total: hidden.size ? null : publishable(total, filter) };
}

/** Percent of a whole, when both counts may be shown. */
function share(part: number, whole: number, filter: DashboardFilter): number | null {
  if (!whole || publishable(part, filter) === null || publishable(whole, filter) === null) return null;
  return Math.round((100 * part) / whole);
}

export async function getAssessmentFigures(prisma: PrismaClient, actor: SessionUser, input: DashboardFilter, now = new Date()) {
  // Plans' figures: a unit leader reads them for their own unit (as the unit page).
  const { filter } = await dashboardPolicy(input, "unit").resolve(prisma, actor);
  return sharedCount("assessments", prisma, actor.municipalityId, filter, () => countAssessmentFigures(prisma, actor, filter, now));
}

async function countAssessmentFigures(prisma: PrismaClient, actor: SessionUser, filter: DashboardFilter, now: Date) {
  const { assessmentMaxAgeMonths: maxAgeMonths } = await prisma.municipality.findUniqueOrThrow({ where: { id: actor.municipalityId }, select: { assessmentMaxAgeMonths: true } });
  const c = contextFor(actor, filter, now, maxAgeMonths);
  const show = (n: number) => publishable(n, filter);

  const metricKeys = Object.keys(ASSESSMENT_PLAN_METRICS) as AssessmentPlanMetric[];
  const [areas, activePlans, userWritten, planCounts, scoreRows, changes, goalRows, units] = await Promise.all([
    currentCodeList(prisma, actor.municipalityId).then((list) => list.areas),
    prisma.plan.count({ where: PLAN_METRICS.activePlans(c) }),
    // (f) is the overview's figure, from the same condition.
    prisma.plan.count({ where: PLAN_METRICS.withUserWrittenGoals(c) }),
    Promise.all(metricKeys.map((key) => prisma.plan.count({ where: ASSESSMENT_PLAN_METRICS[key](c) }))),
    currentScoreRows(prisma, c),
    changeRows(prisma, c),
    // (c) Goals (not deleted) in active plans, by life area, status and attainment.
    prisma.goal.groupBy({
      by: ["lifeArea", "status", "attained"],
      where: { deletedAt: null, plan: PLAN_METRICS.activePlans(c) },
      _count: { _all: true },
    }),
    filter.unitId ? [] : prisma.unit.findMany({ where: { municipalityId: actor.municipalityId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const plans = Object.fromEntries(metricKeys.map((key, i) => [key, planCounts[i]])) as Record<AssessmentPlanMetric, number>;

  // (a) Summed per area (all units) and per unit, from the rows grouped by the database.
  const names = new Map(areas.map((a) => [a.key, a.name]));
  const keys = [...areas.map((a) => a.key), ...[...new Set([...scoreRows.map((r) => r.area), ...changes.map((r) => r.area)])].filter((k) => !names.has(k)).sort()];
  const total = new Map(keys.map((k) => [k, emptyDistribution()]));
  const perUnit = new Map<string | null, Map<string, Record<number, number>>>();
  for (const row of scoreRows) {
    const score = Number(row.score) as (typeof ASSESSMENT_SCORES)[number];
    total.get(row.area)![score] += Number(row.n);
    if (!perUnit.has(row.unitId)) perUnit.set(row.unitId, new Map());
    const unitAreas = perUnit.get(row.unitId)!;
    if (!unitAreas.has(row.area)) unitAreas.set(row.area, emptyDistribution());
    unitAreas.get(row.area)![score] += Number(row.n);
  }
  const distribution = (area: string, counts: Record<number, number>): AreaDistribution => {
    const row = publishRow(Object.fromEntries(ASSESSMENT_SCORES.map((s) => [s, counts[s]])) as Record<string, number>, filter);
    return { area, name: names.get(area) ?? area, people: row.total, scores: row.cells as unknown as Distribution };
  };
  // With and without an assessment add up to the active plans: in publication both go, or neither.
  const pairHidden = filter.publication && (show(plans.withAssessment) === null || show(plans.withoutAssessment) === null);

  // (b) improvement() on each group of first and latest scores.
  const change = new Map(keys.map((k) => [k, { improved: 0, unchanged: 0, worse: 0, notComparable: 0 }]));
  for (const row of changes) {
    const counts = change.get(row.area)!;
    const moved = row.comparable ? improvement(row.first, row.latest) : null;
    const bucket = moved === null ? "notComparable" : moved > 0 ? "improved" : moved < 0 ? "worse" : "unchanged";
    counts[bucket] += Number(row.n);
  }

  // (c) One bucket per goal: achieved (status or attainment YES), else the latest attainment, else not evaluated.
  const attainment = new Map(LIFE_AREAS.map((area) => [area, { achieved: 0, partly: 0, notAttained: 0, notEvaluated: 0 }]));
  for (const row of goalRows) {
    const counts = attainment.get(row.lifeArea as LifeArea)!;
    const attained = row.attained as Attainment | null;
    const bucket = row.status === "ACHIEVED" || attained === "YES" ? "achieved" : attained === "PARTLY" ? "partly" : attained === "NO" ? "notAttained" : "notEvaluated";
    counts[bucket] += row._count._all;
  }

  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return {
    today: osloDate(c.today),
    maxAgeMonths,
    /** The day before which an assessment is out of date. */
    outOfDateBefore: c.outOfDateBefore.toISOString().slice(0, 10),
    plans: {
      activePlans: show(activePlans),
      withAssessment: pairHidden ? null : show(plans.withAssessment),
      withoutAssessment: pairHidden ? null : show(plans.withoutAssessment),
      assessmentOutOfDate: show(plans.assessmentOutOfDate),
      withOwnView: show(plans.withOwnView),
      withUserWrittenGoals: show(userWritten),
    },
    /** Percent: of active plans, except the own view (of plans with an assessment). */
    shares: {
      withAssessment: pairHidden ? null : share(plans.withAssessment, activePlans, filter),
      withoutAssessment: pairHidden ? null : share(plans.withoutAssessment, activePlans, filter),
      assessmentOutOfDate: share(plans.assessmentOutOfDate, activePlans, filter),
      withOwnView: share(plans.withOwnView, plans.withAssessment, filter),
      withUserWrittenGoals: share(userWritten, activePlans, filter),
    },
    scores: keys.map((area) => distribution(area, total.get(area)!)),
    /**
     * Per unit of the current coordinator, when the selection is not one unit already. Not in
     * publication: the units add up to the whole, and small units would give people away.
     */
    scoresPerUnit: filter.unitId || filter.publication
      ? []
      : [...perUnit.entries()]
          .map(([unitId, unitAreas]) => ({
            unitId,
            unit: unitId ? (unitNames.get(unitId) ?? null) : null,
            areas: keys.map((area) => distribution(area, unitAreas.get(area) ?? emptyDistribution())),
          }))
          .sort((a, b) => (a.unit === null ? 1 : b.unit === null ? -1 : a.unit.localeCompare(b.unit, "nb"))),
    change: keys.map((area): AreaChange => {
      const { cells, total: people } = publishRow(change.get(area)!, filter);
      return { area, name: names.get(area) ?? area, people, ...cells };
    }),
    goals: LIFE_AREAS.map((lifeArea): GoalAttainment => {
      const { cells, total: goals } = publishRow(attainment.get(lifeArea)!, filter);
      return { lifeArea, goals, ...cells };
    }),
  };
}

export type AssessmentFigures = Awaited<ReturnType<typeof getAssessmentFigures>>;
