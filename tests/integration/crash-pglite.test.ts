import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { amcheck } from "@electric-sql/pglite/contrib/amcheck";
import { afterAll, describe, expect, it } from "vitest";
import { createMunicipality, createPlan, createUnit, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { connectPglite } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";

// The embedded database survives a crash: the portal on a PGlite directory is killed (SIGKILL)
// in the middle of a stream of changes made over HTTP, four times. After each kill the
// directory, as the crash left it, opens; every change the portal acknowledged is there, each
// with its audit row (one transaction: never one without the other); every table reads whole
// and every index agrees with its table (amcheck). Each next start recovers the same directory
// and serves the sessions opened before the crash. PGlite only: it runs in both CI passes.

const ROUNDS = 4;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ip-crash-pglite-"));
const dir = path.join(root, "data");
const processes: ServerProcess[] = [];

afterAll(async () => {
  for (const p of processes.splice(0)) await p.kill();
  fs.rmSync(root, { recursive: true, force: true });
});

type Kind = "log" | "goal";
interface Stream {
  /** Tags of every change sent (acknowledged or not): nothing else may appear in the database. */
  sent: Set<string>;
  /** Acknowledged (HTTP 200): id → tag. */
  acked: Map<string, { kind: Kind; tag: string }>;
}

function post(origin: string, procedure: string, input: unknown, cookie?: string) {
  return fetch(`${origin}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(input),
  });
}

async function signInOverHttp(origin: string, email: string): Promise<string> {
  const res = await post(origin, "auth.login", { email, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/**
 * Writers that each keep one change in flight (a log entry, or for the coordinator also a goal)
 * until the server goes away; returns when it has and every writer has stopped.
 */
function writeUntilKilled(server: ServerProcess, writers: { cookie: string; goals: boolean }[], planId: string, round: number, stream: Stream) {
  let acks = 0;
  let inFlight = 0;
  const loops = writers.map(async ({ cookie, goals }, w) => {
    for (let i = 0; ; i++) {
      const kind: Kind = goals && i % 2 ? "goal" : "log";
      const tag = `krasj-r${round}-w${w}-${i}`;
      stream.sent.add(tag);
      const input = kind === "log" ? { planId, body: tag } : { planId, title: tag, lifeArea: "HEALTH" };
      inFlight++;
      let res: Response;
      let body: { result?: { data?: { id?: string } } };
      try {
        res = await post(server.origin, `${kind}.create`, input, cookie);
        body = (await res.json()) as typeof body;
      } catch {
        return; // killed: the connection is gone
      } finally {
        inFlight--;
      }
      if (res.status === 429) await new Promise((resolve) => setTimeout(resolve, 50));
      else expect(res.status, JSON.stringify(body)).toBe(200);
      const id = body.result?.data?.id;
      if (res.status === 200) {
        expect(id).toBeTypeOf("string");
        stream.acked.set(id!, { kind, tag });
        acks++;
      }
    }
  });
  return {
    get acks() {
      return acks;
    },
    get inFlight() {
      return inFlight;
    },
    done: Promise.all(loops),
  };
}

/** Opens a data directory (a copy as a crash left it, or the last one) as the portal does, and checks it. */
async function checkDirectory(copy: string, stream: Stream) {
  const pg = new PGlite(copy, { extensions: { amcheck } });
  try {
    await pg.waitReady;
    const q = async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows;

    // Every acknowledged change is there; nothing is there that was never sent.
    const logs = await q<{ id: string; body: string }>(`SELECT id, body FROM "LogEntry"`);
    const goals = await q<{ id: string; title: string }>(`SELECT id, title FROM "Goal"`);
    const stored = new Map([...logs.map((r) => [r.id, r.body] as const), ...goals.map((r) => [r.id, r.title] as const)]);
    const lost = [...stream.acked].filter(([id, { tag }]) => stored.get(id) !== tag);
    expect(lost, "acknowledged changes missing after the crash").toEqual([]);
    expect([...stored.values()].filter((tag) => !stream.sent.has(tag))).toEqual([]);

    // Nothing half-written: each row has exactly one audit row, and each audit row its row.
    const unpaired = await q(`
      SELECT 'log' AS kind, e.id FROM "LogEntry" e
        WHERE (SELECT count(*) FROM "AuditEvent" a WHERE a.action = 'log.create' AND a."targetId" = e.id) <> 1
      UNION ALL SELECT 'log-audit', a."targetId" FROM "AuditEvent" a
        WHERE a.action = 'log.create' AND NOT EXISTS (SELECT 1 FROM "LogEntry" e WHERE e.id = a."targetId")
      UNION ALL SELECT 'goal', g.id FROM "Goal" g
        WHERE (SELECT count(*) FROM "AuditEvent" a WHERE a.action = 'goal.create' AND a."targetId" = g.id) <> 1
      UNION ALL SELECT 'goal-audit', a."targetId" FROM "AuditEvent" a
        WHERE a.action = 'goal.create' AND NOT EXISTS (SELECT 1 FROM "Goal" g WHERE g.id = a."targetId")`);
    expect(unpaired).toEqual([]);

    // Every table reads whole (every column, TOAST included), and every heap and index checks out.
    const tables = await q<{ name: string; oid: number }>(
      `SELECT c.relname AS name, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const { name } of tables) await q(`SELECT count(*), sum(length(t::text)) FROM "${name}" t`);
    await pg.exec("CREATE EXTENSION amcheck");
    const heapProblems = await q(
      `SELECT c.relname, v.* FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
         LATERAL verify_heapam(c.oid, check_toast => true) v
       WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    expect(heapProblems).toEqual([]);
    // Each B-tree index of the portal's tables against its table (heapallindexed).
    const indexes = await q<{ name: string }>(
      `SELECT i.relname AS name, bt_index_check(i.oid, true) FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
         JOIN pg_namespace n ON n.oid = i.relnamespace
       WHERE n.nspname = 'public' AND am.amname = 'btree'`,
    );
    expect(indexes.length).toBeGreaterThan(tables.length);
    return { logs: logs.length, goals: goals.length };
  } finally {
    await pg.close();
  }
}

describe("the embedded database and a crash", () => {
  it(
    "kill -9 of the embedded portal during writes, restart: data intact",
    async () => {
      // The plan and its people, made in the directory before the portal opens it (one process at a time).
      const seed = await connectPglite(dir);
      const { planId, emails } = await (async () => {
        try {
          await migrate(seed);
          const municipality = await createMunicipality(seed.prisma); // demo: no second factor at sign-in
          const unit = await createUnit(seed.prisma, municipality.id);
          const owner = await createUser(seed.prisma, { municipalityId: municipality.id, roles: ["USER"] });
          const coordinator = await createUser(seed.prisma, { municipalityId: municipality.id, roles: ["COORDINATOR", "STAFF"], unitId: unit.id });
          const plan = await createPlan(seed.prisma, { municipalityId: municipality.id, ownerId: owner.id, coordinatorId: coordinator.id });
          return { planId: plan.id, emails: { owner: owner.email, coordinator: coordinator.email } };
        } finally {
          await seed.close();
        }
      })();

      const stream: Stream = { sent: new Set(), acked: new Map() };
      const writers: { cookie: string; goals: boolean }[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        // The start after a crash recovers the directory the way `npm start` does (the entry migrates first).
        const server = await startServerProcess({ PGLITE_DIR: dir });
        processes.push(server);
        if (round === 1) {
          // Three sessions each for the owner (log entries) and the coordinator (log entries and goals).
          for (const [who, goals] of [["owner", false], ["coordinator", true]] as const) {
            for (let s = 0; s < 3; s++) writers.push({ cookie: await signInOverHttp(server.origin, emails[who]), goals });
          }
        } else {
          // The sign-ins acknowledged before the crashes still hold.
          for (const { cookie } of writers) expect((await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
        }

        const before = stream.acked.size;
        const writing = writeUntilKilled(server, writers, planId, round, stream);
        // More than five acknowledged first (what is checked below; a slow machine may need longer), then a random moment in the stream.
        const started = Date.now();
        while (writing.acks <= 5 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 10));
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
        const inFlight = writing.inFlight;
        await server.kill();
        processes.splice(processes.indexOf(server), 1);
        await writing.done;
        expect(stream.acked.size - before, `round ${round}: acknowledged before the kill`).toBeGreaterThan(5);
        expect(inFlight, `round ${round}: changes in flight at the kill`).toBeGreaterThan(0);

        // The directory exactly as the crash left it (the next start recovers the original).
        const copy = path.join(root, `crashed-${round}`);
        fs.cpSync(dir, copy, { recursive: true });
        const counts = await checkDirectory(copy, stream);
        fs.rmSync(copy, { recursive: true, force: true });
        expect(counts.logs + counts.goals).toBeGreaterThanOrEqual(stream.acked.size);
      }

      // The last crash recovered by a start: it serves the old sessions and takes a change, and stops cleanly.
      const server = await startServerProcess({ PGLITE_DIR: dir });
      processes.push(server);
      const { cookie } = writers[0];
      expect((await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
      const after = await post(server.origin, "log.create", { planId, body: "etter krasjene" }, cookie);
      expect(after.status).toBe(200);
      stream.sent.add("etter krasjene");
      stream.acked.set(((await after.json()) as { result: { data: { id: string } } }).result.data.id, { kind: "log", tag: "etter krasjene" });
      await server.stop();
      processes.splice(processes.indexOf(server), 1);
      await checkDirectory(dir, stream);
    },
    90_000,
  );
});
