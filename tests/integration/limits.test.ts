import net from "node:net";
import { io as connectIo, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { createMunicipality, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { createSession, SESSION_COOKIE } from "../../server/auth/sessions.ts";
import { LIMITS } from "../../server/http/limits.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { startServer } from "./helpers.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// The limits that keep the server up (server/http/limits.ts), and the operations endpoints:
// through the real HTTP server, raw sockets where a browser would hide what happens.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const closers: (() => unknown)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await server?.close();
  server = undefined;
});

/** Sends only the head of a request and returns the first line of the answer. */
function headOnly(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server!.port, "127.0.0.1", () => socket.write(head));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += String(chunk);
      if (answer.includes("\r\n")) {
        socket.destroy();
        resolve(answer.split("\r\n")[0]);
      }
    });
    socket.on("error", reject);
  });
}

async function userWithSessions(count: number) {
  const municipality = await createMunicipality(t.db.prisma);
  const user = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["STAFF"] });
  return Promise.all(Array.from({ length: count }, async () => `${SESSION_COOKIE}=${(await createSession(t.db.prisma, user.id)).token}`));
}

const markRead = (cookie: string, headers: Record<string, string> = {}) =>
  fetch(`${server!.origin}/api/trpc/notification.markRead`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server!.origin, cookie, ...headers },
    body: "{}",
  });

describe("request bodies", () => {
  it("refuses a 5 MB body with 413 before reading it: to the API and to a page's form", async () => {
    server = await startServer(t.db);
    const five = 5 * 1024 * 1024;
    // Only the head is sent: the answer comes without a byte of the body, so nothing was parsed.
    const api = await headOnly(
      `POST /api/trpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\nContent-Length: ${five}\r\n\r\n`,
    );
    expect(api).toBe("HTTP/1.1 413 Payload Too Large");
    const form = await headOnly(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.origin}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${five}\r\n\r\n`,
    );
    expect(form).toBe("HTTP/1.1 413 Payload Too Large");
    expect(await t.db.prisma.loginAttempt.count()).toBe(0);
  });

  it("refuses a body without a declared length (411), and takes a case document's size where documents are uploaded", async () => {
    server = await startServer(t.db);
    const chunked = await headOnly(`POST /api/trpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.origin}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    expect(chunked).toBe("HTTP/1.1 411 Length Required");
    // 11 MB is over the default but within the upload limit of the document procedure: not refused for its size.
    const eleven = 11 * 1024 * 1024;
    expect(eleven).toBeGreaterThan(LIMITS.body.default);
    const body = JSON.stringify({ caseId: "x", name: "a.pdf", mimeType: "application/pdf", contentBase64: "A".repeat(eleven - 100) });
    const res = await fetch(`${server.origin}/api/trpc/case.addDocument`, { method: "POST", headers: { "content-type": "application/json", origin: server.origin }, body });
    expect(res.status).toBe(401);
  });
});

describe("rate limits", () => {
  it("takes one procedure call per request: a batch cannot carry many sign-in attempts past the limits", async () => {
    server = await startServer(t.db);
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [String(i), { email: "kari@test.no", password: `feil-${i}` }])));
    const paths = Array.from({ length: 50 }, () => "auth.login").join(",");
    const res = await fetch(`${server.origin}/api/trpc/${paths}?batch=1`, { method: "POST", headers: { "content-type": "application/json", origin: server.origin }, body });
    expect(res.status).toBe(400);
    expect(await t.db.prisma.loginAttempt.count()).toBe(0);
  });

  it("limits one session's changes with 429 and a message in Norwegian, while another session goes on", async () => {
    const [busy, other] = await userWithSessions(2);
    server = await startServer(t.db);
    // Twice the session's burst, 30 at a time (so the refill while they run stays small).
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMITS.mutations.perSession.burst; i += 30) {
      statuses.push(...(await Promise.all(Array.from({ length: 30 }, async () => (await markRead(busy)).status))));
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(LIMITS.mutations.perSession.burst);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    // The bucket refills two tokens a second, so a single call after the loop may find one:
    // thirty more at once cannot all.
    const again = await Promise.all(Array.from({ length: 30 }, () => markRead(busy)));
    const refused = again.find((res) => res.status === 429);
    expect(refused).toBeDefined();
    expect(JSON.stringify(await refused!.json())).toContain("For mange forespørsler");
    expect((await markRead(other)).status).toBe(200);
    // Reads are not limited here.
    expect((await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: busy } })).status).toBe(200);
  });

  it("limits one address's changes, signed in or not; another address goes on", async () => {
    const [cookie] = await userWithSessions(1);
    server = await startServer(t.db, { TRUST_PROXY: "true" });
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    // Twice the address's burst, 50 at a time. Without a session they are refused (401) before
    // the database is asked, so they are quick: the refill while they run is small.
    const total = 2 * LIMITS.mutations.perIp.burst;
    const statuses: number[] = [];
    for (let i = 0; i < total; i += 50) {
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, async () => (await markRead("", from("10.0.0.9"))).status))));
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await markRead(cookie, from("10.0.0.10"))).status).toBe(200);
  });

  it("caps the co-editing sockets one session holds open, and frees a place when one closes", async () => {
    const [cookie] = await userWithSessions(1);
    server = await startServer(t.db);
    const open = (): Promise<{ status: number; socket?: WebSocket }> =>
      new Promise((resolve) => {
        const socket = new WebSocket(`${server!.origin.replace("http", "ws")}/collab`, { headers: { cookie, origin: server!.origin } });
        socket.once("open", () => {
          closers.push(() => socket.terminate());
          resolve({ status: 101, socket });
        });
        socket.once("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
        socket.once("error", () => resolve({ status: 0 }));
      });
    const sockets: { status: number; socket?: WebSocket }[] = [];
    for (let i = 0; i < LIMITS.connections.openPerSession; i++) sockets.push(await open());
    expect(sockets.every((s) => s.status === 101)).toBe(true);
    expect((await open()).status).toBe(429);
    sockets[0].socket!.close();
    await new Promise((resolve) => sockets[0].socket!.once("close", resolve));
    await until(async () => (await open()).status === 101, "a place is free again");
  });

  it("caps socket.io connections per session the same way", async () => {
    const [cookie] = await userWithSessions(1);
    server = await startServer(t.db);
    const connect = () =>
      new Promise<string>((resolve) => {
        const socket: Socket = connectIo(server!.origin, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie, origin: server!.origin }, reconnection: false });
        closers.push(() => socket.disconnect());
        socket.once("connect", () => resolve("connected"));
        socket.once("connect_error", () => resolve("refused"));
      });
    const outcomes = [];
    for (let i = 0; i <= LIMITS.connections.openPerSession; i++) outcomes.push(await connect());
    expect(outcomes.slice(0, -1).every((o) => o === "connected")).toBe(true);
    expect(outcomes.at(-1)).toBe("refused");
    // A place is freed when one disconnects (and a refused one never took one).
    closers.shift()!();
    await until(async () => (await connect()) === "connected", "a place is free again");
  });
});

describe("operations", () => {
  it("gives every request an id, on its answer and on the audit row it writes", async () => {
    const municipality = await createMunicipality(t.db.prisma);
    await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["STAFF"], email: "logg@test.no" });
    server = await startServer(t.db);
    const res = await fetch(`${server.origin}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.origin },
      body: JSON.stringify({ email: "logg@test.no", password: TEST_PASSWORD }),
    });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await t.db.prisma.auditEvent.findFirst({ where: { action: "auth.login" } })).toMatchObject({ requestId });
  });

  it("serves Prometheus metrics only with the token", async () => {
    server = await startServer(t.db);
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(404);
    await server.close();
    const token = "metrics-token-for-tests";
    server = await startServer(t.db, { METRICS_TOKEN: token });
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.origin}/metrics`, { headers: { authorization: "Bearer wrong-token-of-same-len" } })).status).toBe(401);
    await (await fetch(`${server.origin}/healthz`)).text();
    await (await fetch(`${server.origin}/api/trpc/auth.me`)).text();
    // A request is counted when the server has finished writing it, which can come just after
    // the client has read the answer: wait for the count rather than race it.
    const origin = server.origin;
    const scrape = async () => {
      const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const text = await vi.waitFor(async () => {
      const body = await scrape();
      expect(body).toMatch(/kind="trpc"/);
      return body;
    });
    for (const name of ["ip_portal_http_request_duration_seconds_bucket", "ip_portal_open_sockets", "ip_portal_collab_connections", "ip_portal_collab_documents"]) {
      expect(text).toContain(name);
    }
    // By what kind of request, never by path.
    expect(text).toMatch(/ip_portal_http_request_duration_seconds_count\{method="GET",kind="trpc",status="\d+"\} 1/);
    expect(text).not.toContain("auth.me");
    if (t.db.kind === "postgres") expect(text).toContain('ip_portal_db_pool_connections{state="total"}');
  });

  it("sets timeouts for slow clients", async () => {
    server = await startServer(t.db);
    expect(server.server.headersTimeout).toBe(LIMITS.timeouts.headersMs);
    expect(server.server.requestTimeout).toBe(LIMITS.timeouts.requestMs);
  });

  it("a graceful shutdown stores every open text first, and is not ready meanwhile", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const { token } = await createSession(t.db.prisma, w.people.owner.id);
    const client: TextClient = openText(server.origin, token, `goal:${w.goal.id}:description`);
    closers.push(() => client.close());
    await until(() => client.provider.isSynced, "synced");
    client.type("Skrevet rett før omstart.");
    await until(() => client.provider.unsyncedChanges === 0, "reached the server");
    // Within the store's debounce: nothing is stored yet; closing must store it. While it drains,
    // the server still answers, and says it is not ready.
    const closing = server.close({ drainMs: 500 });
    const ready = await fetch(`${server.origin}/healthz/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ shutdown: "draining" });
    await closing;
    server = undefined;
    const [row] = await t.db.query<{ text: string }>(`SELECT text FROM "CollabDocument" WHERE name = $1`, [`goal:${w.goal.id}:description`]);
    expect(row?.text).toBe("Skrevet rett før omstart.");
  });
});
