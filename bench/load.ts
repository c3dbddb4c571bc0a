// `npm run bench:load`: the limits of server/http/limits.ts under a flood from one address,
// loopback only and bounded (BENCH_LOAD_SECONDS, default 30). Not a test: nothing passes or
// fails; it prints one JSON line per figure.
//
// The portal runs in its own process (bench/collab-server.ts, on PostgreSQL at BENCH_PG_URL,
// database `bench_load`, dropped and made anew). Other users (from 127.0.0.3) make a change and
// a read every half second, first alone (the reference), then while one address (127.0.0.2)
// opens 200 co-editing sockets and sends 2,000 changes a minute over 20 sessions. Expected: the
// flood is answered with 429 beyond the limits, and the others' answers stay 2xx, about as fast
// as in the reference.
import { BENCH_PG_URL, freshDatabase } from "./fresh-database.ts";
import { fork } from "node:child_process";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { createMunicipality, createUser } from "../prisma/factories.ts";
import { createSession, SESSION_COOKIE } from "../server/auth/sessions.ts";

const PG_URL = BENCH_PG_URL;
const DB_NAME = "bench_load";
const SECONDS = Math.min(Number(process.env.BENCH_LOAD_SECONDS ?? 30), 120);
const FLOOD_PER_MINUTE = 2000;
const FLOOD_SOCKETS = 200;
const FLOOD_SESSIONS = 20;
const OTHERS = 5;
const ATTACKER = "127.0.0.2";
const OTHER = "127.0.0.3";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function startPortal(databaseUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL("./collab-server.ts", import.meta.url)), ["portal"], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the portal exited with ${code}`)));
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type !== "listening") return;
      resolve({
        port: message.port!,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.send({ type: "stop" });
          }),
      });
    });
  });
}

/** One request from a given loopback address; resolves with its status and time in ms. */
function call(port: number, from: string, path: string, cookie: string, body?: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: body ? "POST" : "GET",
        localAddress: from,
        agent: false,
        headers: { cookie, origin: `http://127.0.0.1:${port}`, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

/** The other users: each a change and a read every half second until `until`. */
async function others(port: number, cookies: string[], until: number) {
  const results: { status: number; ms: number }[] = [];
  await Promise.all(
    cookies.map(async (cookie) => {
      while (Date.now() < until) {
        results.push(await call(port, OTHER, "/api/trpc/notification.markRead", cookie, "{}"));
        results.push(await call(port, OTHER, "/api/trpc/auth.me", cookie));
        await sleep(500);
      }
    }),
  );
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    requests: results.length,
    ok: results.filter((r) => r.status >= 200 && r.status < 300).length,
    limited: results.filter((r) => r.status === 429).length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
  };
}

/** 200 co-editing sockets from one address, as fast as it can open them. */
async function socketFlood(port: number, cookies: string[]) {
  const outcomes = await Promise.all(
    Array.from(
      { length: FLOOD_SOCKETS },
      (_, i) =>
        new Promise<{ status: number; socket?: WebSocket }>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/collab`, {
            localAddress: ATTACKER,
            headers: { cookie: cookies[i % cookies.length], origin: `http://127.0.0.1:${port}` },
          });
          socket.once("open", () => resolve({ status: 101, socket }));
          socket.once("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
          socket.once("error", () => resolve({ status: 0 }));
        }),
    ),
  );
  return {
    attempted: FLOOD_SOCKETS,
    opened: outcomes.filter((o) => o.status === 101).length,
    limited: outcomes.filter((o) => o.status === 429).length,
    close: () => outcomes.forEach((o) => o.socket?.terminate()),
  };
}

/** 2,000 changes a minute from one address, spread over its sessions, until `until`. */
async function mutationFlood(port: number, cookies: string[], until: number) {
  const statuses: number[] = [];
  const pending: Promise<void>[] = [];
  const gap = 60_000 / FLOOD_PER_MINUTE;
  for (let i = 0; Date.now() < until; i++) {
    pending.push(call(port, ATTACKER, "/api/trpc/notification.markRead", cookies[i % cookies.length], "{}").then((r) => void statuses.push(r.status)));
    await sleep(gap);
  }
  await Promise.all(pending);
  return {
    sent: statuses.length,
    perMinute: FLOOD_PER_MINUTE,
    ok: statuses.filter((s) => s >= 200 && s < 300).length,
    limited: statuses.filter((s) => s === 429).length,
    other: statuses.filter((s) => s !== 429 && (s < 200 || s >= 300)).length,
  };
}

const db = await freshDatabase(DB_NAME);
const municipality = await createMunicipality(db.prisma);
const sessionsOf = async (count: number) => {
  const user = await createUser(db.prisma, { municipalityId: municipality.id, roles: ["STAFF"] });
  return Promise.all(Array.from({ length: count }, async () => `${SESSION_COOKIE}=${(await createSession(db.prisma, user.id)).token}`));
};
const flooder = await sessionsOf(FLOOD_SESSIONS);
const people = (await Promise.all(Array.from({ length: OTHERS }, () => sessionsOf(1)))).flat();
const portal = await startPortal(`${PG_URL}/${DB_NAME}`);
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "load", seconds: SECONDS, ...figure }));

try {
  process.stderr.write(`Reference: ${OTHERS} people alone for ${Math.round(SECONDS / 3)} s …\n`);
  print({ phase: "reference", who: "others", ...(await others(portal.port, people, Date.now() + (SECONDS * 1000) / 3)) });

  process.stderr.write(`Flood from ${ATTACKER} for ${SECONDS} s, others from ${OTHER} …\n`);
  const until = Date.now() + SECONDS * 1000;
  const [sockets, mutations, during] = await Promise.all([socketFlood(portal.port, flooder), mutationFlood(portal.port, flooder, until), others(portal.port, people, until)]);
  sockets.close();
  print({ phase: "flood", who: "flood sockets", attempted: sockets.attempted, opened: sockets.opened, limited: sockets.limited });
  print({ phase: "flood", who: "flood changes", ...mutations });
  print({ phase: "flood", who: "others", ...during });
} finally {
  await portal.stop();
  await db.close();
}
