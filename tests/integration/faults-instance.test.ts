import { setTimeout as sleep } from "node:timers/promises";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { createPlanWorld } from "./plan-world.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
import { useTestDatabase } from "./test-db.ts";

// Two instances behind one address (a proxy handing out connections in turn, skipping one that
// is gone, as a load balancer does), sharing PostgreSQL and Redis. One is killed with SIGKILL
// while two people type: everyone moves to the other, and nothing anyone was told is saved is lost.

const t = useTestDatabase();
const processes: ServerProcess[] = [];
const texts: TextClient[] = [];
const sockets: Socket[] = [];
let proxy: TcpProxy | undefined;

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const c of texts.splice(0)) await c.close();
  for (const p of processes.splice(0)) await p.kill();
  await proxy?.close();
  proxy = undefined;
});


describe.runIf(process.env.TEST_DATABASE_URL)("an instance killed behind the load balancer", () => {
  it("editors and live pages reconnect to the other instance, sessions hold, and no acknowledged edit is lost", async () => {
    const w = await createPlanWorld(t.db);
    const redis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const [one, two] = await Promise.all([startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis }), startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis })]);
    processes.push(one, two);
    let turn = 0;
    proxy = await startTcpProxy(() => (turn++ % 2 === 0 ? [one.port, two.port] : [two.port, one.port]));
    const origin = `http://127.0.0.1:${proxy.port}`;

    const tokens = { owner: (await createSession(t.db.prisma, w.people.owner.id)).token, coordinator: (await createSession(t.db.prisma, w.people.coordinator.id)).token };
    // In turn: a live page on the instance to be killed, the owner's text on the other, the coordinator's on the first.
    const page = connect(origin, { transports: ["websocket"], extraHeaders: { cookie: `ip_session=${tokens.coordinator}` }, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    sockets.push(page);
    let connects = 0;
    page.on("connect", () => (connects += 1));
    await until(() => connects === 1, "the live page connected");
    const name = `goal:${w.goal.id}:description`;
    const a = openText(origin, tokens.owner, name);
    const b = openText(origin, tokens.coordinator, name);
    texts.push(a, b);
    await until(() => a.provider.isSynced && b.provider.isSynced, "both editors synced");

    // Both type; one instance is killed a second in, and they go on typing for another second.
    const typed = { a: [] as string[], b: [] as string[] };
    let typing = true;
    const typists = (["a", "b"] as const).map(async (who) => {
      const client = who === "a" ? a : b;
      for (let i = 0; typing; i++) {
        const word = `${who}${i}`;
        client.type(` ${word}`);
        typed[who].push(word);
        await sleep(40);
      }
    });
    await sleep(1_000);
    await one.kill();
    processes.splice(processes.indexOf(one), 1);
    await sleep(1_000);
    typing = false;
    await Promise.all(typists);

    // Everyone is on the surviving instance: the same text, every word in it, all acknowledged.
    await until(() => a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0 && a.text() === b.text(), "both editors converge on the other instance", 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}: a=${a.provider.unsyncedChanges}/${a.text().length} b=${b.provider.unsyncedChanges}/${b.text().length}`);
      },
    );
    // The coordinator's text was on the killed instance and moved; the owner's was not touched.
    expect(b.state.closed).toBeGreaterThan(0);
    expect(a.state.closed).toBe(0);
    const words = new Set(a.text().split(/\s+/));
    expect([...typed.a, ...typed.b].filter((word) => !words.has(word))).toEqual([]);
    let stored = "";
    await until(async () => {
      const [row] = await t.db.query<{ text: string }>(`SELECT text FROM "CollabDocument" WHERE name = $1`, [name]);
      stored = row?.text ?? "";
      return stored === a.text().trim();
    }, "the merged text is stored", 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}:\nstored=${JSON.stringify(stored)}\nclient=${JSON.stringify(a.text())}`);
    });

    // Sessions live in the database: the same cookies work on the other instance.
    await until(() => connects >= 2, "the live page reconnected", 10_000);
    expect(page.connected).toBe(true);
    const me = await fetch(`${origin}/api/trpc/auth.me`, { headers: { cookie: `ip_session=${tokens.owner}` } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(w.people.owner.name);
    expect(two.child.exitCode).toBeNull();
  }, 90_000);
});
