import { afterEach, describe, expect, it } from "vitest";
import { createMunicipality, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { connectPglite } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { signIn, startServer } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server!.origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server!.origin, ...headers },
    body: JSON.stringify(body),
  });
}

describe("Origin check", () => {
  it("refuses a cross-site POST and a POST without Origin, and lets a same-origin POST through", async () => {
    server = await startServer(t.db);
    const crossSite = await postJson("/api/trpc/auth.login", { email: "a@b.no", password: "x" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("Forespørselen ble avvist");
    const noOrigin = await fetch(`${server.origin}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.no", password: "x" }),
    });
    expect(noOrigin.status).toBe(403);
    // Nothing reached the login: no attempt was recorded.
    expect(await t.db.prisma.loginAttempt.count()).toBe(0);
    const sameOrigin = await postJson("/api/trpc/auth.login", { email: "a@b.no", password: "x" });
    expect(sameOrigin.status).toBe(401);
  });

  it("accepts an origin listed in ALLOWED_ORIGINS", async () => {
    server = await startServer(t.db, { ALLOWED_ORIGINS: "https://ip.kommune.no" });
    const res = await postJson("/api/trpc/auth.login", { email: "a@b.no", password: "x" }, { origin: "https://ip.kommune.no" });
    expect(res.status).toBe(401);
  });
});

describe("login over HTTP", () => {
  it("sets an httpOnly SameSite=Lax cookie that auth.me accepts, and logout clears it", async () => {
    const municipality = await createMunicipality(t.db.prisma);
    const user = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["STAFF"], email: "ansatt@test.no" });
    server = await startServer(t.db);
    const login = await postJson("/api/trpc/auth.login", { email: "ansatt@test.no", password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^ip_session=[a-z2-7]{32}; HttpOnly; SameSite=Lax; Path=\/; Expires=/);
    expect(setCookie).not.toContain("Secure"); // plain http here; Secure behind HTTPS
    const cookie = setCookie.split(";")[0];
    const me = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).result.data).toMatchObject({ id: user.id, roles: ["STAFF"] });

    const logout = await postJson("/api/trpc/auth.logout", {}, { cookie });
    expect(logout.status).toBe(200);
    expect(logout.headers.get("set-cookie")).toContain("Max-Age=0");
    const after = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it("answers 401 with a Norwegian message and no stack trace when nobody is signed in", async () => {
    server = await startServer(t.db);
    const res = await fetch(`${server.origin}/api/trpc/auth.me`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.message).toBe("Du må logge inn.");
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:\d+/);
  });

  it("answers English when the language cookie says so", async () => {
    server = await startServer(t.db);
    const res = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: "lang=en" } });
    expect((await res.json()).error.message).toBe("You need to sign in.");
  });

  it("answers invalid input with 400 and a readable message per field", async () => {
    server = await startServer(t.db);
    const res = await postJson("/api/trpc/auth.login", { email: "", password: 42 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain("Noe er ikke fylt ut riktig.");
    expect(body.error.data.fieldErrors).toEqual({ email: "må fylles ut", password: "har feil type" });
    expect(JSON.stringify(body)).not.toMatch(/stack|ZodError/);
  });

  it("renews the cookie of a session that is more than half used", async () => {
    const municipality = await createMunicipality(t.db.prisma);
    const user = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["USER"] });
    const { token, auth } = await signIn(t.db, user.id);
    await t.db.prisma.session.update({ where: { id: auth.session.id }, data: { expiresAt: new Date(Date.now() + 3 * 864e5) } });
    server = await startServer(t.db);
    const res = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: `ip_session=${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain(`ip_session=${token}`);
    const row = await t.db.prisma.session.findUniqueOrThrow({ where: { id: auth.session.id } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 864e5);
  });
});

describe("health: liveness and readiness", () => {
  it("is ready with the database up and every migration applied; live regardless", async () => {
    server = await startServer(t.db);
    const ready = await fetch(`${server.origin}/healthz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", db: "ok", migrations: "ok" });
    expect((await fetch(`${server.origin}/healthz/ready`)).status).toBe(200);
    const live = await fetch(`${server.origin}/healthz/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
  });

  it("is not ready when the database does not answer, but still live", async () => {
    // A database of its own, so closing it does not disturb the shared one.
    const own = await connectPglite();
    await migrate(own);
    server = await startServer(own);
    await own.close();
    const res = await fetch(`${server.origin}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "error", db: "down" });
    expect((await fetch(`${server.origin}/healthz/live`)).status).toBe(200);
  });

  it("is not ready while migrations are missing", async () => {
    const own = await connectPglite();
    server = await startServer(own);
    const res = await fetch(`${server.origin}/healthz/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "error", db: "ok", migrations: "pending" });
    await server.close();
    server = undefined;
    await own.close();
  });
});

