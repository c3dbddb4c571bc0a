// `npm run bench:pages`: how fast the portal's pages answer signed-in people (issue 16). Not a
// test: nothing passes or fails; it prints one JSON line per page and load.
//
// The portal runs as in production (Remix build, NODE_ENV=production, no jobs) in its own
// process, on PostgreSQL at BENCH_PG_URL in a database `bench_pages` made anew, with Demo
// kommune plus a larger plan (30 goals, 60 measures, 20 evaluations, 10 meetings, 25 texts).
// This process signs in as each role (a session row per person; the cookies a browser that runs
// the portal's JavaScript sends, plus the plan page once without) and drives each page with
// autocannon at 10 and 50 connections, loopback only, BENCH_PAGES_SECONDS each (default 8).
// For each it prints html_kb (the page as sent before compression), rps, p50/p95 latency, any
// errors, and the CPU time per request of the server process and of PostgreSQL (from /proc).
// /login (no database) and /healthz/live run in the same run as references.
// BENCH_PAGES_NODE_FLAGS passes flags to the portal's node, e.g. "--cpu-prof --cpu-prof-dir=prof"
// to profile exactly what is measured (node refuses --cpu-prof in NODE_OPTIONS).
import { BENCH_PG_URL, freshDatabase } from "./fresh-database.ts";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createGoal, createMeasure } from "../prisma/factories.ts";
import { createSession, SESSION_COOKIE } from "../server/auth/sessions.ts";
import { type connectPostgres } from "../server/db/database.ts";
import { seedDemoIfEmpty } from "../prisma/demo.ts";
import { SCRIPTED_COOKIE } from "../app/lib/scripted.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PG_URL = BENCH_PG_URL;
const DB_NAME = "bench_pages";
const SECONDS = Math.min(Math.max(Number(process.env.BENCH_PAGES_SECONDS ?? 8), 2), 60);
const CONNECTIONS = (process.env.BENCH_PAGES_CONNECTIONS ?? "10,50").split(",").map(Number);
const ONLY = process.env.BENCH_PAGES_ONLY?.split(",");
const PORT = Number(process.env.BENCH_PAGES_PORT ?? 3399);
const NODE_FLAGS = process.env.BENCH_PAGES_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TICKS = 100; // clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK on Linux)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;

type Db = ReturnType<typeof connectPostgres>;

/** A plan the size of a long-running one: 30 goals with 2 measures each, evaluations, meetings, texts. */
async function seedLargePlan(db: Db) {
  const prisma = db.prisma;
  const municipality = await prisma.municipality.findFirstOrThrow({ where: { demo: true } });
  const coordinator = await prisma.user.findFirstOrThrow({ where: { email: "koordinator@demo.no" } });
  const owner = await prisma.user.create({ data: { municipalityId: municipality.id, name: "Stor Plansen", email: "stor@demo.no", roles: { create: { role: "USER" } } } });
  const plan = await prisma.plan.create({
    data: {
      municipalityId: municipality.id,
      ownerId: owner.id,
      status: "ACTIVE",
      consentGivenAt: new Date(),
      consentGivenBy: owner.id,
      aboutMe: "Jeg liker å gå tur og høre på musikk.",
      coordinators: { create: { coordinatorId: coordinator.id } },
    },
  });
  const areas = ["DAILY_LIVING", "HEALTH", "HOUSING", "SOCIAL", "LEISURE"] as const;
  const paragraph = "Målet er skrevet sammen med brukeren, og vi ser på det igjen på neste møte i ansvarsgruppen. ";
  let texts = 0;
  for (let g = 0; g < 30; g++) {
    const goal = await createGoal(prisma, { planId: plan.id, createdById: coordinator.id, title: `Mål nummer ${g + 1} i den store planen`, lifeArea: areas[g % areas.length] });
    if (texts < 25) {
      await prisma.goal.update({ where: { id: goal.id }, data: { description: paragraph.repeat(3).trim() } });
      texts++;
    }
    for (let m = 0; m < 2; m++) {
      await createMeasure(prisma, { planId: plan.id, goalId: goal.id, createdById: coordinator.id, title: `Tiltak ${m + 1} for mål ${g + 1}`, responsibleUserId: coordinator.id });
    }
    if (g < 20) {
      await prisma.evaluation.create({
        data: { planId: plan.id, goalId: goal.id, date: new Date(Date.UTC(2026, 9, 1 + g)), participants: "Ansvarsgruppen", achieved: "Delvis nådd, fortsetter.", createdById: coordinator.id },
      });
    }
  }
  for (let i = 0; i < 10; i++) {
    const startsAt = new Date(Date.now() + (i - 5) * 30 * 24 * 3600_000);
    await prisma.meeting.create({
      data: {
        planId: plan.id,
        municipalityId: municipality.id,
        startsAt,
        durationMinutes: 60,
        location: "Helsehuset",
        status: i < 5 ? "HELD" : "PLANNED",
        organizerId: coordinator.id,
      },
    });
  }
  return plan.id;
}

function startPortal(databaseUrl: string) {
  // A throwaway key for identity numbers, which production requires; one instance, no Redis (its fan-out is not what is measured here).
  const { REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", SEED_DEMO: "false", JOBS: "false", TEST_IDP: "false", LOG_LEVEL: "error", IDENTITY_KEY: process.env.IDENTITY_KEY ?? randomBytes(32).toString("base64") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

async function waitForReady() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error("the portal did not start");
}

/** CPU seconds (user + system) the process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU seconds of every PostgreSQL process on this machine (the pool's connections live through a run). */
function databaseCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.includes("(postgres)")) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

interface Page {
  name: string;
  path: string;
  cookie?: string;
  accept?: string;
}

async function measure(page: Page, connections: number, pid: number) {
  const headers: Record<string, string> = { "accept-encoding": "gzip, br", accept: page.accept ?? "text/html" };
  if (page.cookie) headers.cookie = page.cookie;
  const plain = await fetch(`${ORIGIN}${page.path}`, { headers: { ...headers, "accept-encoding": "identity" }, redirect: "manual" });
  const body = await plain.text();
  const before = cpuSeconds(pid);
  const databaseBefore = databaseCpuSeconds();
  const result = await autocannon({ url: `${ORIGIN}${page.path}`, connections, duration: SECONDS, headers });
  const cpu = cpuSeconds(pid) - before;
  const databaseCpu = databaseCpuSeconds() - databaseBefore;
  const requests = result.requests.total;
  return {
    bench: "pages",
    page: page.name,
    connections,
    status: plain.status,
    html_kb: round(Buffer.byteLength(body) / 1024),
    rps: round(result.requests.average),
    p50_ms: result.latency.p50,
    p95_ms: (result.latency as unknown as Record<string, number>).p95 ?? result.latency.p97_5,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpu_ms_per_request: requests ? round((1000 * cpu) / requests) : null,
    db_cpu_ms_per_request: requests ? round((1000 * databaseCpu) / requests) : null,
  };
}

const db = await freshDatabase(DB_NAME);
await seedDemoIfEmpty(db.prisma);
const largePlanId = await seedLargePlan(db);
const byEmail = async (email: string) => (await db.prisma.user.findFirstOrThrow({ where: { email } })).id;
const sessionOf = async (email: string) => `${SESSION_COOKIE}=${(await createSession(db.prisma, await byEmail(email), { ip: "127.0.0.1", userAgent: "bench" })).token}`;
// As a browser sends them from its second page on: it runs the portal's JavaScript (decision 034).
const cookieOf = async (email: string) => `${await sessionOf(email)}; ${SCRIPTED_COOKIE}=1`;
const kari = await db.prisma.plan.findFirstOrThrow({ where: { owner: { email: "bruker@demo.no" }, status: "ACTIVE" } });
const meeting = await db.prisma.meeting.findFirstOrThrow({ where: { planId: kari.id }, orderBy: { startsAt: "desc" } });
const coordinator = await cookieOf("koordinator@demo.no");
const user = await cookieOf("bruker@demo.no");
const keLeader = await cookieOf("leder@demo.no");
const unitLeader = await cookieOf("enhetsleder@demo.no");
const byId = (planId: string) => `/api/trpc/plan.byId?input=${encodeURIComponent(JSON.stringify({ planId }))}`;

const pages: Page[] = [
  { name: "healthz (reference)", path: "/healthz/live" },
  { name: "login (reference, no database)", path: "/login" },
  { name: "mine-planer (coordinator start)", path: "/mine-planer", cookie: coordinator },
  { name: "plan page, Kari (coordinator)", path: `/planer/${kari.id}`, cookie: coordinator },
  { name: "plan page, Kari, browser without JavaScript", path: `/planer/${kari.id}`, cookie: await sessionOf("koordinator@demo.no") },
  { name: "plan page data only (?_data)", path: `/planer/${kari.id}?_data=routes%2Fplaner.%24planId`, cookie: coordinator, accept: "application/json" },
  { name: "plan page, large plan (coordinator)", path: `/planer/${largePlanId}`, cookie: coordinator },
  { name: "plan.byId (tRPC)", path: byId(kari.id), cookie: coordinator, accept: "application/json" },
  { name: "min-plan (service user)", path: "/min-plan", cookie: user },
  { name: "meeting page (coordinator)", path: `/moter/${meeting.id}`, cookie: coordinator },
  { name: "ke overview (KE leader)", path: "/ke", cookie: keLeader },
  { name: "enhet (unit leader)", path: "/enhet", cookie: unitLeader },
];

if (process.env.BENCH_PAGES_SKIP_BUILD !== "true") execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "ignore" });
const portal = startPortal(`${PG_URL}/${DB_NAME}`);
try {
  await waitForReady();
  for (const page of pages) {
    if (ONLY && !ONLY.some((o) => page.name.includes(o))) continue;
    // Warm up: compile paths, fill caches, as a server that has been running a while.
    await autocannon({ url: `${ORIGIN}${page.path}`, connections: 2, amount: 50, headers: page.cookie ? { cookie: page.cookie } : {} });
    for (const connections of CONNECTIONS) console.log(JSON.stringify(await measure(page, connections, portal.pid!)));
  }
} finally {
  if (portal.exitCode === null) {
    const exited = new Promise((resolve) => portal.once("exit", resolve));
    portal.kill("SIGTERM");
    await exited;
  }
  await db.close();
}
