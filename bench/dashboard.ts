// `npm run bench:dashboard`: the dashboard's server calls against the large municipality from
// `npm run db:seed:large` on PostgreSQL, one JSON line per view: the overview, the first page of
// every list behind a figure, and a unit leader's page. The reference: p95 under 100 ms at
// 20,000 plans, and the overview under 300 ms at 100,000 plans (`target_ms`, `meets`).
import { performance } from "node:perf_hooks";
import { validateSessionToken, createSession } from "../server/auth/sessions.ts";
import { connectPostgres } from "../server/db/database.ts";
import {
  CASE_METRICS,
  getDashboardOverview,
  listDashboardCases,
  listDashboardMeasures,
  listDashboardMeetings,
  listDashboardPlans,
  MEASURE_METRICS,
  MEETING_METRICS,
  PLAN_METRICS,
  type CaseMetric,
  type MeasureMetric,
  type MeetingMetric,
  type PlanMetric,
} from "../server/dashboard/service.ts";
import { getDashboardTrends } from "../server/dashboard/trends.ts";
import { getUnitOverview } from "../server/dashboard/unit.ts";

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (or BENCH_DATABASE_URL) to the database filled by `npm run db:seed:large`.");
  process.exit(1);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const db = connectPostgres(url);

async function time(view: string, plans: number, target: number, fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => +samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(1);
  const p95 = at(0.95);
  console.log(JSON.stringify({ bench: "dashboard", view, plans, rounds: ROUNDS, p50_ms: at(0.5), p95_ms: p95, target_ms: target, meets: p95 < target }));
}

try {
  const leader = await db.prisma.user.findFirst({ where: { municipality: { number: "L001" }, roles: { some: { role: "KE_LEADER" } } } });
  if (!leader) throw new Error("No large municipality here: run `npm run db:seed:large` first.");
  const { token } = await createSession(db.prisma, leader.id);
  const actor = (await validateSessionToken(db.prisma, token))!.user;
  const plans = await db.prisma.plan.count({ where: { municipalityId: actor.municipalityId } });
  // The figures: 100 ms at 20,000 plans; the overview 300 ms at 100,000.
  const target = plans > 50_000 ? 300 : 100;
  const filter = { publication: false };
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const page = { filter, as: "screen" as const, limit: 50, direction: "asc" as const };
  await time("overview", plans, target, () => getDashboardOverview(db.prisma, actor, filter));
  await time("trends", plans, target, () => getDashboardTrends(db.prisma, actor, filter));
  for (const metric of Object.keys(PLAN_METRICS) as PlanMetric[]) {
    await time(`plans: ${metric}`, plans, 100, () => listDashboardPlans(db.prisma, actor, { ...page, metric, sort: "lastActivity" }, meta));
  }
  for (const metric of Object.keys(CASE_METRICS) as CaseMetric[]) {
    await time(`cases: ${metric}`, plans, 100, () => listDashboardCases(db.prisma, actor, { ...page, metric, sort: "decisionDue" }, meta));
  }
  for (const metric of Object.keys(MEETING_METRICS) as MeetingMetric[]) {
    await time(`meetings: ${metric}`, plans, 100, () => listDashboardMeetings(db.prisma, actor, { ...page, metric, sort: "startsAt" }, meta));
  }
  for (const metric of Object.keys(MEASURE_METRICS) as MeasureMetric[]) {
    await time(`measures: ${metric}`, plans, 100, () => listDashboardMeasures(db.prisma, actor, { ...page, metric, sort: "evaluationDate" }, meta));
  }
  const unit = await db.prisma.unit.findFirstOrThrow({ where: { municipalityId: actor.municipalityId }, orderBy: { name: "asc" } });
  await time("unit page", plans, 100, () => getUnitOverview(db.prisma, actor, { unitId: unit.id }));
} finally {
  await db.close();
}
