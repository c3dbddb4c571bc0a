import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { createPlanWorld } from "./plan-world.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";
import { useTestDatabase } from "./test-db.ts";

// Shutting down under load (issue 16 part 4): the portal is asked to stop (SIGTERM) while people
// read, write and type. Requests under way finish or get a clean 503, nothing acknowledged is
// lost, every open text is stored, and no query is sent after the database pool is closed or
// beside another on one connection. Real process, real database.

const t = useTestDatabase();
const processes: ServerProcess[] = [];
const texts: TextClient[] = [];
afterEach(async () => {
  for (const c of texts.splice(0)) await c.close();
  for (const p of processes.splice(0)) await p.kill();
});

const UNAVAILABLE_STATUS = 503;

describe.runIf(process.env.TEST_DATABASE_URL)("shutting down under load", () => {
  it("finishes or cleanly refuses what is under way, stores every open text, and never uses the pool after closing it", async () => {
    const w = await createPlanWorld(t.db);
    const server = await startServerProcess({ DATABASE_URL: t.url! });
    processes.push(server);
    const name = `goal:${w.goal.id}:description`;
    const editor = openText(server.origin, (await createSession(t.db.prisma, w.people.owner.id)).token, name);
    texts.push(editor);
    await until(() => editor.provider.isSynced, "the editor synced");

    let running = true;
    const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
    void exited.then(() => (running = false));

    // What the server has acknowledged of the text: the whole text whenever nothing is unsent.
    let acknowledged = "";
    const typing = (async () => {
      for (let i = 0; running; i++) {
        editor.type(`w${i} `);
        await sleep(15);
        if (editor.provider.unsyncedChanges === 0) acknowledged = editor.text();
      }
    })();

    const answers: { status: number; body: string }[] = [];
    let refusedConnections = 0;
    const written: string[] = [];
    // Paced under the rate limits (mutations per session and per address), so that every
    // answer that is not a 200 comes from the shutdown: a session serves 20 changes, then the
    // client signs in anew, and each client waits a moment after each answer.
    const clients = Array.from({ length: 4 }, async (_, client) => {
      let cookie = "";
      for (let i = 0; running; i++) {
        if (i % 40 === 0) cookie = `ip_session=${(await createSession(t.db.prisma, w.people.coordinator.id)).token}`;
        const body = `Logg ${client}-${i}`;
        const read = i % 2 === 0;
        const path = read ? `/api/trpc/plan.byId?input=${encodeURIComponent(JSON.stringify({ planId: w.plan.id }))}` : "/api/trpc/log.create";
        try {
          const res = await fetch(`${server.origin}${path}`, {
            method: read ? "GET" : "POST",
            headers: { "content-type": "application/json", origin: server.origin, cookie },
            body: read ? undefined : JSON.stringify({ planId: w.plan.id, body }),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await res.text();
          answers.push({ status: res.status, body: text });
          if (!read && res.status === 200) written.push(body);
          await sleep(25);
        } catch {
          // Once it has stopped listening, a new connection is refused: that is not an answer.
          refusedConnections++;
          await sleep(20);
        }
      }
    });

    // Under load for a second and a half, then asked to stop.
    await sleep(1_500);
    server.child.kill("SIGTERM");
    // It drains for up to 10 s and waits up to 5 s for sockets (server/app.ts close); a hang fails with its log.
    const stopped = await Promise.race([exited.then(() => true), sleep(40_000).then(() => false)]);
    expect(stopped, `the server did not stop within 40 s of SIGTERM:\n${server.output().slice(-3000)}`).toBe(true);
    await Promise.all([typing, ...clients]);

    // Every answer is a 200 or a clean 503 (some 200s: there was load).
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(10);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status, a.body).toBe(UNAVAILABLE_STATUS);
      expect(a.body).not.toMatch(/at \w+ \(|prisma|postgres|ECONN/i);
    }
    expect(server.child.exitCode).toBe(0);
    // No query after the pool closed, none beside another on one connection.
    const log = server.output();
    expect(log).not.toMatch(/Cannot use a pool after calling end/);
    expect(log).not.toMatch(/already executing a query/);
    expect(log).not.toMatch(/"level":50/);

    // Nothing acknowledged is lost: each log entry answered 200 is stored, and the text as acknowledged.
    const stored = new Set((await t.db.prisma.logEntry.findMany({ where: { planId: w.plan.id }, select: { body: true } })).map((e) => e.body));
    expect(written.filter((b) => !stored.has(b))).toEqual([]);
    const [row] = await t.db.query<{ text: string }>(`SELECT text FROM "CollabDocument" WHERE name = $1`, [name]);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(row?.text ?? "").toContain(acknowledged.trim());
    expect(refusedConnections + answers.length).toBeGreaterThan(0);
  }, 150_000);
});
