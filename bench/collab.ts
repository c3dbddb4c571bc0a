// `npm run bench:collab`: co-editing latency and capacity of the portal's collaboration server
// (its authentication and persistence to PostgreSQL) against a bare Hocuspocus 4 with neither,
// measured the same way in the same run. Processes: this one (prepares the data, starts and
// stops the others, keeps the score), one server at a time (bench/collab-server.ts: the portal
// via createApp, or the bare baseline), and the simulated editors (bench/collab-driver.ts: real
// @hocuspocus/provider clients, split over BENCH_COLLAB_DRIVERS processes, default 2). Portal and
// baseline run one after the other, never together, each on a fresh server process.
//
// Latency: every editor makes 5 changes a second; change-to-peer p50/p95/p99 over every delivery
// (deliveries that never arrive count as lower bounds, shown as "≥").
// Capacity: the rate doubles (10, 20, 40, … a second per editor) until p95 passes 100 ms or the
// deliveries fall behind (or halves from 5 until it holds, when 5 does not), then narrows the gap
// between the last rate that held and the first that did not by halving it twice; a failed step
// is tried once more, after the server has worked off its backlog. The highest deliveries a
// second (arrived within the window plus 100 ms) of a step that held is the capacity. With one
// text, every step opens a fresh one (textsOf), so a step measures its rate, not the text's history.
// Rounds (BENCH_COLLAB_ROUNDS, default 3): portal and baseline are measured one after the other
// that many times per scenario; the ratio reported is the median of the rounds' ratios, each
// from a pair measured back to back, and the capacities are the medians. With 50 editors in one
// text the simulated editors fill this machine's cores, so one round's ratio is noise (stop 22
// saw 1.33 and 0.67 from the same code); the median of pairs is the figure to read.
//
// Progress goes to stderr; stdout gets one JSON line per scenario at the end ("editors" is per
// document). PostgreSQL at BENCH_PG_URL (default postgresql://postgres@127.0.0.1:5432); the
// database `bench_collab` is dropped and created anew each run. The servers and the editors
// share this machine's cores: run it on an otherwise idle machine (it warns when it is not).
// While developing: BENCH_COLLAB_SCENARIOS=1doc-2,200docs-5 and BENCH_COLLAB_SERVERS=baseline
// run only those, BENCH_COLLAB_MAX_RATE caps the ladder, BENCH_COLLAB_PROFILE=<dir> writes CPU
// profiles of the servers and drivers.
// Goal (issue): p95 under 50 ms at 50 editors, ratio at least 0.8.
import { BENCH_PG_URL, freshDatabase } from "./fresh-database.ts";
import { fork, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createSession, SESSION_COOKIE } from "../server/auth/sessions.ts";
import { createGoal, createMunicipality, createPlan, createUser } from "../prisma/factories.ts";
import { clock, type DriverSetup, type FromDriver, type StepCounts, type StepOrder, type ToDriver } from "./collab-shared.ts";

const PG_URL = BENCH_PG_URL;
const DB_NAME = "bench_collab";
const DATABASE_URL = `${PG_URL}/${DB_NAME}`;
const MEMBERS = 50;

const SCENARIOS = [
  { name: "1doc-2", documents: 1, editors: 2 },
  { name: "1doc-20", documents: 1, editors: 20 },
  { name: "1doc-50", documents: 1, editors: 50 },
  { name: "200docs-5", documents: 200, editors: 5 },
].filter((s) => !process.env.BENCH_COLLAB_SCENARIOS || process.env.BENCH_COLLAB_SCENARIOS.split(",").includes(s.name));
type Scenario = (typeof SCENARIOS)[number];
// BENCH_COLLAB_SERVERS=baseline measures only the bare Hocuspocus (while developing the bench).
const SERVERS = (process.env.BENCH_COLLAB_SERVERS ?? "portal,baseline").split(",");

const RUN = {
  latencyRate: 5,
  latencyWarmupMs: 2000,
  latencyMeasureMs: 8000,
  stepRampMs: 500,
  stepMeasureMs: 3000,
  maxP95Ms: 100,
  maxRate: Number(process.env.BENCH_COLLAB_MAX_RATE ?? 10_240),
};

// Driver processes (BENCH_COLLAB_DRIVERS): the simulated editors, not the server, are the
// heavier side (every editor applies every change to its own Y.Doc), so they get both cores.
const DRIVERS = Number(process.env.BENCH_COLLAB_DRIVERS ?? 2);
const ROUNDS = Math.max(1, Number(process.env.BENCH_COLLAB_ROUNDS ?? 3));
// Fewer scavenges: the editors allocate a lot of short-lived update buffers.
const DRIVER_FLAGS = process.env.BENCH_COLLAB_DRIVER_FLAGS?.split(" ").filter(Boolean) ?? ["--max-semi-space-size=32"];

let failed = false;
const log = (line: string) => process.stderr.write(`${line}\n`);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
// The children run TypeScript like this process: through tsx, on the same Node.
// BENCH_COLLAB_PROFILE=<dir> writes a CPU profile of every server and driver process there.
const execArgv = [
  "--import",
  import.meta.resolve("tsx"),
  ...(process.env.BENCH_COLLAB_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_COLLAB_PROFILE}`] : []),
];

/**
 * A fresh database with one plan and MEMBERS staff members who may edit it. The texts come
 * later, from textsOf().
 */
async function prepare() {
  const db = await freshDatabase(DB_NAME);
  const municipality = await createMunicipality(db.prisma, { name: "Benchmark kommune" });
  const owner = await createUser(db.prisma, { municipalityId: municipality.id, roles: ["USER"] });
  const members = [];
  for (let i = 0; i < MEMBERS; i++) members.push(await createUser(db.prisma, { municipalityId: municipality.id, roles: ["STAFF"] }));
  const plan = await createPlan(db.prisma, {
    municipalityId: municipality.id,
    ownerId: owner.id,
    participants: members.map((m) => ({ userId: m.id, kind: "PROVIDER" as const, access: "EDIT_PLAN" as const, consent: true })),
  });
  return { db, planId: plan.id, ownerId: owner.id, members };
}

type Prepared = Awaited<ReturnType<typeof prepare>>;
type Texts = (step: number) => Promise<{ name: string; cookies: string[] }[]>;

/**
 * The texts of one round of a scenario. With one text, step n of the ladder (the latency phase
 * is 0, a retried step gets its own) opens texts(n): a goal no step has written to, by editors
 * with new sessions, as other people would. The text grows with every change (Yjs keeps what
 * was deleted as tombstones) and the editors apply every change to it, so on one text for the
 * whole ladder a late step measured the text's history, not its rate: at 2 editors, rates that
 * had held failed for both servers after a failure (stop 27). With many texts each gets a small
 * share of the changes, and opening a thousand editors anew for every step would take longer
 * than the steps: they keep theirs. Portal and baseline get the same names for the same step.
 */
async function textsOf(prepared: Prepared, scenario: Scenario): Promise<Texts> {
  const { db, planId, ownerId, members } = prepared;
  const create = async () => {
    const docs = [];
    for (let d = 0; d < scenario.documents; d++) {
      const goal = await createGoal(db.prisma, { planId, createdById: ownerId });
      const cookies = [];
      for (let e = 0; e < scenario.editors; e++) {
        const member = members[(d * scenario.editors + e) % MEMBERS];
        const { token } = await createSession(db.prisma, member.id, { ip: "127.0.0.1", userAgent: "bench:collab" });
        cookies.push(`${SESSION_COOKIE}=${token}`);
      }
      docs.push({ name: `goal:${goal.id}:description`, cookies });
    }
    return docs;
  };
  const steps = new Map<number, ReturnType<typeof create>>();
  return (step) => {
    const key = scenario.documents === 1 ? step : 0;
    if (!steps.has(key)) steps.set(key, create());
    return steps.get(key)!;
  };
}

function waitForExit(child: ChildProcess, ms: number) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function startServer(kind: "portal" | "baseline") {
  const child = fork(here("./collab-server.ts"), [kind], {
    execArgv,
    env: { ...process.env, BENCH_DATABASE_URL: DATABASE_URL, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // The server's own output goes to stderr (stdout is for the JSON lines), a repeated message
  // (with its stack) only twice; how many more there were is told when the server stops.
  const repeats = new Map<string, number>();
  let showing = true;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      if (!/^\s|^}/.test(line)) {
        const key = line.slice(0, 160);
        const seen = (repeats.get(key) ?? 0) + 1;
        repeats.set(key, seen);
        showing = seen <= 2;
      }
      if (showing) log(`  [${kind}] ${line}`);
    });
  }
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once("message", (message: { type: string; port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with code ${code}`)));
  });
  return {
    child,
    port,
    async stop() {
      if (child.connected) child.send({ type: "stop" });
      await waitForExit(child, 10_000);
      for (const [line, seen] of repeats) if (seen > 2) log(`  [${kind}] … and ${seen - 2} more times: ${line}`);
    },
  };
}

/** CPU time (ms) a process has used, from /proc; null where that is not available. */
function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
  } catch {
    return null;
  }
}

/** CPU time (ms) so far of each PostgreSQL process on this machine (the portal's writes cost there too). */
function postgresCpuMs(): Map<number, number> | null {
  try {
    const times = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") times.set(Number(entry), processCpuMs(Number(entry)) ?? 0);
      } catch {
        // gone meanwhile
      }
    }
    return times;
  } catch {
    return null;
  }
}

/** The median of the figures the rounds gave (a round that failed gives none); null when none did. */
function medianOf(values: (number | null | undefined)[]) {
  const known = values.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  if (!known.length) return null;
  const middle = known.length / 2;
  return known.length % 2 ? known[Math.floor(middle)] : (known[middle - 1] + known[middle]) / 2;
}

const two = (n: number | null) => (n === null ? null : +n.toFixed(2));

function percentile(sorted: Float64Array, p: number) {
  if (!sorted.length) return NaN;
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
}

/** The share of all cores busy (with anything) over the next second, from /proc/stat; null where unknown. */
async function machineBusy(): Promise<number | null> {
  const read = () => {
    try {
      const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
      return { idle: ticks[3] + ticks[4], total: ticks.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = read();
  if (!before || !after || after.total === before.total) return null;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

function warnIfBusy(busy: number | null) {
  if (busy !== null && busy > 0.1) {
    log(`Warning: ${Math.round(busy * 100)}% of the CPU is busy with other work; the servers and editors share these cores, so the figures will be noisy.`);
  }
}

/**
 * The driver processes of one measurement, each with its share of the editors. Every step first
 * calls next(): when the step has texts of its own, the editors leave the ones they were on and
 * open those, each again on its own connection.
 */
async function startDrivers(setup: Omit<DriverSetup, "part" | "parts" | "docs" | "opening">, texts: Texts) {
  const children = Array.from({ length: DRIVERS }, () =>
    fork(here("./collab-driver.ts"), [], { execArgv: [...execArgv, ...DRIVER_FLAGS], stdio: ["ignore", 2, 2, "ipc"], serialization: "advanced" }),
  );
  const ask = (child: ChildProcess, message: ToDriver) =>
    new Promise<FromDriver>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`a driver exited with code ${code}`));
      child.once("exit", onExit);
      child.once("message", (reply: FromDriver) => {
        child.off("exit", onExit);
        if (reply.type === "error") reject(new Error(reply.message));
        else resolve(reply);
      });
      child.send(message);
    });
  const close = async () => {
    for (const child of children) if (child.connected) child.send({ type: "close" } satisfies ToDriver);
    await Promise.all(children.map((child) => waitForExit(child, 10_000)));
  };
  let steps = 0;
  let opened = 0;
  let current: Awaited<ReturnType<Texts>> | null = null;
  const drivers = {
    children,
    ask,
    close,
    editors: 0,
    async next() {
      const docs = await texts(steps++);
      if (docs === current) return;
      current = docs;
      const started = performance.now();
      const ready = await Promise.all(children.map((child, part) => ask(child, { type: "setup", setup: { ...setup, docs, opening: opened, part, parts: DRIVERS } })));
      drivers.editors = ready.reduce((sum, r) => sum + (r.type === "ready" ? r.editors : 0), 0);
      if (opened === 0) log(`${setup.label}: ${drivers.editors} editors in ${DRIVERS} driver process(es) connected and synced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      opened++;
    },
  };
  return drivers;
}

type Drivers = Awaited<ReturnType<typeof startDrivers>>;

interface StepResult {
  /** Changes a second per editor asked for. */
  rate: number;
  changes_per_s: number;
  expected_per_s: number;
  /** Deliveries of the window's changes that arrived by the window's end plus the latency limit, a second. */
  delivered_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Deliveries still missing after the drain (counted in the percentiles as lower bounds). */
  missing: number;
  pass: boolean;
  why?: string;
}

async function step(
  drivers: Drivers,
  label: string,
  serverPid: number | undefined,
  rate: number,
  phase: { rampMs: number; measureMs: number; drainMs: number },
): Promise<StepResult> {
  const { measureMs } = phase;
  await drivers.next();
  const start = clock() + 200;
  const t0 = start + phase.rampMs;
  const order: StepOrder = { rate, start, t0, t1: t0 + measureMs, deadline: t0 + measureMs + RUN.maxP95Ms, drainMs: phase.drainMs };
  const cpu: { server: number | null; postgres: Map<number, number> | null }[] = [];
  const sample = () => cpu.push({ server: processCpuMs(serverPid), postgres: postgresCpuMs() });
  const at0 = setTimeout(sample, order.t0 - clock());
  const at1 = setTimeout(sample, order.t1 - clock());
  const replies = await Promise.all(drivers.children.map((child) => drivers.ask(child, { type: "step", order })));
  clearTimeout(at0);
  clearTimeout(at1);
  const counts = replies.flatMap((r) => (r.type === "counts" ? [r.counts] : []));
  const sum = (pick: (c: StepCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const [changes, expected, delivered, onTime] = [sum((c) => c.changes), sum((c) => c.expected), sum((c) => c.delivered), sum((c) => c.onTime)];
  // Deliveries that never arrived count too, with the least latency they can have had: from the
  // end of the window to when the drivers stopped waiting. Percentiles among them are lower bounds.
  const missing = Math.max(0, expected - delivered);
  const waitedFor = Math.min(...counts.map((c) => c.drainedAt)) - order.t1;
  const samples = new Float64Array(sum((c) => c.samples.length) + missing).fill(waitedFor);
  let offset = 0;
  for (const c of counts) {
    samples.set(c.samples, offset);
    offset += c.samples.length;
  }
  samples.sort();
  const atLeast = (p: number) => (missing / samples.length > 1 - p / 100 ? "≥" : "");
  const seconds = measureMs / 1000;
  const result: StepResult = {
    rate,
    changes_per_s: Math.round(changes / seconds),
    expected_per_s: Math.round(expected / seconds),
    delivered_per_s: Math.round(onTime / seconds),
    p50_ms: percentile(samples, 50),
    p95_ms: percentile(samples, 95),
    p99_ms: percentile(samples, 99),
    missing: expected - delivered,
    pass: true,
  };
  if (!(result.p95_ms <= RUN.maxP95Ms)) Object.assign(result, { pass: false, why: `p95 over ${RUN.maxP95Ms} ms` });
  else if (onTime < 0.95 * expected || expected - delivered > 0.01 * expected) Object.assign(result, { pass: false, why: "deliveries fall behind" });
  else if (changes < 0.95 * rate * drivers.editors * seconds) Object.assign(result, { pass: false, why: "the drivers could not make the changes asked for" });

  const percent = (ms: number | null) => (ms === null ? "?" : `${Math.round((ms / measureMs) * 100)}%`);
  const used = (pick: (c: (typeof cpu)[number]) => number | null) => {
    const [a, b] = cpu.map(pick);
    return a == null || b == null ? null : b - a;
  };
  // PostgreSQL: the processes that lived through the whole window.
  const postgresUsed = () => {
    const [a, b] = cpu.map((c) => c.postgres);
    if (!a || !b) return null;
    let total = 0;
    for (const [pid, ms] of b) total += ms - (a.get(pid) ?? ms);
    return total;
  };
  const estimated = sum((c) => c.estimated);
  log(
    `${label}: ${String(rate).padStart(5)}/s per editor  changes ${result.changes_per_s}/s  deliveries ${result.delivered_per_s} of ${result.expected_per_s}/s` +
      `  p50 ${atLeast(50)}${result.p50_ms}  p95 ${atLeast(95)}${result.p95_ms}  p99 ${atLeast(99)}${result.p99_ms} ms${result.missing ? `  missing ${result.missing}` : ""}${estimated ? `  estimated ${estimated}` : ""}` +
      `  cpu server ${percent(used((c) => c.server))} postgres ${percent(postgresUsed())} drivers ${counts.map((c) => percent(c.cpuMs)).join("+")}  ${result.pass ? "ok" : `FAIL (${result.why})`}`,
  );
  // Let the server settle (debounced stores, queued broadcasts) before the next step; after an
  // overload, until it has worked off its backlog, so the next step starts from the same place.
  await new Promise((resolve) => setTimeout(resolve, result.pass ? 300 : 1000));
  if (!result.pass) {
    const waited = await untilIdle(serverPid);
    if (waited > 1000) log(`${label}: the server was busy for another ${(waited / 1000).toFixed(1)} s working off that step`);
  }
  return result;
}

/** Waits (at most a minute) until the process uses under a tenth of a core; returns how long that took, in ms. */
async function untilIdle(pid: number | undefined): Promise<number> {
  const started = performance.now();
  let before = processCpuMs(pid);
  while (before !== null && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = processCpuMs(pid);
    if (now === null || now - before < 50) break;
    before = now;
  }
  return performance.now() - started;
}

/** The latency phase, then the capacity ladder, against one running server. */
async function run(drivers: Drivers, label: string, serverPid: number | undefined) {
  // The latency phase waits up to half a minute for late deliveries: its percentiles are the figures reported.
  const latency = await step(drivers, label, serverPid, RUN.latencyRate, { rampMs: RUN.latencyWarmupMs, measureMs: RUN.latencyMeasureMs, drainMs: 30_000 });
  const capacityStep = { rampMs: RUN.stepRampMs, measureMs: RUN.stepMeasureMs, drainMs: 3000 };
  const steps: StepResult[] = [latency];
  // A capacity step that fails is tried once more, so one hiccup (a GC pause, a store, another
  // process) does not end the ladder; the second result counts.
  const next = async (rate: number) => {
    const first = await step(drivers, label, serverPid, rate, capacityStep);
    return first.pass ? first : step(drivers, label, serverPid, rate, capacityStep);
  };
  // Two halvings of the gap between a rate that held and one that did not (a step of 2 becomes
  // one of 1.25 at most), so the capacity is not off by a whole doubling.
  const narrow = async (held: number, failed: number) => {
    const tried: StepResult[] = [];
    for (let i = 0; i < 2; i++) {
      const between = Math.round(((held + failed) / 2) * 10) / 10;
      if (between <= held || between >= failed) break;
      const result = await next(between);
      tried.push(result);
      if (result.pass) held = between;
      else failed = between;
    }
    return tried;
  };
  if (latency.pass) {
    let lastPass = RUN.latencyRate;
    for (let rate = RUN.latencyRate * 2; rate <= RUN.maxRate; rate *= 2) {
      const result = await next(rate);
      steps.push(result);
      if (!result.pass) {
        steps.push(...(await narrow(lastPass, rate)));
        break;
      }
      lastPass = rate;
    }
  } else {
    // Not even the latency phase's rate holds: halve it until a rate holds, then narrow the gap
    // to the double that did not.
    for (let rate = RUN.latencyRate / 2; rate >= 0.5; rate /= 2) {
      const result = await next(rate);
      steps.push(result);
      if (result.pass) {
        steps.push(...(await narrow(rate, rate * 2)));
        break;
      }
    }
  }
  const held = steps.filter((s) => s.pass);
  return { latency, steps, max_deliveries_per_s: held.length ? Math.max(...held.map((s) => s.delivered_per_s)) : 0 };
}

async function measure(kind: "portal" | "baseline", scenario: Scenario, texts: Texts) {
  if (!SERVERS.includes(kind)) return null;
  const label = `${kind.padEnd(8)} ${scenario.name}`;
  try {
    const server = await startServer(kind);
    try {
      const drivers = await startDrivers({ label, url: `ws://127.0.0.1:${server.port}/collab`, origin: `http://127.0.0.1:${server.port}` }, texts);
      try {
        return await run(drivers, label, server.child.pid);
      } finally {
        await drivers.close();
      }
    } finally {
      await server.stop();
    }
  } catch (error) {
    failed = true;
    log(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

const started = Date.now();
log(`bench:collab on Node ${process.version}, ${os.availableParallelism()} cores; preparing ${DB_NAME} …`);
const prepared = await prepare();
warnIfBusy(await machineBusy());
const lines: string[] = [];
for (const scenario of SCENARIOS) {
  if (scenario !== SCENARIOS[0]) warnIfBusy(await machineBusy());
  log(`\n${scenario.name}: ${scenario.documents} document(s) × ${scenario.editors} editors, ${ROUNDS} round(s)`);
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) log(`${scenario.name}: round ${round} of ${ROUNDS}`);
    const texts = await textsOf(prepared, scenario);
    const portal = await measure("portal", scenario, texts);
    // The baseline has no authentication: the same clients, the same document names.
    const baseline = await measure("baseline", scenario, texts);
    const ratio = portal && baseline?.max_deliveries_per_s ? portal.max_deliveries_per_s / baseline.max_deliveries_per_s : null;
    rounds.push({ portal, baseline, ratio });
  }
  lines.push(
    JSON.stringify({
      bench: "collab",
      scenario: scenario.name,
      editors: scenario.editors,
      rounds: ROUNDS,
      p50_ms: medianOf(rounds.map((r) => r.portal?.latency.p50_ms)),
      p95_ms: medianOf(rounds.map((r) => r.portal?.latency.p95_ms)),
      p99_ms: medianOf(rounds.map((r) => r.portal?.latency.p99_ms)),
      baseline_p95_ms: medianOf(rounds.map((r) => r.baseline?.latency.p95_ms)),
      max_deliveries_per_s: medianOf(rounds.map((r) => r.portal?.max_deliveries_per_s)),
      baseline_max_deliveries_per_s: medianOf(rounds.map((r) => r.baseline?.max_deliveries_per_s)),
      ratio: two(medianOf(rounds.map((r) => r.ratio))),
      round_ratios: rounds.map((r) => two(r.ratio)),
    }),
  );
}
await prepared.db.close();
log(`\nbench:collab done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const line of lines) console.log(line);
process.exitCode = failed ? 1 : 0;
