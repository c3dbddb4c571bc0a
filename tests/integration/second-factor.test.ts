import { describe, expect, it } from "vitest";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_LIFETIME_MS } from "../../server/auth/pending-sign-in.ts";
import { MAX_FAILURES_PER_ACCOUNT_AND_IP } from "../../server/auth/rate-limit.ts";
import { MAX_SECOND_FACTOR_FAILURES_PER_ACCOUNT, RECOVERY_CODE_COUNT, TOTP_PERIOD_SECONDS } from "../../server/auth/second-factor.ts";
import { SESSION_COOKIE, validateSessionToken } from "../../server/auth/sessions.ts";
import { translate } from "../../server/i18n.ts";
import { createCaller } from "../../server/router.ts";
import { createContextInner } from "../../server/trpc/context.ts";
import { createMunicipality, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { startServer } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

// Password sign-in outside the demo municipality takes a second step (server/auth/second-factor.ts):
// set up a one-time code app on first sign-in, then a code from it or a recovery code each time.

const t = useTestDatabase();
const prisma = () => t.db.prisma;

/** A browser: the session and pending sign-in cookies that procedures set, from one address. */
function browser(ip = "10.1.0.1") {
  const jar = { session: null as string | null, pending: null as string | null };
  const caller = createCaller(
    createContextInner({
      db: t.db,
      meta: { ip, userAgent: "vitest" },
      cookies: { set: (token) => (jar.session = token), clear: () => (jar.session = null) },
      pendingSignIn: {
        get token() {
          return jar.pending;
        },
        set: (token) => (jar.pending = token),
        clear: () => (jar.pending = null),
      },
    }),
  );
  return { jar, caller };
}

async function staffMember(municipality: { demo?: boolean; passwordSignIn?: boolean } = {}) {
  const home = await createMunicipality(prisma(), { demo: municipality.demo ?? false });
  if (municipality.passwordSignIn === false) await prisma().municipality.update({ where: { id: home.id }, data: { passwordSignIn: false } });
  return createUser(prisma(), { municipalityId: home.id, roles: ["COORDINATOR"] });
}

const stepNow = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
const codeAt = (key: Uint8Array, step: number) => generateHOTP(key, BigInt(step), 6);
/** A six-digit code that none of the steps the server accepts (now and one either side) would give. */
function wrongCode(key: Uint8Array) {
  const right = new Set([-1, 0, 1].map((d) => codeAt(key, stepNow() + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!right.has(code)) return code;
  }
}
const keyOf = (grouped: string) => decodeBase32IgnorePadding(grouped.replace(/ /g, ""));
const auditCount = (action: string) => prisma().auditEvent.count({ where: { action } });

/** Signs in with the password and sets the second factor up: the key and the recovery codes. */
async function setUp(user: { email: string }, ip?: string) {
  const b = browser(ip);
  expect(await b.caller.auth.login({ email: user.email, password: TEST_PASSWORD })).toEqual({ secondFactor: "setup" });
  const pending = await b.caller.auth.secondFactorPending();
  if (pending?.step !== "setup") throw new Error("no set-up pending");
  const key = keyOf(pending.key);
  const { recoveryCodes } = await b.caller.auth.secondFactorConfirm({ code: codeAt(key, stepNow()) });
  return { key, recoveryCodes, session: b.jar.session };
}

/** Signs in with the password: the browser now waits for its code. */
async function passwordStep(user: { email: string }, ip?: string) {
  const b = browser(ip);
  expect(await b.caller.auth.login({ email: user.email, password: TEST_PASSWORD })).toEqual({ secondFactor: "code" });
  expect(b.jar.session).toBeNull();
  expect(b.jar.pending).toMatch(/^[a-z2-7]{32}$/);
  return b;
}

describe("the demo municipality", () => {
  it("signs in in one step, as before: a session, no pending sign-in, no key", async () => {
    const home = await createMunicipality(prisma(), { demo: true });
    const user = await createUser(prisma(), { municipalityId: home.id, roles: ["COORDINATOR"] });
    const b = browser();
    expect(await b.caller.auth.login({ email: user.email, password: TEST_PASSWORD })).toEqual({ ok: true });
    expect((await validateSessionToken(prisma(), b.jar.session!))?.user.id).toBe(user.id);
    expect(b.jar.pending).toBeNull();
    expect(await prisma().pendingSignIn.count()).toBe(0);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).totpKeyEnc).toBeNull();
    expect(await auditCount("auth.login")).toBe(1);
  });
});

describe("over HTTP", () => {
  it("sets up the second factor and signs in with a code; cookies are HttpOnly and SameSite=Lax", async () => {
    const user = await staffMember();
    const server = await startServer(t.db);
    try {
      const post = (path: string, body: unknown, cookie?: string) =>
        fetch(`${server.origin}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.origin, ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(body),
        });
      const cookieFrom = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

      // The password: no session, a pending sign-in's cookie.
      const login = await post("auth.login", { email: user.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect((await login.json()).result.data).toEqual({ secondFactor: "setup" });
      expect(cookieFrom(login, SESSION_COOKIE)).toBeUndefined();
      const pendingCookie = cookieFrom(login, PENDING_SIGN_IN_COOKIE)!;
      expect(pendingCookie).toMatch(/; HttpOnly/);
      expect(pendingCookie).toMatch(/; SameSite=Lax/);
      const pending = `${PENDING_SIGN_IN_COOKIE}=${pendingCookie.split(";")[0].split("=")[1]}`;
      // No session: signed-in procedures still refuse.
      expect((await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: pending } })).status).toBe(401);

      // The set-up: the key as grouped text, an otpauth:// link and an inline SVG QR code.
      const shown = await fetch(`${server.origin}/api/trpc/auth.secondFactorPending`, { headers: { cookie: pending } });
      const setup = (await shown.json()).result.data;
      expect(setup.step).toBe("setup");
      expect(setup.key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
      expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.uri).toContain(`secret=${setup.key.replace(/ /g, "")}`);
      expect(setup.qrSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(setup.qrSvg).not.toMatch(/<script|href=/);
      const key = keyOf(setup.key);
      // The key is stored sealed, never as it is shown.
      const stored = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.totpKeyEnc).toMatch(/^v1:/);
      expect(stored.totpKeyEnc).not.toContain(setup.key.replace(/ /g, ""));
      expect(stored.totpEnabledAt).toBeNull();

      // The first code: the second factor is on, ten recovery codes, and the session.
      const first = codeAt(key, stepNow());
      const confirm = await post("auth.secondFactorConfirm", { code: first }, pending);
      expect(confirm.status).toBe(200);
      const { recoveryCodes } = (await confirm.json()).result.data;
      expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
      expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
      expect(cookieFrom(confirm, PENDING_SIGN_IN_COOKIE)).toMatch(/Max-Age=0/);
      const session = cookieFrom(confirm, SESSION_COOKIE)!;
      expect(session).toMatch(/; HttpOnly; SameSite=Lax/);
      const me = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: session.split(";")[0] } });
      expect((await me.json()).result.data.id).toBe(user.id);
      const on = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
      expect(on.totpEnabledAt).not.toBeNull();
      const rows = await prisma().recoveryCode.findMany({ where: { userId: user.id } });
      expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
      for (const code of recoveryCodes) expect(rows.map((r) => r.codeHash)).not.toContain(code);
      expect(await prisma().pendingSignIn.count()).toBe(0);

      // The next sign-in asks for a code; the one already used is not taken again, the next one is.
      const again = await post("auth.login", { email: user.email, password: TEST_PASSWORD });
      expect((await again.json()).result.data).toEqual({ secondFactor: "code" });
      const pendingAgain = cookieFrom(again, PENDING_SIGN_IN_COOKIE)!.split(";")[0];
      const replay = await post("auth.secondFactorVerify", { code: first }, pendingAgain);
      expect(replay.status).toBe(401);
      expect((await replay.json()).error.message).toBe(translate("nb", "secondFactor.wrongCode"));
      const verify = await post("auth.secondFactorVerify", { code: codeAt(key, stepNow() + 1) }, pendingAgain);
      expect(verify.status).toBe(200);
      expect(cookieFrom(verify, SESSION_COOKIE)).toBeDefined();

      expect(await auditCount("auth.password_accepted")).toBe(2);
      expect(await auditCount("auth.totp_enabled")).toBe(1);
      expect(await auditCount("auth.totp_failed")).toBe(1);
      expect(await auditCount("auth.login")).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("refuses a right password where password sign-in is switched off, in plain Norwegian, and counts it as no success", async () => {
    const user = await staffMember({ passwordSignIn: false });
    const server = await startServer(t.db);
    try {
      const login = (password: string) =>
        fetch(`${server.origin}/api/trpc/auth.login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.origin },
          body: JSON.stringify({ email: user.email, password }),
        });
      const right = await login(TEST_PASSWORD);
      expect(right.status).toBe(403);
      expect((await right.json()).error.message).toBe("Passordinnlogging er slått av i kommunen. Logg inn med ID-porten eller som ansatt.");
      expect(right.headers.getSetCookie()).toEqual([]);
      // A wrong password gets the answer an unknown address gets: the message tells only someone with the password.
      const wrong = await login("feil-passord");
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.message).toBe(translate("nb", "auth.invalidCredentials"));
    } finally {
      await server.close();
    }
    expect(await prisma().session.count()).toBe(0);
    expect(await prisma().pendingSignIn.count()).toBe(0);
    expect(await prisma().loginAttempt.count({ where: { success: true } })).toBe(0);
    expect(await prisma().loginAttempt.count({ where: { success: false } })).toBe(2);
    const failed = await prisma().auditEvent.findMany({ where: { action: "auth.login_failed" }, orderBy: { createdAt: "asc" } });
    expect(failed.map((a) => a.details)).toMatchObject([{ reason: "password-sign-in-off" }, { email: user.email }]);
    expect(failed[1].details).not.toHaveProperty("reason");
  });
});

describe("the code", () => {
  it("is refused when wrong, counted and recorded; after the limit even the right code is blocked", async () => {
    const user = await staffMember();
    const { key } = await setUp(user);
    const b = await passwordStep(user, "10.1.0.2");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      await expect(b.caller.auth.secondFactorVerify({ code: wrongCode(key) })).rejects.toMatchObject({ code: "UNAUTHORIZED", messageKey: "secondFactor.wrongCode" });
    }
    expect(await auditCount("auth.totp_failed")).toBe(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    await expect(b.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      messageKey: "auth.rateLimited",
    });
    const blocked = await prisma().auditEvent.findMany({ where: { action: "auth.login_blocked" } });
    expect(blocked).toMatchObject([{ actorId: user.id, details: { during: "second-factor" } }]);
    expect(b.jar.session).toBeNull();
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(1); // the set-up's own
    // Wrong codes never count against the password: the password step still works from there.
    await passwordStep(user, "10.1.0.2");
  });

  it("closes the second step from every address after the account's limit", async () => {
    const user = await staffMember();
    const { key } = await setUp(user);
    // Wrong codes from many addresses (as rows: the slowing down between them is not what is tested).
    await prisma().loginAttempt.createMany({
      data: Array.from({ length: MAX_SECOND_FACTOR_FAILURES_PER_ACCOUNT }, (_, i) => ({ emailKey: `second-factor:${user.id}`, ip: `10.9.0.${i}`, success: false })),
    });
    const b = await passwordStep(user, "10.1.0.3");
    await expect(b.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(b.jar.session).toBeNull();
  });

  it("accepts spaces in a code and keeps where the person was going (only a path of the portal)", async () => {
    const user = await staffMember();
    const { key } = await setUp(user);
    const b = browser();
    await b.caller.auth.login({ email: user.email, password: TEST_PASSWORD, redirectTo: "/moter?uke=2" });
    const code = codeAt(key, stepNow() + 1);
    const result = await b.caller.auth.secondFactorVerify({ code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    expect(result).toMatchObject({ ok: true, redirectTo: "/moter?uke=2", byRecovery: false });
    const other = browser();
    await other.caller.auth.login({ email: user.email, password: TEST_PASSWORD, redirectTo: "https://lure.example/moter" });
    expect((await prisma().pendingSignIn.findFirstOrThrow()).redirectTo).toBe("/");
  });
});

describe("recovery codes", () => {
  it("work once each; new ones replace the old", async () => {
    const user = await staffMember();
    const { key, recoveryCodes, session } = await setUp(user);

    const first = await passwordStep(user);
    // As a person might type it: upper case, without the dash.
    const typed = recoveryCodes[0].toUpperCase().replace("-", "");
    expect(await first.caller.auth.secondFactorVerify({ code: typed })).toMatchObject({ ok: true, byRecovery: true, recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
    expect(first.jar.session).not.toBeNull();
    expect(await auditCount("auth.login_recovery")).toBe(1);

    const second = await passwordStep(user);
    await expect(second.caller.auth.secondFactorVerify({ code: recoveryCodes[0] })).rejects.toMatchObject({ code: "UNAUTHORIZED", messageKey: "secondFactor.wrongCode" });
    expect(second.jar.session).toBeNull();

    // New codes, from "Min konto": the old ones stop working.
    const auth = await validateSessionToken(prisma(), session!);
    const signedIn = createCaller(createContextInner({ db: t.db, auth, meta: { ip: "10.1.0.9" } }));
    expect(await signedIn.auth.signInSettings()).toMatchObject({ hasPassword: true, secondFactorRequired: true, recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
    const { recoveryCodes: fresh } = await signedIn.auth.recoveryCodesRenew({ code: codeAt(key, stepNow() + 1) });
    expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
    expect(await auditCount("auth.recovery_codes_renewed")).toBe(1);
    await expect(second.caller.auth.secondFactorVerify({ code: recoveryCodes[1] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await second.caller.auth.secondFactorVerify({ code: fresh[0] })).toMatchObject({ ok: true, byRecovery: true });
  });
});

describe("the pending sign-in", () => {
  it("lasts five minutes, then opens nothing; it is deleted when used", async () => {
    const user = await staffMember();
    const { key } = await setUp(user);
    const b = await passwordStep(user);
    const row = await prisma().pendingSignIn.findFirstOrThrow();
    expect(row.id).not.toBe(b.jar.pending);
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - PENDING_SIGN_IN_LIFETIME_MS)).toBeLessThan(10_000);

    await prisma().pendingSignIn.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await b.caller.auth.secondFactorPending()).toBeNull();
    await expect(b.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ code: "UNAUTHORIZED", messageKey: "secondFactor.expired" });
    expect(b.jar.session).toBeNull();
    expect(await prisma().pendingSignIn.count()).toBe(0);

    // Used: gone, and its cookie opens nothing a second time.
    const c = await passwordStep(user);
    const token = c.jar.pending;
    await c.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) });
    expect(await prisma().pendingSignIn.count()).toBe(0);
    c.jar.pending = token;
    await expect(c.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() - 1) })).rejects.toMatchObject({ messageKey: "secondFactor.expired" });
  });

  it("ends when password sign-in is switched off or the account is deactivated meanwhile", async () => {
    const user = await staffMember();
    const { key } = await setUp(user);
    const b = await passwordStep(user);
    await prisma().municipality.update({ where: { id: user.municipalityId }, data: { passwordSignIn: false } });
    await expect(b.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ messageKey: "secondFactor.expired" });
    await prisma().municipality.update({ where: { id: user.municipalityId }, data: { passwordSignIn: true } });
    const c = await passwordStep(user);
    await prisma().user.update({ where: { id: user.id }, data: { active: false } });
    await expect(c.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ messageKey: "secondFactor.expired" });
    expect(c.jar.session).toBeNull();
  });

  it("a set-up abandoned and begun again shows a new key (whoever saw the old one may not be the person)", async () => {
    const user = await staffMember();
    const first = browser();
    await first.caller.auth.login({ email: user.email, password: TEST_PASSWORD });
    const shown = await first.caller.auth.secondFactorPending();
    const second = browser();
    await second.caller.auth.login({ email: user.email, password: TEST_PASSWORD });
    const again = await second.caller.auth.secondFactorPending();
    expect(shown?.step === "setup" && again?.step === "setup" && shown.key !== again.key).toBe(true);
    // The first browser's key no longer sets anything up.
    const oldKey = keyOf(shown?.step === "setup" ? shown.key : "");
    await expect(first.caller.auth.secondFactorConfirm({ code: codeAt(oldKey, stepNow()) })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("Min konto", () => {
  it("says who has no password, and such a person has none to change", async () => {
    const user = await staffMember();
    await prisma().user.update({ where: { id: user.id }, data: { passwordHash: null } });
    const { createSession } = await import("../../server/auth/sessions.ts");
    const { token } = await createSession(prisma(), user.id);
    const auth = await validateSessionToken(prisma(), token);
    const caller = createCaller(createContextInner({ db: t.db, auth }));
    expect(await caller.auth.signInSettings()).toMatchObject({ hasPassword: false, secondFactorSince: null, recoveryCodesLeft: 0 });
    await expect(caller.auth.changePassword({ currentPassword: "x", newPassword: "nytt-passord-123" })).rejects.toMatchObject({ messageKey: "auth.noPassword" });
    await expect(caller.auth.recoveryCodesRenew({ code: "123456" })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "secondFactor.notSetUp" });
  });

  it("renews the recovery codes only for a current code from the app, counted under the sign-in's limits", async () => {
    const user = await staffMember();
    const { key, session } = await setUp(user, "10.1.2.1");
    const auth = await validateSessionToken(prisma(), session!);
    const signedIn = createCaller(createContextInner({ db: t.db, auth, meta: { ip: "10.1.2.2" } }));
    const hashes = async () => (await prisma().recoveryCode.findMany({ where: { userId: user.id }, orderBy: { codeHash: "asc" } })).map((r) => r.codeHash);
    const before = await hashes();

    // A session alone is not enough: a wrong code, or the step already used at the set-up, is refused in words.
    await expect(signedIn.auth.recoveryCodesRenew({ code: wrongCode(key) })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "secondFactor.wrongCode" });
    expect(await auditCount("auth.totp_failed")).toBe(1);
    const used = (await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).totpLastStep!;
    await expect(signedIn.auth.recoveryCodesRenew({ code: codeAt(key, used) })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "secondFactor.wrongCode" });
    expect(await hashes()).toEqual(before);
    expect(await auditCount("auth.recovery_codes_renewed")).toBe(0);

    // The right code renews them, once.
    const code = codeAt(key, used + 1);
    expect((await signedIn.auth.recoveryCodesRenew({ code })).recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(await hashes()).not.toEqual(before);
    await expect(signedIn.auth.recoveryCodesRenew({ code })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Wrong codes here count with the sign-in's: from this address, the sign-in's code step closes too.
    // One refused above since the success; the rest up to the limit here.
    for (let n = 1; n < MAX_FAILURES_PER_ACCOUNT_AND_IP; n++) await signedIn.auth.recoveryCodesRenew({ code: wrongCode(key) }).catch(() => null);
    const b = await passwordStep(user, "10.1.2.2");
    await expect(b.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(signedIn.auth.recoveryCodesRenew({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("a new password also ends the sign-ins waiting for their code", async () => {
    const user = await staffMember();
    const { key, session } = await setUp(user);
    const waiting = await passwordStep(user);
    expect(await prisma().pendingSignIn.count({ where: { userId: user.id } })).toBe(1);
    const auth = await validateSessionToken(prisma(), session!);
    const signedIn = createCaller(createContextInner({ db: t.db, auth, meta: { ip: "10.1.3.1" }, cookies: { set() {}, clear() {} } }));
    await signedIn.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "nytt-passord-123" });
    expect(await prisma().pendingSignIn.count({ where: { userId: user.id } })).toBe(0);
    await expect(waiting.caller.auth.secondFactorVerify({ code: codeAt(key, stepNow() + 1) })).rejects.toMatchObject({ code: "UNAUTHORIZED", messageKey: "secondFactor.expired" });
    expect(waiting.jar.session).toBeNull();
  });
});
