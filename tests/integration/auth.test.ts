import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/auth/password.ts";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ACCOUNT_AND_IP, MAX_FAILURES_PER_IP } from "../../server/auth/rate-limit.ts";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
  validateSessionToken,
} from "../../server/auth/sessions.ts";
import { createMunicipality, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { anonymousCaller, createMunicipalityWithRoles, signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

async function aUser(email = "kari@test.no") {
  const municipality = await createMunicipality(t.db.prisma);
  return createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["USER"], email });
}

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("hemmelig-passord");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("hemmelig");
    expect(await verifyPassword(hash, "hemmelig-passord")).toBe(true);
    expect(await verifyPassword(hash, "Hemmelig-passord")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});

describe("sessions", () => {
  it("stores only the SHA-256 of the token and validates the token", async () => {
    const user = await aUser();
    const { token, session } = await createSession(t.db.prisma, user.id);
    expect(session.id).toBe(sessionIdFromToken(token));
    expect(session.id).not.toBe(token);
    expect(await t.db.prisma.session.count({ where: { id: token } })).toBe(0);
    const valid = await validateSessionToken(t.db.prisma, token);
    expect(valid?.user.id).toBe(user.id);
    expect(valid?.user.roles).toEqual(["USER"]);
    expect(await validateSessionToken(t.db.prisma, "a".repeat(32))).toBeNull();
    expect(await validateSessionToken(t.db.prisma, "not a token")).toBeNull();
  });

  it("expires after 30 days and deletes the expired row", async () => {
    const user = await aUser();
    const start = new Date("2027-01-01T12:00:00Z");
    const { token, session } = await createSession(t.db.prisma, user.id, {}, start);
    expect(session.expiresAt.getTime() - start.getTime()).toBe(SESSION_LIFETIME_MS);
    expect(await validateSessionToken(t.db.prisma, token, new Date(start.getTime() + 30 * DAY + 1))).toBeNull();
    expect(await t.db.prisma.session.count()).toBe(0);
  });

  it("slides: a session used after 20 days gets 30 new days, one used after 5 days is left alone", async () => {
    const user = await aUser();
    const start = new Date("2027-01-01T12:00:00Z");
    const { token } = await createSession(t.db.prisma, user.id, {}, start);
    const early = await validateSessionToken(t.db.prisma, token, new Date(start.getTime() + 5 * DAY));
    expect(early?.session.renewed).toBe(false);
    const later = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(t.db.prisma, token, later);
    expect(renewed?.session.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    // Still valid past the original 30 days.
    expect(await validateSessionToken(t.db.prisma, token, new Date(start.getTime() + 40 * DAY))).not.toBeNull();
  });

  it("is invalidated one by one, per user, and when the account is disabled", async () => {
    const user = await aUser();
    const a = await createSession(t.db.prisma, user.id);
    const b = await createSession(t.db.prisma, user.id);
    await invalidateSession(t.db.prisma, a.session.id);
    expect(await validateSessionToken(t.db.prisma, a.token)).toBeNull();
    expect(await validateSessionToken(t.db.prisma, b.token)).not.toBeNull();
    await invalidateUserSessions(t.db.prisma, user.id);
    expect(await validateSessionToken(t.db.prisma, b.token)).toBeNull();
    const c = await createSession(t.db.prisma, user.id);
    await t.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await validateSessionToken(t.db.prisma, c.token)).toBeNull();
  });
});

describe("auth.login", () => {
  it("signs in with the right password, case-insensitive e-mail, and audits it", async () => {
    const user = await aUser("Kari@Test.no");
    const cookies: string[] = [];
    const { createCaller } = await import("../../server/router.ts");
    const { createContextInner } = await import("../../server/trpc/context.ts");
    const caller = createCaller(
      createContextInner({ db: t.db, meta: { ip: "10.0.0.1" }, cookies: { set: (token) => cookies.push(token), clear() {} } }),
    );
    await expect(caller.auth.login({ email: " KARI@test.NO ", password: TEST_PASSWORD })).resolves.toEqual({ ok: true });
    expect(cookies).toHaveLength(1);
    expect((await validateSessionToken(t.db.prisma, cookies[0]))?.user.id).toBe(user.id);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { action: "auth.login" } });
    expect(audit).toMatchObject([{ actorId: user.id, municipalityId: user.municipalityId, ip: "10.0.0.1" }]);
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    await aUser();
    const caller = anonymousCaller(t.db);
    const wrongPassword = await caller.auth.login({ email: "kari@test.no", password: "feil" }).catch((e: unknown) => e);
    const unknownEmail = await caller.auth.login({ email: "finnes@ikke.no", password: "feil" }).catch((e: unknown) => e);
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error).toMatchObject({ code: "UNAUTHORIZED", messageKey: "auth.invalidCredentials" });
    }
    expect(await t.db.prisma.session.count()).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.login_failed" } })).toBe(2);
  });

  it("stops a guesser on one IP, even with the right password, and says so in Norwegian", async () => {
    await aUser();
    const caller = anonymousCaller(t.db, "10.0.0.2");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      await expect(caller.auth.login({ email: "kari@test.no", password: `feil-${i}` })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(caller.auth.login({ email: "kari@test.no", password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      messageKey: "auth.rateLimited",
    });
    // The same limit applies to an e-mail without an account: the limit reveals nothing.
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      await caller.auth.login({ email: "ingen@test.no", password: "x" }).catch(() => {});
    }
    await expect(caller.auth.login({ email: "ingen@test.no", password: "x" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.login_blocked" } })).toBe(2);
  });

  it("a stranger's wrong passwords from elsewhere slow the person down but do not lock them out (issue 11)", async () => {
    const user = await aUser();
    const stranger = anonymousCaller(t.db, "10.0.0.2");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      await stranger.auth.login({ email: "kari@test.no", password: `feil-${i}` }).catch(() => {});
    }
    // Kari, at home, still signs in (the answer comes a little later).
    await expect(anonymousCaller(t.db, "10.0.0.3").auth.login({ email: "kari@test.no", password: TEST_PASSWORD })).resolves.toMatchObject({ ok: true });
    // Only a guessing campaign from many places closes the account to passwords.
    await t.db.prisma.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => ({ emailKey: "kari@test.no", ip: `10.2.${Math.floor(i / 5)}.1`, success: false })),
    });
    await expect(anonymousCaller(t.db, "10.0.0.4").auth.login({ email: "kari@test.no", password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("checks and counts attempts sent at once one after another: five are tried, the rest refused", async () => {
    await aUser();
    const caller = anonymousCaller(t.db, "10.0.0.7");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        caller.auth.login({ email: "kari@test.no", password: `feil-${i}` }).then(
          () => "ok",
          (error: { code?: string }) => error.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "UNAUTHORIZED")).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS")).toHaveLength(20 - MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(await t.db.prisma.loginAttempt.count({ where: { emailKey: "kari@test.no" } })).toBe(MAX_FAILURES_PER_ACCOUNT_AND_IP);
  });

  it("limits one IP trying many accounts", async () => {
    const municipality = await createMunicipality(t.db.prisma);
    const victim = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["USER"], email: "offer@test.no" });
    const caller = anonymousCaller(t.db, "10.9.9.9");
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await caller.auth.login({ email: `gjett-${i}@test.no`, password: "x" }).catch(() => {});
    }
    await expect(caller.auth.login({ email: victim.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // The account itself is not locked for others.
    await expect(anonymousCaller(t.db, "10.1.1.1").auth.login({ email: victim.email, password: TEST_PASSWORD })).resolves.toEqual({
      ok: true,
    });
  });

  it("rejects invalid input with a readable message", async () => {
    await expect(anonymousCaller(t.db).auth.login({ email: "", password: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anonymousCaller(t.db).auth.login({ email: "x@test.no", password: "p".repeat(201) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("logout and password change", () => {
  it("logout ends the session and is audited", async () => {
    const user = await aUser();
    const { caller, token } = await signIn(t.db, user.id);
    await caller.auth.logout();
    expect(await validateSessionToken(t.db.prisma, token)).toBeNull();
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.logout", actorId: user.id } })).toBe(1);
  });

  it("a password change ends every session and checks the current password", async () => {
    const user = await aUser();
    const first = await signIn(t.db, user.id);
    const second = await signIn(t.db, user.id);
    await expect(first.caller.auth.changePassword({ currentPassword: "feil", newPassword: "nytt-passord-1" })).rejects.toMatchObject({
      messageKey: "auth.wrongCurrentPassword",
    });
    await expect(first.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "kort" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await first.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "nytt-passord-1" });
    expect(await validateSessionToken(t.db.prisma, first.token)).toBeNull();
    expect(await validateSessionToken(t.db.prisma, second.token)).toBeNull();
    // One fresh session for the browser that changed it.
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    await expect(anonymousCaller(t.db).auth.login({ email: user.email, password: "nytt-passord-1" })).resolves.toEqual({ ok: true });
    await expect(anonymousCaller(t.db).auth.login({ email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("roles", () => {
  it("auth.me returns each person's roles, and several roles when a person holds them", async () => {
    const { people, municipality } = await createMunicipalityWithRoles(t.db);
    for (const [key, role] of [
      ["user", "USER"],
      ["relative", "RELATIVE"],
      ["staff", "STAFF"],
      ["coordinator", "COORDINATOR"],
      ["caseOfficer", "KE_CASE_OFFICER"],
      ["keLeader", "KE_LEADER"],
      ["unitLeader", "UNIT_LEADER"],
      ["admin", "ADMIN"],
    ] as const) {
      const { caller } = await signIn(t.db, people[key].id);
      expect((await caller.auth.me()).roles).toEqual([role]);
    }
    const both = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["COORDINATOR", "STAFF"] });
    expect((await (await signIn(t.db, both.id)).caller.auth.me()).roles.sort()).toEqual(["COORDINATOR", "STAFF"]);
    expect((await (await signIn(t.db, people.unitLeader.id)).caller.auth.me()).leadsUnitId).toBeTruthy();
  });

  it("auth.me is UNAUTHORIZED without a session", async () => {
    await expect(anonymousCaller(t.db).auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
