// `npm run bench`: server-side timings of the hot procedures on a seeded database, printed as
// one JSON line each. Not a test: nothing here passes or fails. With DATABASE_URL set it runs on
// that PostgreSQL (a throwaway database is advised); otherwise on an in-memory PGlite.
import { performance } from "node:perf_hooks";
import { createSession, validateSessionToken } from "../server/auth/sessions.ts";
import { connectPglite, connectPostgres, type Database } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { createCaller } from "../server/router.ts";
import { createContextInner } from "../server/trpc/context.ts";
import { seedDemo } from "../prisma/demo.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, db: Database, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: name,
      db: db.kind,
      rounds: ROUNDS,
      p50_ms: +percentile(times, 50).toFixed(2),
      p95_ms: +percentile(times, 95).toFixed(2),
      max_ms: +times[times.length - 1].toFixed(2),
    }),
  );
}

async function callerFor(db: Database, email: string) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  const { token } = await createSession(db.prisma, user.id);
  const auth = await validateSessionToken(db.prisma, token);
  return { caller: createCaller(createContextInner({ db, auth, meta: { ip: "127.0.0.1", userAgent: "bench" } })), token };
}

const db = process.env.DATABASE_URL ? connectPostgres(process.env.DATABASE_URL) : await connectPglite();
try {
  await migrate(db);
  if (!(await db.prisma.user.findUnique({ where: { email: "bruker@demo.no" } }))) await seedDemo(db.prisma);
  const coordinator = await callerFor(db, "koordinator@demo.no");
  const owner = await callerFor(db, "bruker@demo.no");
  const [plan] = await owner.caller.plan.mine();

  await measure("session.validate", db, () => validateSessionToken(db.prisma, coordinator.token));
  await measure("plan.list (coordinator)", db, () => coordinator.caller.plan.list());
  await measure("plan.byId (coordinator, audited read)", db, () => coordinator.caller.plan.byId({ planId: plan.id }));
  await measure("log.create (audited write)", db, () => coordinator.caller.log.create({ planId: plan.id, body: "benchmark" }));
} finally {
  await db.close();
}
