import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMunicipality, createPlan, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { configurationOf } from "../../server/auth/oidc/client.ts";
import { forgetProviderOrigins, providerOrigins } from "../../server/auth/oidc/providers.ts";
import { createSession } from "../../server/auth/sessions.ts";
import { identityHash, protectIdentityNumber, unseal } from "../../server/identity/protect.ts";
import { TEST_RESIDENTS, TEST_STAFF } from "../../server/test-idp/persons.ts";
import { registerTestProviders, startTestProviders, testClients, type TestProviders } from "../../server/test-idp/register.ts";
import { startServer } from "./helpers.ts";
import { signInThroughProvider, TestBrowser, throughProvider } from "./oidc-browser.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const kari = TEST_RESIDENTS.find((p) => p.sub === "resident-kari")!;
const jakob = TEST_RESIDENTS.find((p) => p.sub === "resident-jakob")!;
const ingrid = TEST_STAFF.find((p) => p.sub === "staff-ingrid")!;
const nina = TEST_STAFF.find((p) => p.sub === "staff-nina")!;

let server: Awaited<ReturnType<typeof startServer>>;
let providers: TestProviders;
let municipalityId: string;

async function me(cookie: string | undefined) {
  const res = await fetch(`${server.origin}/api/trpc/auth.me`, { headers: { cookie: `ip_session=${cookie}` } });
  return res.status === 200 ? ((await res.json()) as { result: { data: { id: string; name: string; roles: string[] } } }).result.data : null;
}

beforeEach(async () => {
  municipalityId = (await createMunicipality(t.db.prisma, { demo: false })).id;
  server = await startServer(t.db);
  providers = await startTestProviders(t.db.prisma, { municipalityId, portalOrigins: [server.origin] });
});

afterEach(async () => {
  await providers.idp.close();
  await server.close();
});

describe("signing in through the test ID-porten", () => {
  it("signs a known resident in by identity number, binds the provider's subject, and keeps no token", async () => {
    const user = await createUser(t.db.prisma, { municipalityId, roles: ["USER"], name: "Kari Nordmann" });
    await t.db.prisma.user.update({ where: { id: user.id }, data: protectIdentityNumber(kari.pid) });
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.resident, kari.sub);
    expect(result).toMatchObject({ status: 303, location: "/" });
    expect(await me(result.session)).toMatchObject({ id: user.id, name: "Kari Nordmann" });

    const session = await t.db.prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    const provider = await t.db.prisma.identityProvider.findUniqueOrThrow({ where: { slug: providers.slugs.resident } });
    expect(session.providerId).toBe(provider.id);
    expect(await t.db.prisma.userIdentity.count({ where: { userId: user.id, providerId: provider.id, subject: kari.sub } })).toBe(1);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.login", actorId: user.id } });
    expect(audit.details).toMatchObject({ provider: providers.slugs.resident, acr: "idporten-loa-high" });
    // Neither the identity number nor anything token-like is stored beside the session.
    const everything = JSON.stringify(await t.db.prisma.auditEvent.findMany());
    expect(everything).not.toContain(kari.pid);
    expect(await t.db.prisma.oidcLogin.count()).toBe(0);
  });

  it("makes an account for a resident nobody knows yet, with the identity number sealed", async () => {
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    expect(result.status).toBe(303);
    const person = await me(result.session);
    expect(person).toMatchObject({ name: "Jakob Lund", roles: ["USER"] });
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: person!.id } });
    expect(row.identityHash).toBe(identityHash(jakob.pid));
    expect(row.identityEnc).not.toContain(jakob.pid);
    expect(unseal(row.identityEnc!)).toBe(jakob.pid);
    expect(row.email).toBeNull();
    expect(row.passwordHash).toBeNull();
  });

  it("lets a person made from a case (no account yet) find their plan at the first sign-in", async () => {
    const person = await t.db.prisma.user.create({
      data: { municipalityId, name: "Jakob Lund", ...protectIdentityNumber(jakob.pid), roles: { create: [{ role: "USER" }] } },
    });
    const plan = await createPlan(t.db.prisma, { municipalityId, ownerId: person.id, status: "ACTIVE" });
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.resident, jakob.sub, { redirectTo: "/min-plan" });
    expect(result).toMatchObject({ status: 303, location: "/min-plan" });
    const res = await fetch(`${server.origin}/api/trpc/plan.mine`, { headers: { cookie: `ip_session=${result.session}` } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(plan.id);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: person.id } })).lastSignInAt).not.toBeNull();
  });

  it("gives a person made at the first sign-in the cases sent in by their identity number before", async () => {
    const other = await createMunicipality(t.db.prisma);
    const received = { type: "IP_APPLICATION" as const, channel: "PAPER" as const, subjectName: "Jakob Lund", description: "Søknad på papir.", receivedAt: new Date(), interimReplyDue: new Date(), decisionDue: new Date() };
    const numbered = protectIdentityNumber(jakob.pid);
    const ours = await t.db.prisma.case.create({ data: { ...received, municipalityId, reference: "2026-0001", subjectIdentityEnc: numbered.identityEnc, subjectIdentityHash: numbered.identityHash } });
    const theirs = await t.db.prisma.case.create({ data: { ...received, municipalityId: other.id, reference: "2026-0001", subjectIdentityEnc: numbered.identityEnc, subjectIdentityHash: numbered.identityHash } });
    const result = await signInThroughProvider(new TestBrowser(), server.origin, providers.slugs.resident, jakob.sub);
    const person = await me(result.session);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: ours.id } })).subjectUserId).toBe(person!.id);
    // Another municipality's case stays theirs.
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: theirs.id } })).subjectUserId).toBeNull();
    const res = await fetch(`${server.origin}/api/trpc/case.mine`, { headers: { cookie: `ip_session=${result.session}` } });
    expect(JSON.stringify(await res.json())).toContain(ours.id);
  });

  it("sends the browser to the provider's sign-out when the session came from it", async () => {
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    const res = await fetch(`${server.origin}/api/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie: `ip_session=${result.session}`, "content-type": "application/json", origin: server.origin },
      body: "{}",
    });
    const body = (await res.json()) as { result: { data: { signOutUrl: string } } };
    const url = new URL(body.result.data.signOutUrl);
    expect(url.origin).toBe(providers.idp.issuer);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${server.origin}/login?utlogget=1`);
    expect(await me(result.session)).toBeNull();
    // Without JavaScript the sign-out form's answer redirects there: the CSP must allow it.
    const csp = (await fetch(`${server.origin}/healthz`)).headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(new RegExp(`form-action 'self' ${providers.idp.issuer.replaceAll(".", "\\.")}`));
  });
});

describe("a locked password is no lock on the identity provider (issue 11)", () => {
  it("signs in through ID-porten an account whose password sign-in is blocked by failed attempts", async () => {
    const user = await createUser(t.db.prisma, { municipalityId, roles: ["USER"], name: "Kari Nordmann" });
    await t.db.prisma.user.update({ where: { id: user.id }, data: protectIdentityNumber(kari.pid) });
    const attempt = (password: string) =>
      fetch(`${server.origin}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.origin },
        body: JSON.stringify({ email: user.email, password }),
      });
    for (let i = 0; i < 6; i++) await attempt("feil-passord-123");
    expect((await attempt(TEST_PASSWORD)).status).toBe(429);
    const result = await signInThroughProvider(new TestBrowser(), server.origin, providers.slugs.resident, kari.sub);
    expect(result).toMatchObject({ status: 303, location: "/" });
    expect((await me(result.session))?.id).toBe(user.id);
  });
});

describe("the Content-Security-Policy and a provider whose sign-out is on another origin", () => {
  it("allows the sign-out form to go to ID-porten's end_session_endpoint, as discovered", async () => {
    // Like ID-porten: the issuer on one origin, sign-in and sign-out on another.
    const metadata = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ issuer, authorization_endpoint: "http://localhost:1/authorize", token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: "http://localhost:1/endsession" }));
    });
    await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    try {
      const row = await t.db.prisma.identityProvider.create({
        data: { municipalityId, slug: "like-idporten", kind: "RESIDENT", name: "Som ID-porten", issuer, clientId: "portal", source: "admin" },
      });
      await configurationOf(row);
      forgetProviderOrigins();
      expect(await providerOrigins(t.db.prisma)).toEqual(expect.arrayContaining([issuer, "http://localhost:1"]));
    } finally {
      metadata.close();
    }
  });
});

describe("signing in as staff", () => {
  it("maps the provider's role claim to our roles, for a new staff member", async () => {
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.staff, nina.sub);
    expect(await me(result.session)).toMatchObject({ name: "Nina Ny", roles: ["COORDINATOR"] });
  });

  it("finds existing staff by verified e-mail, sets roles the mapping names and keeps the others, and ends sessions with the old roles", async () => {
    const user = await createUser(t.db.prisma, { municipalityId, roles: ["STAFF", "ADMIN"], email: ingrid.email, name: "Ingrid Berg" });
    const older = await createSession(t.db.prisma, user.id);
    const browser = new TestBrowser();
    const result = await signInThroughProvider(browser, server.origin, providers.slugs.staff, ingrid.sub);
    const person = await me(result.session);
    expect(person?.id).toBe(user.id);
    expect([...person!.roles].sort()).toEqual(["ADMIN", "COORDINATOR", "STAFF"]);
    // The session opened before carried the old roles: it is gone, the new one stays.
    expect(await t.db.prisma.session.findUnique({ where: { id: older.session.id } })).toBeNull();
    expect(await me(result.session)).not.toBeNull();
    // The staff provider's pid binds the identity number to the account.
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).identityHash).toBe(identityHash(ingrid.pid));
  });

  it("never hands a resident's account to a staff sign-in with the same e-mail address", async () => {
    const resident = await createUser(t.db.prisma, { municipalityId, roles: ["USER"], email: nina.email, name: "Nina Nordmann" });
    const result = await signInThroughProvider(new TestBrowser(), server.origin, providers.slugs.staff, nina.sub);
    const person = await me(result.session);
    expect(person?.id).not.toBe(resident.id);
    expect(person).toMatchObject({ name: "Nina Ny", roles: ["COORDINATOR"] });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: resident.id } })).toBe(0);
  });

  it("refuses staff whose claim maps to no role and who has no account", async () => {
    const espen = TEST_STAFF.find((p) => p.sub === "staff-espen")!;
    const result = await signInThroughProvider(new TestBrowser(), server.origin, providers.slugs.staff, espen.sub);
    expect(result).toMatchObject({ status: 303, location: "/login?feil=noRole", session: undefined });
  });
});

describe("refused sign-ins: a clear message and no session", () => {
  async function expectRefused(res: Response, reason: string) {
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/login?feil=${reason}`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("ip_session=") && !c.startsWith("ip_session=;"))).toBe(false);
    expect(await t.db.prisma.session.count()).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.login_failed" } })).toBeGreaterThan(0);
  }

  it("refuses a wrong state", async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    callback.searchParams.set("state", "not-the-state-we-sent");
    await expectRefused(await browser.request(callback), "failed");
  });

  it("refuses a state cookie from another browser (login CSRF)", async () => {
    const victim = new TestBrowser();
    const attacker = new TestBrowser();
    const callback = await throughProvider(attacker, server.origin, providers.slugs.resident, jakob.sub);
    await expectRefused(await victim.request(callback), "failed");
  });

  it("refuses a replayed code, at our side and at the provider's", async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    const stateCookie = browser.cookie(server.origin, "ip_oidc_state")!;
    const first = await browser.request(callback);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/");
    await t.db.prisma.session.deleteMany();
    // The same answer again, cookie and all: the state was used.
    browser.setCookie(server.origin, "ip_oidc_state", stateCookie);
    await expectRefused(await browser.request(callback), "failed");
  });

  it("refuses an ID token whose nonce is not the one sent", async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    await t.db.prisma.oidcLogin.updateMany({ data: { nonce: "another-nonce-than-sent" } });
    await expectRefused(await browser.request(callback), "failed");
  });

  it("refuses a level of assurance below idporten-loa-high", async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, jakob.sub, { acr: "idporten-loa-substantial" });
    await expectRefused(await browser.request(callback), "lowAssurance");
  });

  it("refuses an answer from an unknown issuer, and an unknown provider", async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, jakob.sub);
    expect(callback.searchParams.get("iss")).toBe(providers.idp.issuer);
    callback.searchParams.set("iss", "https://idporten.example.invalid");
    await expectRefused(await browser.request(callback), "failed");
    const unknown = await new TestBrowser().request(`${server.origin}/auth/oidc/no-such-provider/start`);
    expect(unknown.headers.get("location")).toBe("/login?feil=unknownProvider");
  });

  it("refuses an expired ID token (a provider whose clock is two hours behind)", async () => {
    const slugs = { resident: "idporten-old-clock", staff: "ansatt-old-clock" };
    const secrets = { resident: "resident-secret-for-the-old-clock", staff: "staff-secret-for-the-old-clock" };
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/fixtures/idp-with-old-clock.ts", JSON.stringify(testClients([server.origin], slugs, secrets))], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(child.stdout!, "data")) as [Buffer];
      await registerTestProviders(t.db.prisma, { municipalityId, issuer: line.toString().trim(), slugs, secrets });
      const browser = new TestBrowser();
      const callback = await throughProvider(browser, server.origin, slugs.resident, jakob.sub);
      await expectRefused(await browser.request(callback), "failed");
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a deactivated account", async () => {
    const user = await createUser(t.db.prisma, { municipalityId, roles: ["USER"], active: false });
    await t.db.prisma.user.update({ where: { id: user.id }, data: protectIdentityNumber(kari.pid) });
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, server.origin, providers.slugs.resident, kari.sub);
    await expectRefused(await browser.request(callback), "deactivated");
  });
});
