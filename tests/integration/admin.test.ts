import type { AppLoadContext } from "@remix-run/node";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { makeIdentityNumber } from "../../app/domain/identity-number.ts";
import { createSession } from "../../server/auth/sessions.ts";
import { events } from "../../server/events.ts";
import { seal, unseal } from "../../server/identity/protect.ts";
import type { Caller } from "../../server/router.ts";
import { createUser } from "../../prisma/factories.ts";
import { describeUnknownError } from "../../server/trpc/errors.ts";
import { action as createUserAction } from "../../app/routes/admin_.brukere_.ny.tsx";
import { action as importAction } from "../../app/routes/admin_.import.tsx";
import { openText, until, type TextClient } from "./collab-client.ts";
import { signIn, startServer } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";
import { useTestDatabase } from "./test-db.ts";

// Administration that runs a municipality (issue 12, part 7): every procedure is the
// administrator's alone, in their own municipality; the import saves all or nothing; duplicates
// and locking oneself out are refused in words; and a deactivation or a change of roles closes
// the person's live connections, on every instance, within a second.

const t = useTestDatabase();
const prisma = () => t.db.prisma;

const NON_ADMINS: Who[] = ["owner", "representative", "staffInGroup", "coordinator", "caseOfficer", "keLeader", "unitLeader"];
// owner: USER, representative: RELATIVE, staffInGroup: STAFF, coordinator: COORDINATOR+STAFF,
// caseOfficer: KE_CASE_OFFICER, keLeader: KE_LEADER, unitLeader: UNIT_LEADER.

const PROVIDER = {
  kind: "STAFF" as const,
  name: "HelseID",
  issuer: "https://helseid-sts.test.nhn.no",
  clientId: "ip-portal",
  scopes: "openid profile",
  acrValues: ["Level3", "Level4"],
  requiredAcr: "Level4",
  identityClaim: "pid",
  roleClaim: "helseid://claims/client/roles",
  roleMap: { koordinator: "COORDINATOR" as const },
  enabled: true,
};

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "allowed",
    (error: { code?: string }) => error.code ?? String(error),
  );

/** Every administration procedure, against the home municipality's rows. */
function adminCalls(w: PlanWorld, providerId: string): Record<string, (c: Caller) => Promise<unknown>> {
  const userId = w.people.staffOutside.id;
  return {
    "user.list": (c) => c.user.list(),
    "user.byId": (c) => c.user.byId({ userId }),
    "user.create": (c) => c.user.create({ name: "Nina Ny", email: "nina.ny@eksempel.no", roles: ["STAFF"] }),
    "user.update": (c) => c.user.update({ userId, name: "Per Endret", roles: ["STAFF"] }),
    "user.deactivate": (c) => c.user.deactivate({ userId }),
    "user.reactivate": (c) => c.user.reactivate({ userId }),
    "user.resetSecondFactor": (c) => c.user.resetSecondFactor({ userId }),
    "user.setActive": (c) => c.user.setActive({ userId, active: false }),
    "user.import (preview)": (c) => c.user.import({ mode: "preview", csv: "navn;e-post\nNina Ny;nina.ny@eksempel.no" }),
    // Refused before the sealed file is opened.
    "user.import (commit)": (c) => c.user.import({ mode: "commit", sealedCsv: "v1:forseglet" }),
    "unit.create": (c) => c.unit.create({ name: "Ny enhet" }),
    "unit.update": (c) => c.unit.update({ unitId: w.unit.id, name: "Nytt navn", closed: true, leaderIds: [userId] }),
    "municipality.settings": (c) => c.municipality.settings(),
    "municipality.updateSettings": (c) => c.municipality.updateSettings({ name: "Ny kommune", contactEmail: null, contactPhone: null, mailFrom: null, passwordSignIn: true }),
    "identityProvider.list": (c) => c.identityProvider.list(),
    "identityProvider.create": (c) => c.identityProvider.create({ ...PROVIDER, slug: "helseid-2", clientSecret: null }),
    "identityProvider.update": (c) => c.identityProvider.update({ ...PROVIDER, providerId, name: "Endret" }),
  };
}

/** What the administration writes, to see that a refusal changed none of it. */
async function fingerprint() {
  const [users, roles, units, municipalities, providers, audits] = await Promise.all([
    prisma().user.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, active: true, email: true } }),
    prisma().userRole.findMany({ orderBy: { id: "asc" }, select: { userId: true, role: true, unitId: true } }),
    prisma().unit.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, closedAt: true } }),
    prisma().municipality.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, passwordSignIn: true } }),
    prisma().identityProvider.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } }),
    prisma().auditEvent.count(),
  ]);
  return { users, roles, units, municipalities, providers, audits };
}

describe("who may administer", () => {
  it("refuses every administration procedure to every other role, writing nothing and no audit row", async () => {
    const w = await createPlanWorld(t.db);
    const provider = await w.callers.admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: "s3cret" });
    const calls = adminCalls(w, provider.id);
    const before = await fingerprint();
    const answers: Record<string, string> = {};
    for (const who of NON_ADMINS) {
      for (const [name, call] of Object.entries(calls)) answers[`${who} ${name}`] = await outcome(call(w.callers[who]));
    }
    expect(Object.values(answers).length).toBe(NON_ADMINS.length * Object.keys(calls).length);
    for (const [key, answer] of Object.entries(answers)) expect(answer, key).toBe("FORBIDDEN");
    expect(await fingerprint()).toEqual(before);
  });

  it("keeps another municipality's administrator out of this one's people, units and providers (NOT_FOUND), and out of its lists", async () => {
    const w = await createPlanWorld(t.db);
    const provider = await w.callers.admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: null });
    const awayAdmin = await createUser(prisma(), { municipalityId: w.other.id, roles: ["ADMIN"] });
    const { caller } = await signIn(t.db, awayAdmin.id);
    const calls = adminCalls(w, provider.id);
    const before = await fingerprint();
    for (const name of ["user.byId", "user.update", "user.deactivate", "user.reactivate", "user.resetSecondFactor", "user.setActive", "unit.update", "identityProvider.update"]) {
      expect(await outcome(calls[name]!(caller)), name).toBe("NOT_FOUND");
    }
    expect(await fingerprint()).toEqual(before);
    // Their own lists hold only their own municipality.
    const theirPeople = (await prisma().user.findMany({ where: { municipalityId: w.other.id }, orderBy: { id: "asc" } })).map((u) => u.id);
    expect((await caller.user.list()).map((u) => u.id).sort()).toEqual(theirPeople);
    expect(theirPeople).toContain(awayAdmin.id);
    expect(await caller.unit.list({ includeClosed: true })).toEqual([]);
    expect(await caller.unit.names()).toEqual([]);
    expect(await caller.identityProvider.list()).toEqual([]);
    expect((await caller.municipality.settings()).name).not.toBe(w.home.name);
    // Naming another municipality's person as a leader, or placing someone in its unit, is NOT_FOUND too.
    const theirUnit = await caller.unit.create({ name: "Bortenhet" });
    expect(await outcome(caller.unit.update({ unitId: theirUnit.id, leaderIds: [w.people.staffOutside.id] }))).toBe("NOT_FOUND");
    expect(await outcome(w.callers.admin.user.create({ name: "Nina", email: "nina@eksempel.no", roles: ["STAFF"], unitId: theirUnit.id }))).toBe("NOT_FOUND");
  });

  it("gives the administrator no plan content and no lists of the coordinating unit", async () => {
    const w = await createPlanWorld(t.db);
    const admin = w.callers.admin;
    expect(await outcome(admin.plan.byId({ planId: w.plan.id }))).toMatch(/FORBIDDEN|NOT_FOUND/);
    // "Mine planer" lists the plans one takes part in: none.
    expect(await admin.plan.list()).toEqual([]);
    expect(await outcome(admin.audit.forPlan({ planId: w.plan.id }))).toMatch(/FORBIDDEN|NOT_FOUND/);
    // Not the coordinating unit's dashboard at all: neither its figures nor the lists behind them (issue 14).
    expect(await outcome(admin.dashboard.overview({}))).toBe("FORBIDDEN");
    expect(await outcome(admin.dashboard.plans({ metric: "activePlans", filter: {} }))).toBe("FORBIDDEN");
    expect(await outcome(admin.dashboard.meetings({ metric: "withoutMinutes", filter: {} }))).toBe("FORBIDDEN");
    expect(await outcome(admin.dashboard.cases({ metric: "openCases", filter: {} }))).toBe("FORBIDDEN");
    // Nor the list of cases, which names the people they are about.
    expect(await outcome(admin.case.list({}))).toBe("FORBIDDEN");
    // With a KE role as well, the lists open (the role, not the administrator, reads them).
    await prisma().userRole.create({ data: { userId: w.people.admin.id, role: "KE_LEADER" } });
    const { caller } = await signIn(t.db, w.people.admin.id);
    expect(await outcome(caller.dashboard.plans({ metric: "activePlans", filter: {} }))).toBe("allowed");
    expect(await outcome(caller.dashboard.overview({}))).toBe("allowed");
  });
});

describe("people", () => {
  it("creates a person with a masked identity number, edits them, and audits each change once", async () => {
    const w = await createPlanWorld(t.db);
    const fnr = makeIdentityNumber("1985-03-14", 100, { synthetic: true });
    const created = await w.callers.admin.user.create({
      name: "Nina Ny",
      email: "Nina.Ny@Eksempel.no",
      identityNumber: fnr,
      phone: "99 88 77 66",
      title: "Sykepleier",
      unitId: w.unit.id,
      roles: ["STAFF", "UNIT_LEADER"],
      leadsUnitId: w.unit.id,
    });
    const shown = await w.callers.admin.user.byId({ userId: created.id });
    expect(shown).toMatchObject({ name: "Nina Ny", email: "nina.ny@eksempel.no", identityMasked: `${fnr.slice(0, 6)} *****`, hasPassword: false, leadsUnitId: w.unit.id });
    expect(JSON.stringify(shown)).not.toContain(fnr);
    const row = await prisma().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.identityEnc && unseal(row.identityEnc)).toBe(fnr);
    expect(row.passwordHash).toBeNull();

    await w.callers.admin.user.update({ userId: created.id, name: "Nina Nyström", email: "nina.ny@eksempel.no", unitId: w.unit.id, roles: ["STAFF", "UNIT_LEADER"], leadsUnitId: w.unit.id });
    const audits = await prisma().auditEvent.findMany({ where: { targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.kind, a.actorId])).toEqual([
      ["user.create", "ADMIN", w.people.admin.id],
      ["user.update", "ADMIN", w.people.admin.id],
    ]);
    expect(audits[1]!.details).toEqual({ fields: ["name"] });
    // The identity number is in no audit row.
    expect(JSON.stringify(audits)).not.toContain(fnr);
  });

  it("refuses a second account with the same e-mail or identity number in plain Norwegian, never a 500", async () => {
    const w = await createPlanWorld(t.db);
    const fnr = makeIdentityNumber("1990-01-01", 200, { synthetic: true });
    await w.callers.admin.user.create({ name: "Første", email: "samme@eksempel.no", identityNumber: fnr, roles: ["STAFF"] });
    const refusal = (p: Promise<unknown>) => p.then(() => null, (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }));
    expect(await refusal(w.callers.admin.user.create({ name: "Andre", email: "SAMME@eksempel.no", roles: ["STAFF"] }))).toEqual({ code: "CONFLICT", message: "adm.error.emailTaken" });
    expect(await refusal(w.callers.admin.user.create({ name: "Andre", identityNumber: fnr, roles: ["STAFF"] }))).toEqual({ code: "CONFLICT", message: "adm.error.identityTaken" });
    // Taking someone else's address by editing is refused the same way.
    expect(await refusal(w.callers.admin.user.update({ userId: w.people.staffOutside.id, name: "Per", email: "samme@eksempel.no", roles: ["STAFF"] }))).toMatchObject({ code: "CONFLICT" });
    // A wrong check digit, and nobody to sign in as.
    const wrong = `${fnr.slice(0, 10)}${(Number(fnr[10]) + 1) % 10}`;
    expect(await refusal(w.callers.admin.user.create({ name: "Tredje", identityNumber: wrong, roles: ["STAFF"] }))).toEqual({ code: "BAD_REQUEST", message: "identity.problem.checkDigit" });
    expect(await refusal(w.callers.admin.user.create({ name: "Fjerde", roles: ["STAFF"] }))).toEqual({ code: "BAD_REQUEST", message: "adm.error.noWayToSignIn" });
    expect(await prisma().user.count({ where: { name: { in: ["Andre", "Tredje", "Fjerde"] } } })).toBe(0);
  });

  it("the message over HTTP is Norwegian words, not a key", async () => {
    const w = await createPlanWorld(t.db);
    const server = await startServer(t.db);
    try {
      const { token } = await createSession(prisma(), w.people.admin.id);
      const response = await fetch(`${server.origin}/api/trpc/user.create`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.origin, cookie: `ip_session=${token}` },
        body: JSON.stringify({ name: "Dobbel", email: w.people.owner.email, roles: ["STAFF"] }),
      });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain("Det finnes allerede en konto med e-postadressen");
    } finally {
      await server.close();
    }
  });

  it("lets a first password be given only where the municipality allows password sign-in", async () => {
    const w = await createPlanWorld(t.db);
    const withPassword = await w.callers.admin.user.create({ name: "Med Passord", email: "med@eksempel.no", roles: ["STAFF"], password: "et-godt-passord" });
    expect((await prisma().user.findUniqueOrThrow({ where: { id: withPassword.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    await prisma().municipality.update({ where: { id: w.home.id }, data: { passwordSignIn: false } });
    expect(await outcome(w.callers.admin.user.create({ name: "Uten", email: "uten@eksempel.no", roles: ["STAFF"], password: "et-godt-passord" }))).toBe("BAD_REQUEST");
  });

  it("does not let the administrator lock themselves out", async () => {
    const w = await createPlanWorld(t.db);
    const me = w.people.admin.id;
    expect(await outcome(w.callers.admin.user.deactivate({ userId: me }))).toBe("BAD_REQUEST");
    expect(await outcome(w.callers.admin.user.update({ userId: me, name: "Meg", roles: ["KE_LEADER"], email: w.people.admin.email }))).toBe("BAD_REQUEST");
    const me2 = await prisma().user.findUniqueOrThrow({ where: { id: me }, include: { roles: true } });
    expect(me2.active).toBe(true);
    expect(me2.roles.map((r) => r.role)).toEqual(["ADMIN"]);
    // Adding a role to oneself ends one's other sessions, not the one in use.
    const other = await createSession(prisma(), me);
    await w.callers.admin.user.update({ userId: me, name: "Meg", roles: ["ADMIN", "KE_LEADER"], email: w.people.admin.email });
    expect(await prisma().session.findUnique({ where: { id: other.session.id } })).toBeNull();
    expect(await w.callers.admin.user.list()).not.toHaveLength(0);
  });

  it("a change of roles ends the person's sessions; other changes do not", async () => {
    const w = await createPlanWorld(t.db);
    const who = w.people.staffOutside;
    const sessions = () => prisma().session.count({ where: { userId: who.id } });
    expect(await sessions()).toBe(1);
    await w.callers.admin.user.update({ userId: who.id, name: "Per Utenfor", title: "Fysioterapeut", email: who.email, unitId: w.unit.id, roles: ["STAFF", "COORDINATOR"] });
    expect(await sessions()).toBe(1);
    const result = await w.callers.admin.user.update({ userId: who.id, name: "Per Utenfor", email: who.email, unitId: w.unit.id, roles: ["STAFF"] });
    expect(result.rolesChanged).toBe(true);
    expect(await sessions()).toBe(0);
  });
});

describe("a new identity number", () => {
  it("removes the person's bindings to identity providers and ends their sessions; the same number changes nothing", async () => {
    const w = await createPlanWorld(t.db);
    const who = w.people.staffOutside;
    const first = makeIdentityNumber("1970-07-07", 700, { synthetic: true });
    const second = makeIdentityNumber("1971-07-07", 700, { synthetic: true });
    const provider = await w.callers.admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: null });
    const edit = (identityNumber?: string) => w.callers.admin.user.update({ userId: who.id, name: who.name, email: who.email, roles: ["STAFF"], identityNumber });
    await prisma().userRole.deleteMany({ where: { userId: who.id } });
    await prisma().userRole.create({ data: { userId: who.id, role: "STAFF" } });
    await edit(first);
    // Signed in through the provider, bound to the subject it gave for the first number.
    await prisma().userIdentity.create({ data: { userId: who.id, providerId: provider.id, subject: "subjekt-1" } });
    await prisma().session.deleteMany({ where: { userId: who.id } });
    await createSession(prisma(), who.id);
    const bindings = () => prisma().userIdentity.count({ where: { userId: who.id } });
    const sessions = () => prisma().session.count({ where: { userId: who.id } });
    const ended: unknown[] = [];
    const stop = events.on("auth.sessionsEnded", (e) => ended.push(e));
    try {
      await edit(first);
      await edit(undefined);
      expect([await bindings(), await sessions(), ended]).toEqual([1, 1, []]);

      await edit(second);
      expect([await bindings(), await sessions()]).toEqual([0, 0]);
      expect(ended).toEqual([{ userId: who.id, sessionIds: "all" }]);
      const row = await prisma().user.findUniqueOrThrow({ where: { id: who.id } });
      expect(row.identityEnc && unseal(row.identityEnc)).toBe(second);
      const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "user.update", targetId: who.id }, orderBy: { createdAt: "desc" } });
      expect(audit.details).toEqual({ fields: ["identityNumber"] });
    } finally {
      stop();
    }
  });
});

describe("a refused form on the administration's pages", () => {
  it("never sends an identity number or a first password back into the page", async () => {
    const w = await createPlanWorld(t.db);
    const { auth, caller } = await signIn(t.db, w.people.admin.id);
    const context = { caller, user: auth.user, lang: "nb", cspNonce: "", describeError: (e: unknown) => describeUnknownError(e, "nb") } as unknown as AppLoadContext;
    const fnr = makeIdentityNumber("1988-08-08", 500, { synthetic: true });
    const form = new FormData();
    // A taken address: the procedure refuses the whole form (CONFLICT).
    for (const [name, value] of [["name", "Nina Ny"], ["email", w.people.owner.email!], ["identityNumber", fnr], ["password", "et-hemmelig-passord"], ["roles", "STAFF"], ["roles", "COORDINATOR"]]) {
      form.append(name!, value!);
    }
    const response = await createUserAction({ context, request: new Request("http://localhost/admin/brukere/ny", { method: "POST", body: form }), params: {} });
    expect(response.status).toBe(409);
    const body = await response.text();
    expect(body).not.toContain(fnr);
    expect(body).not.toContain("et-hemmelig-passord");
    // What else the person typed comes back.
    expect(JSON.parse(body)).toMatchObject({ ok: false, values: { name: "Nina Ny", email: w.people.owner.email, "roles[]": "STAFF\nCOORDINATOR" } });
  });
});

describe("a lost authenticator", () => {
  it("resets the second factor: key, recovery codes and waiting sign-ins gone, sessions ended, audited", async () => {
    const w = await createPlanWorld(t.db);
    const person = w.people.staffOutside.id;
    await prisma().user.update({ where: { id: person }, data: { totpKeyEnc: "v1:sealed-key", totpEnabledAt: new Date(), totpLastStep: 123 } });
    await prisma().recoveryCode.create({ data: { userId: person, codeHash: "a".repeat(64) } });
    await prisma().pendingSignIn.create({ data: { id: "b".repeat(64), userId: person, expiresAt: new Date(Date.now() + 60_000) } });
    await createSession(prisma(), person);
    expect((await w.callers.admin.user.byId({ userId: person })).hasSecondFactor).toBe(true);

    await w.callers.admin.user.resetSecondFactor({ userId: person });
    expect(await prisma().user.findUniqueOrThrow({ where: { id: person } })).toMatchObject({ totpKeyEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(await prisma().recoveryCode.count({ where: { userId: person } })).toBe(0);
    expect(await prisma().pendingSignIn.count({ where: { userId: person } })).toBe(0);
    expect(await prisma().session.count({ where: { userId: person } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { action: "user.second_factor_reset", targetId: person } })).toBe(1);
    // Nothing left to reset: a clear refusal, not a second row.
    expect(await outcome(w.callers.admin.user.resetSecondFactor({ userId: person }))).toBe("BAD_REQUEST");
  });
});

describe("units", () => {
  it("creates, renames, closes and reopens a unit, names and removes leaders; a closed unit takes nobody new", async () => {
    const w = await createPlanWorld(t.db);
    const admin = w.callers.admin;
    const unit = await admin.unit.create({ name: "Barne- og familietjenesten" });
    expect(await outcome(admin.unit.create({ name: "barne- og familietjenesten" }))).toBe("CONFLICT");
    await admin.unit.update({ unitId: unit.id, name: "Familietjenesten" });
    expect(await outcome(admin.unit.update({ unitId: unit.id, name: "Hjemmetjenesten" }))).toBe("CONFLICT");

    const leader = w.people.staffOutside;
    await admin.unit.update({ unitId: unit.id, leaderIds: [leader.id] });
    expect(await prisma().userRole.findMany({ where: { userId: leader.id, role: "UNIT_LEADER" }, select: { unitId: true } })).toEqual([{ unitId: unit.id }]);
    expect(await prisma().session.count({ where: { userId: leader.id } })).toBe(0);
    const [listed] = (await admin.unit.list({ includeClosed: true })).filter((u) => u.id === unit.id);
    expect(listed!.leaders).toEqual([{ id: leader.id, name: leader.name }]);

    // The names a measure's unit is chosen from: the open units, as the list has them.
    const open = (await admin.unit.list()).map((u) => ({ id: u.id, name: u.name }));
    expect(await w.callers.coordinator.unit.names()).toEqual(open);
    expect(open.map((u) => u.id)).toContain(unit.id);
    expect(await outcome(w.callers.owner.unit.names())).toBe("FORBIDDEN");
    await admin.unit.update({ unitId: unit.id, closed: true });
    expect((await admin.unit.list()).map((u) => u.id)).not.toContain(unit.id);
    expect((await w.callers.coordinator.unit.names()).map((u) => u.id)).not.toContain(unit.id);
    expect(await outcome(admin.user.create({ name: "Nina", email: "nina@eksempel.no", roles: ["STAFF"], unitId: unit.id }))).toBe("BAD_REQUEST");
    expect(await outcome(admin.unit.update({ unitId: unit.id, leaderIds: [leader.id, w.people.coordinator.id] }))).toBe("BAD_REQUEST");
    // Removing a leader is fine while closed; reopening takes people again.
    await admin.unit.update({ unitId: unit.id, leaderIds: [] });
    expect(await prisma().userRole.count({ where: { userId: leader.id, role: "UNIT_LEADER" } })).toBe(0);
    await admin.unit.update({ unitId: unit.id, closed: false });
    await admin.user.create({ name: "Nina", email: "nina@eksempel.no", roles: ["STAFF"], unitId: unit.id });

    const actions = (await prisma().auditEvent.findMany({ where: { targetId: unit.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["unit.create", "unit.update", "unit.update", "unit.update", "unit.update", "unit.update"]);
  });
});

describe("importing staff from CSV", () => {
  it("previews a file with bad lines: every line's errors, and nothing saved, not even by a commit", async () => {
    const w = await createPlanWorld(t.db);
    const good = makeIdentityNumber("1980-05-05", 300, { synthetic: true });
    const csv = [
      "\uFEFFnavn;e-post;fødselsnummer;telefon;stilling;enhet;roller",
      `Ola Olsen;ola@eksempel.no;${good};;Sykepleier;Hjemmetjenesten;Fagperson`,
      ";uten-navn@eksempel.no;;;;;",
      "Kari Feil;ikke-en-adresse;;;;;",
      `Per Dobbel;OLA@eksempel.no;;;;Finnes ikke;Koordinator|Superhelt`,
      `Eva Eksisterende;${w.people.owner.email};12345678901;;;;Administrator`,
      `Tor Leder;tor@eksempel.no;;;;;Enhetsleder`,
    ].join("\r\n");
    const before = await fingerprint();
    const preview = await w.callers.admin.user.import({ mode: "preview", csv });
    expect(preview.valid).toBe(false);
    expect(preview.saved).toBe(0);
    const errors = Object.fromEntries(preview.lines.map((l) => [l.line, l.errors.map((e) => e.key)]));
    expect(errors).toEqual({
      2: [],
      3: ["adm.import.nameMissing"],
      4: ["adm.import.emailInvalid"],
      5: ["adm.import.unitUnknown", "adm.import.roleUnknown", "adm.import.emailTwice"],
      6: ["identity.problem.checkDigit", "adm.import.roleNotAllowed", "adm.import.emailTaken"],
      7: ["adm.import.leaderNeedsUnit"],
    });
    expect(preview.lines[0]).toMatchObject({ name: "Ola Olsen", unit: "Hjemmetjenesten", roles: ["STAFF"], identityMasked: `${good.slice(0, 6)} *****` });
    expect(JSON.stringify(preview)).not.toContain(good);
    expect(await fingerprint()).toEqual(before);

    // Committing the same file is refused whole, with the preview to show.
    const refused = await w.callers.admin.user.import({ mode: "commit", sealedCsv: preview.sealedCsv! }).then(
      () => null,
      (error: { code?: string; message?: string; details?: { preview?: { lines: unknown[] } } }) => error,
    );
    expect(refused?.code).toBe("BAD_REQUEST");
    expect(refused?.message).toBe("adm.import.notSaved");
    expect(refused?.details?.preview?.lines).toHaveLength(6);
    expect(await fingerprint()).toEqual(before);
  });

  it("reports what is wrong with the file itself", async () => {
    const w = await createPlanWorld(t.db);
    const keys = async (csv: string) => (await w.callers.admin.user.import({ mode: "preview", csv })).fileErrors.map((e) => e.key);
    expect(await keys("fornavn;e-post\nOla;ola@eksempel.no")).toEqual(["adm.import.unknownColumn", "adm.import.nameColumnMissing"]);
    expect(await keys("navn;telefon\nOla;123")).toEqual(["adm.import.signInColumnMissing"]);
    expect(await keys("navn;e-post\n")).toEqual(["adm.import.empty"]);
    expect(await keys('navn;e-post\n"Ola;ola@eksempel.no')).toEqual(["adm.import.unterminatedQuote"]);
  });

  it("saves every line of a good file in one go, with one audit row", async () => {
    const w = await createPlanWorld(t.db);
    const fnr = makeIdentityNumber("1975-11-30", 400, { synthetic: true });
    // Comma-separated, quoted fields with the separator inside, LF line ends, a byte-order mark.
    const csv = [
      "\uFEFFNavn,E-post,Fødselsnummer,Enhet,Roller",
      `"Hansen, Lise",lise@eksempel.no,,Hjemmetjenesten,"Fagperson, Koordinator"`,
      `Jon Jonsen,,${fnr},hjemmetjenesten,Enhetsleder`,
      `"Sara ""Sassa"" Berg",sara@eksempel.no,,,`,
      "",
    ].join("\n");
    const preview = await w.callers.admin.user.import({ mode: "preview", csv });
    expect(preview.lines.map((l) => l.errors)).toEqual([[], [], []]);
    expect(preview.valid).toBe(true);
    const auditsBefore = await prisma().auditEvent.count();
    const result = await w.callers.admin.user.import({ mode: "commit", sealedCsv: preview.sealedCsv! });
    expect(result.saved).toBe(3);
    const people = await prisma().user.findMany({
      where: { name: { in: ["Hansen, Lise", "Jon Jonsen", 'Sara "Sassa" Berg'] } },
      orderBy: { name: "asc" },
      include: { roles: { select: { role: true, unitId: true } } },
    });
    expect(people.map((p) => [p.name, p.email, p.unitId, p.roles.map((r) => r.role).sort(), p.passwordHash])).toEqual([
      ["Hansen, Lise", "lise@eksempel.no", w.unit.id, ["COORDINATOR", "STAFF"], null],
      ["Jon Jonsen", null, w.unit.id, ["UNIT_LEADER"], null],
      ['Sara "Sassa" Berg', "sara@eksempel.no", null, ["STAFF"], null],
    ]);
    expect(people[1]!.roles[0]!.unitId).toBe(w.unit.id);
    expect(people[1]!.identityEnc && unseal(people[1]!.identityEnc)).toBe(fnr);
    const audits = await prisma().auditEvent.findMany({ where: { action: "user.import" } });
    expect(audits).toHaveLength(1);
    expect(await prisma().auditEvent.count()).toBe(auditsBefore + 1);
    expect(audits[0]!.details).toMatchObject({ count: 3 });
    // The same file again: everyone is there already, nothing more is saved.
    const again = await w.callers.admin.user.import({ mode: "preview", csv });
    expect(again.lines.every((l) => l.errors.some((e) => e.key === "adm.import.emailTaken" || e.key === "adm.import.identityTaken"))).toBe(true);
  });
});

describe("the import's file between preview and saving", () => {
  const fnr = makeIdentityNumber("1979-02-02", 600, { synthetic: true });
  const csv = `navn;e-post;fødselsnummer;enhet\nLise Lund;lise.lund@eksempel.no;${fnr};Hjemmetjenesten\n`;

  it("comes back sealed, never with an identity number in clear, and is saved from the sealed form", async () => {
    const w = await createPlanWorld(t.db);
    const preview = await w.callers.admin.user.import({ mode: "preview", csv });
    expect(preview.valid).toBe(true);
    expect(preview.lines[0]!.identityMasked).toBe(`${fnr.slice(0, 6)} *****`);
    expect(JSON.stringify(preview)).not.toContain(fnr);
    expect(JSON.stringify(preview)).not.toContain("lise.lund@eksempel.no;");
    expect(preview.sealedCsv).toMatch(/^v1:/);

    const result = await w.callers.admin.user.import({ mode: "commit", sealedCsv: preview.sealedCsv! });
    expect(result.saved).toBe(1);
    const saved = await prisma().user.findUniqueOrThrow({ where: { email: "lise.lund@eksempel.no" } });
    expect(saved.identityEnc && unseal(saved.identityEnc)).toBe(fnr);
  });

  it("refuses a sealed file that was changed, or sealed for another municipality, in words (400, never a 500)", async () => {
    const w = await createPlanWorld(t.db);
    const { sealedCsv } = await w.callers.admin.user.import({ mode: "preview", csv });
    const flipped = `${sealedCsv!.slice(0, 10)}${sealedCsv![10] === "A" ? "B" : "A"}${sealedCsv!.slice(11)}`;
    const awayAdmin = await createUser(prisma(), { municipalityId: w.other.id, roles: ["ADMIN"] });
    const { caller } = await signIn(t.db, awayAdmin.id);
    const before = await fingerprint();
    for (const tampered of [flipped, "v1:", "v2:abc", "ikke forseglet", seal("navn;e-post\nNina;nina@eksempel.no")]) {
      await expect(w.callers.admin.user.import({ mode: "commit", sealedCsv: tampered }), tampered.slice(0, 20)).rejects.toMatchObject({ code: "BAD_REQUEST", message: "adm.import.sealedInvalid" });
    }
    // Another municipality's administrator cannot save this one's file into theirs.
    await expect(caller.user.import({ mode: "commit", sealedCsv: sealedCsv! })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "adm.import.sealedInvalid" });
    expect(await fingerprint()).toEqual(before);

    // Over HTTP: 400 with the Norwegian words.
    const server = await startServer(t.db);
    try {
      const { token } = await createSession(prisma(), w.people.admin.id);
      const response = await fetch(`${server.origin}/api/trpc/user.import`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.origin, cookie: `ip_session=${token}` },
        body: JSON.stringify({ mode: "commit", sealedCsv: flipped }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Forhåndsvisningen kunne ikke leses");
    } finally {
      await server.close();
    }
  });

  it("the page empties the text field and holds the file only sealed", async () => {
    const w = await createPlanWorld(t.db);
    const { auth, caller } = await signIn(t.db, w.people.admin.id);
    const context = { caller, user: auth.user, lang: "nb", cspNonce: "", describeError: (e: unknown) => describeUnknownError(e, "nb") } as unknown as AppLoadContext;
    const post = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return importAction({ context, request: new Request("http://localhost/admin/import", { method: "POST", body: form }), params: {} });
    };
    const previewed = await post({ intent: "preview", csv });
    expect(previewed.status).toBe(200);
    const body = await previewed.text();
    expect(body).not.toContain(fnr);
    const answer = JSON.parse(body) as { csv?: string; preview: { sealedCsv: string; lines: { identityMasked: string }[] } };
    expect(answer.csv).toBeUndefined();
    expect(answer.preview.lines[0]!.identityMasked).toBe(`${fnr.slice(0, 6)} *****`);

    const tampered = await post({ intent: "commit", sealedCsv: `${answer.preview.sealedCsv}x` });
    expect(tampered.status).toBe(400);
    const committed = await post({ intent: "commit", sealedCsv: answer.preview.sealedCsv });
    expect(committed.status).toBe(302);
    expect(committed.headers.get("Location")).toBe("/admin/import?importert=1");
  });

  it("a person saved by someone else meanwhile is a refusal in words, not a 500", async () => {
    const w = await createPlanWorld(t.db);
    const { sealedCsv } = await w.callers.admin.user.import({ mode: "preview", csv });
    // Between the check in the commit and its insert: the same address arrives from elsewhere.
    await prisma().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_race() RETURNS trigger AS $$
      BEGIN
        IF NEW.email = 'lise.lund@eksempel.no' AND NEW.name = 'Lise Lund' THEN
          INSERT INTO "User" (id, "municipalityId", name, email, "updatedAt") VALUES (gen_random_uuid()::text, NEW."municipalityId", 'Kom først', 'lise.lund@eksempel.no', now());
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await prisma().$executeRawUnsafe(`CREATE TRIGGER test_race BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION test_race()`);
    try {
      await expect(w.callers.admin.user.import({ mode: "commit", sealedCsv: sealedCsv! })).rejects.toMatchObject({ code: "CONFLICT", message: "adm.error.emailTakenPlain" });
    } finally {
      await prisma().$executeRawUnsafe(`DROP TRIGGER test_race ON "User"`);
      await prisma().$executeRawUnsafe(`DROP FUNCTION test_race()`);
    }
    expect(await prisma().user.count({ where: { email: "lise.lund@eksempel.no" } })).toBe(0);
  });
});

describe("a provider's new issuer or client", () => {
  it("removes the bindings made through it and ends the sessions it opened (but the administrator's own); a new name changes nothing", async () => {
    const w = await createPlanWorld(t.db);
    const admin = w.callers.admin;
    const provider = await admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: null });
    const other = await admin.identityProvider.create({ ...PROVIDER, slug: "entra", issuer: "https://login.microsoftonline.com/x/v2.0", clientSecret: null });
    const [owner, staff] = [w.people.owner.id, w.people.staffOutside.id];
    await prisma().userIdentity.createMany({
      data: [
        { userId: owner, providerId: provider.id, subject: "a" },
        { userId: staff, providerId: provider.id, subject: "b" },
        { userId: staff, providerId: other.id, subject: "c" },
      ],
    });
    await prisma().session.deleteMany({ where: { userId: { in: [owner, staff] } } });
    const through = await createSession(prisma(), owner, {}, new Date(), provider.id);
    const byPassword = await createSession(prisma(), owner);
    const staffThrough = await createSession(prisma(), staff, {}, new Date(), provider.id);
    const staffOther = await createSession(prisma(), staff, {}, new Date(), other.id);
    // The administrator signed in through it too: the change keeps the session making it.
    await prisma().session.updateMany({ where: { userId: w.people.admin.id }, data: { providerId: provider.id } });
    const adminSessions = await prisma().session.count({ where: { userId: w.people.admin.id } });

    const state = async () => ({
      bindings: (await prisma().userIdentity.findMany({ orderBy: { subject: "asc" }, select: { subject: true } })).map((b) => b.subject),
      sessions: (await prisma().session.findMany({ where: { userId: { in: [owner, staff] } }, select: { id: true } })).map((x) => x.id).sort(),
      admin: await prisma().session.count({ where: { userId: w.people.admin.id } }),
    });
    const ended: { userId: string; sessionIds: string[] | "all" }[] = [];
    const stop = events.on("auth.sessionsEnded", (e) => ended.push(e));
    try {
      const before = await state();
      await admin.identityProvider.update({ ...PROVIDER, providerId: provider.id, name: "HelseID ansatte" });
      expect(await state()).toEqual(before);
      expect(ended).toEqual([]);

      await admin.identityProvider.update({ ...PROVIDER, providerId: provider.id, issuer: "https://helseid-sts.nhn.no" });
      expect(await state()).toEqual({ bindings: ["c"], sessions: [byPassword.session.id, staffOther.session.id].sort(), admin: adminSessions });
      expect(ended.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
        [
          { userId: owner, sessionIds: [through.session.id] },
          { userId: staff, sessionIds: [staffThrough.session.id] },
        ].sort((a, b) => a.userId.localeCompare(b.userId)),
      );
      const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "identityProvider.update", targetId: provider.id }, orderBy: { createdAt: "desc" } });
      expect(audit.details).toMatchObject({ fields: ["name", "issuer"], bindingsRemoved: 2, sessionsEnded: 2 });

      // A new client id is another client as well.
      await prisma().userIdentity.create({ data: { userId: owner, providerId: provider.id, subject: "d" } });
      await admin.identityProvider.update({ ...PROVIDER, providerId: provider.id, issuer: "https://helseid-sts.nhn.no", clientId: "ip-portal-2" });
      expect((await state()).bindings).toEqual(["c"]);
    } finally {
      stop();
    }
  });
});

describe("municipality settings and identity providers", () => {
  it("saves the settings; password sign-in goes off only with an enabled staff provider", async () => {
    const w = await createPlanWorld(t.db);
    const admin = w.callers.admin;
    const settings = { name: "Nykommune", contactEmail: "KE@nykommune.no", contactPhone: "12 34 56 78", mailFrom: "ikke-svar@nykommune.no", passwordSignIn: false };
    expect(await outcome(admin.municipality.updateSettings(settings))).toBe("BAD_REQUEST");
    await admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: "s3cret" });
    const saved = await admin.municipality.updateSettings(settings);
    expect(saved).toMatchObject({ name: "Nykommune", contactEmail: "ke@nykommune.no", passwordSignIn: false });
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "municipality.update" } });
    expect(audit.details).toEqual({ fields: ["name", "contactEmail", "contactPhone", "mailFrom", "passwordSignIn"] });
  });

  it("never returns a provider's client secret, stores it sealed, and refuses a taken short name", async () => {
    const w = await createPlanWorld(t.db);
    const admin = w.callers.admin;
    const created = await admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: "veldig-hemmelig" });
    expect(JSON.stringify(created)).not.toContain("veldig-hemmelig");
    expect(created).toMatchObject({ hasClientSecret: true, source: "admin" });
    expect(created).not.toHaveProperty("clientSecretEnc");
    const row = await prisma().identityProvider.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.clientSecretEnc).not.toContain("veldig-hemmelig");
    expect(unseal(row.clientSecretEnc!)).toBe("veldig-hemmelig");
    const listed = await admin.identityProvider.list();
    expect(JSON.stringify(listed)).not.toMatch(/veldig-hemmelig|clientSecretEnc/);
    // Keeping, replacing and removing the secret.
    await admin.identityProvider.update({ ...PROVIDER, providerId: created.id, name: "HelseID ansatte" });
    expect((await prisma().identityProvider.findUniqueOrThrow({ where: { id: created.id } })).clientSecretEnc).toBe(row.clientSecretEnc);
    await admin.identityProvider.update({ ...PROVIDER, providerId: created.id, removeClientSecret: true });
    expect((await prisma().identityProvider.findUniqueOrThrow({ where: { id: created.id } })).clientSecretEnc).toBeNull();
    const audits = await prisma().auditEvent.findMany({ where: { targetId: created.id } });
    expect(JSON.stringify(audits)).not.toContain("veldig-hemmelig");

    expect(await outcome(admin.identityProvider.create({ ...PROVIDER, slug: "helseid", clientSecret: null }))).toBe("CONFLICT");
    expect(await outcome(admin.identityProvider.create({ ...PROVIDER, slug: "usikker", issuer: "http://idp.eksempel.no", clientSecret: null }))).toBe("BAD_REQUEST");
    expect(await outcome(admin.identityProvider.create({ ...PROVIDER, slug: "feil-acr", requiredAcr: "Level5", clientSecret: null }))).toBe("BAD_REQUEST");
    // A provider from the environment is changed there.
    await prisma().identityProvider.update({ where: { id: created.id }, data: { source: "env" } });
    expect(await outcome(admin.identityProvider.update({ ...PROVIDER, providerId: created.id }))).toBe("BAD_REQUEST");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("live connections on two instances with Redis", () => {
  const redis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const processes: ServerProcess[] = [];
  const sockets: Socket[] = [];
  const texts: TextClient[] = [];
  let local: Awaited<ReturnType<typeof startServer>> | undefined;

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of texts.splice(0)) await c.close();
    await local?.close();
    local = undefined;
    for (const p of processes.splice(0)) await p.stop();
  });

  /** The person on both instances: a live socket on each, and a co-edited text open on each. */
  async function connectEverywhere(w: PlanWorld, who: Who, origins: string[]) {
    const name = `measure:${w.measure.id}:description`;
    const connections = [];
    for (const origin of origins) {
      const { token } = await createSession(prisma(), w.people[who].id);
      const socket = connect(origin, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: `ip_session=${token}` }, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const text = openText(origin, token, name);
      texts.push(text);
      await until(() => text.provider.isSynced, `${who}'s text on ${origin}`);
      connections.push({ socket, text });
    }
    return connections.map(({ socket, text }) => ({
      socketClosed: new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now()))),
      textClosed: until(() => text.state.closed > 0 || text.state.failed !== null, "text closed", 5_000).then(() => Date.now()),
    }));
  }

  async function startInstances() {
    const [one, two] = await Promise.all([startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis }), startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis })]);
    processes.push(one, two);
    // The administrator acts in this process: its server relays the event through Redis.
    local = await startServer(t.db, { REDIS_URL: redis });
    return [one.origin, two.origin];
  }

  it("deactivating a person closes their socket.io connections and co-edited texts on both instances within a second", async () => {
    const w = await createPlanWorld(t.db);
    const origins = await startInstances();
    // Jonas is responsible for the measure: he writes in its description.
    const closed = await connectEverywhere(w, "staffInGroup", origins);
    const started = Date.now();
    await w.callers.admin.user.deactivate({ userId: w.people.staffInGroup.id });
    const times = await Promise.all(closed.flatMap((c) => [c.socketClosed, c.textClosed]));
    expect(times.map((at) => at - started).every((ms) => ms < 1_000), `closed after ${times.map((at) => at - started).join(", ")} ms`).toBe(true);
  }, 60_000);

  it("changing a person's roles does the same", async () => {
    const w = await createPlanWorld(t.db);
    const origins = await startInstances();
    const closed = await connectEverywhere(w, "coordinator", origins);
    const started = Date.now();
    await w.callers.admin.user.update({ userId: w.people.coordinator.id, name: w.people.coordinator.name, email: w.people.coordinator.email, unitId: w.unit.id, roles: ["STAFF", "COORDINATOR", "KE_CASE_OFFICER"] });
    const times = await Promise.all(closed.flatMap((c) => [c.socketClosed, c.textClosed]));
    expect(times.map((at) => at - started).every((ms) => ms < 1_000), `closed after ${times.map((at) => at - started).join(", ")} ms`).toBe(true);
  }, 60_000);
});
