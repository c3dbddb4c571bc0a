import { setTimeout as sleep } from "node:timers/promises";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { startRedis, type TestRedis } from "./redis-server.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";
import { useTestDatabase } from "./test-db.ts";

// Redis goes away under two instances with people on them: both keep serving their own people,
// and when it is back the texts edited apart converge and updates cross instances again. Real
// processes, a redis-server of the test's own (stopped with SIGKILL), real clients.

const t = useTestDatabase();
const processes: ServerProcess[] = [];
const texts: TextClient[] = [];
const sockets: Socket[] = [];
let redis: TestRedis | undefined;

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const c of texts.splice(0)) await c.close();
  for (const p of processes.splice(0)) await p.kill();
  await redis?.stop();
  redis = undefined;
});


async function tokenOf(w: PlanWorld, who: Who) {
  return (await createSession(t.db.prisma, w.people[who].id)).token;
}

async function text(w: PlanWorld, who: Who, name: string, origin: string) {
  const client = openText(origin, await tokenOf(w, who), name);
  texts.push(client);
  await until(() => client.provider.isSynced, `${who} synced on ${origin}`);
  return client;
}

/** A live socket in the plan's room: it hears every change to the plan. */
async function watch(w: PlanWorld, who: Who, origin: string) {
  const socket = connect(origin, { transports: ["websocket"], extraHeaders: { cookie: `ip_session=${await tokenOf(w, who)}` }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  expect(await socket.emitWithAck("plan:join", w.plan.id)).toEqual({ ok: true });
  const heard: string[] = [];
  socket.on("plan:changed", (change: { entityId: string | null; action: string }) => heard.push(change.action));
  return heard;
}

/** A log entry written over HTTP on one instance, as a page would. */
async function writeLog(w: PlanWorld, origin: string, body: string) {
  const res = await fetch(`${origin}/api/trpc/log.create`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie: `ip_session=${await tokenOf(w, "coordinator")}` },
    body: JSON.stringify({ planId: w.plan.id, body }),
  });
  expect(res.status).toBe(200);
}

async function readiness(origin: string) {
  const res = await fetch(`${origin}/healthz/ready`);
  return { status: res.status, body: (await res.json()) as { status: string; redis?: string } };
}

describe.runIf(process.env.TEST_DATABASE_URL)("Redis stopped for 10 s under two instances", () => {
  it("both stay up and serve their own people; afterwards the text edited on both converges and updates cross again", async () => {
    redis = await startRedis();
    const w = await createPlanWorld(t.db);
    const [one, two] = await Promise.all([startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis.url }), startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis.url })]);
    processes.push(one, two);
    const name = `goal:${w.goal.id}:description`;
    const a = await text(w, "owner", name, one.origin);
    const b = await text(w, "coordinator", name, two.origin);
    const heardOnTwo = await watch(w, "coordinator", two.origin);
    const heardOnOne = await watch(w, "owner", one.origin);
    const reader = await text(w, "relativeWithConsent", name, two.origin);
    a.type("Før. ");
    await until(() => b.text().includes("Før."), "the text crosses instances before the outage");

    await redis.stop();
    const outageStarted = Date.now();
    for (const origin of [one.origin, two.origin]) {
      await until(async () => (await readiness(origin)).body.redis === "down", "readiness reports Redis down");
      // Reported, but still ready and live: the instance serves its own people.
      expect(await readiness(origin)).toEqual({ status: 200, body: expect.objectContaining({ status: "degraded", db: "ok", redis: "down" }) });
      expect((await fetch(`${origin}/healthz/live`)).status).toBe(200);
    }

    // Co-editing within an instance goes on, on an open text and on one opened during the outage.
    a.type("Skrevet på én. ");
    b.type("Skrevet på to. ");
    const a2 = await text(w, "coordinator", name, one.origin);
    await until(() => a2.text().includes("Skrevet på én."), "a second editor on instance one sees the first one's words");
    const about = `plan:${w.plan.id}:aboutMe`;
    const owner = await text(w, "owner", about, two.origin);
    const representative = await text(w, "representative", about, two.origin);
    owner.type("Jeg liker å gå tur. ");
    await until(() => representative.text().includes("gå tur"), "a text opened during the outage is co-edited");
    // Live updates within an instance go on: a change on two reaches the page open on two.
    await writeLog(w, two.origin, "Skrevet mens Redis var borte");
    await until(() => heardOnTwo.includes("log.create"), "the live update on the same instance");
    expect(heardOnOne).not.toContain("log.create");
    await until(() => a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0, "both instances acknowledge their edits");

    // Consent withdrawn on one during the outage: two cannot hear of it yet.
    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.relativeWithConsent.id } });
    const withdrawn = await fetch(`${one.origin}/api/trpc/consent.withdraw`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: one.origin, cookie: `ip_session=${await tokenOf(w, "owner")}` },
      body: JSON.stringify({ planId: w.plan.id, participantId: participant.id }),
    });
    expect(withdrawn.status).toBe(200);

    await sleep(Math.max(0, 10_000 - (Date.now() - outageStarted)));
    expect(reader.state.closed).toBe(0);
    for (const p of [one, two]) expect(p.child.exitCode, "the process is still running").toBeNull();
    await redis.start();

    // Back: the text edited on both instances apart converges everywhere.
    await until(() => a.text() === b.text() && a.text().includes("Skrevet på to.") && a.text().includes("Skrevet på én."), "the texts converge after Redis is back", 20_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}: a=${a.text()} b=${b.text()}`);
      },
    );
    await until(() => a2.text() === a.text(), "the second editor on one converges too");
    // Every connection on two was checked again on Redis's return: the relative's is closed.
    await until(() => reader.state.closed > 0 || reader.state.failed !== null, "the withdrawn relative's text on two is closed", 10_000);
    for (const origin of [one.origin, two.origin]) await until(async () => (await readiness(origin)).body.status === "ok", "readiness reports Redis back");
    // And updates cross instances again: typing, and live updates.
    b.type("Etter. ");
    await until(() => a.text().includes("Etter."), "typing crosses instances again");
    await writeLog(w, one.origin, "Skrevet etter at Redis kom tilbake");
    await until(() => heardOnTwo.filter((action) => action === "log.create").length === 2, "a change on one reaches the page on two");

    // Everything anyone was told is saved ends up stored.
    await until(async () => {
      const [row] = await t.db.query<{ text: string }>(`SELECT text FROM "CollabDocument" WHERE name = $1`, [name]);
      return Boolean(row?.text.includes("Skrevet på én.") && row.text.includes("Skrevet på to.") && row.text.includes("Etter."));
    }, "the merged text is stored", 15_000);
  }, 90_000);
});
