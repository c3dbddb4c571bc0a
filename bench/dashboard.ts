// `npm run bench:dashboard`: the dashboard's server queries against the large municipality from
// `npm run db:seed:large` on PostgreSQL, one JSON line per view. Goal (issue): p95 under 200 ms
// for the overview on a 2-core machine.
import { performance } from "node:perf_hooks";
import { validateSessionToken, createSession } from "../server/auth/sessions.ts";
import { connectPostgres } from "../server/db/database.ts";
import { getDashboardOverview, listDashboardCases, listDashboardPlans } from "../server/dashboard/service.ts";

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (or BENCH_DATABASE_URL) to the database filled by `npm run db:seed:large`.");
  process.exit(1);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const db = connectPostgres(url);

async function time(view: string, plans: number, fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => +samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(1);
  console.log(JSON.stringify({ bench: "dashboard", view, plans, rounds: ROUNDS, p50_ms: at(0.5), p95_ms: at(0.95) }));
}

try {
  const leader = await db.prisma.user.findFirst({ where: { municipality: { number: "L001" }, roles: { some: { role: "KE_LEADER" } } } });
  if (!leader) throw new Error("No large municipality here: run `npm run db:seed:large` first.");
  const { token } = await createSession(db.prisma, leader.id);
  const actor = (await validateSessionToken(db.prisma, token))!.user;
  const plans = await db.prisma.plan.count({ where: { municipalityId: actor.municipalityId } });
  const filter = { publication: false };
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  await time("overview", plans, () => getDashboardOverview(db.prisma, actor, filter));
  await time("plans: inactive 12 months", plans, () => listDashboardPlans(db.prisma, actor, { metric: "inactive12Months", filter, as: "screen" }, meta));
  await time("plans: evaluations overdue", plans, () => listDashboardPlans(db.prisma, actor, { metric: "evaluationsOverdue", filter, as: "screen" }, meta));
  await time("cases: decision overdue", plans, () => listDashboardCases(db.prisma, actor, { metric: "decisionOverdue", filter, as: "screen" }, meta));
} finally {
  await db.close();
}
