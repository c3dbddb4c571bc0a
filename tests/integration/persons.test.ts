import { describe, expect, it } from "vitest";
import { makeIdentityNumber } from "../../app/domain/identity-number.ts";
import { todayInOslo } from "../../app/domain/oslo-time.ts";
import { conflictOfConcurrentGrant } from "../../server/cases/grant.ts";
import { translate } from "../../server/i18n.ts";
import { identityHash } from "../../server/identity/protect.ts";
import type { DomainTRPCError } from "../../server/trpc/errors.ts";
import { resolvePlanAccess } from "../../server/plans/access.ts";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { TEST_RESIDENTS } from "../../server/test-idp/persons.ts";
import { startTestProviders } from "../../server/test-idp/register.ts";
import { signIn, startServer } from "./helpers.ts";
import { signInThroughProvider, TestBrowser } from "./oidc-browser.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";
import { uniqueViolation } from "../../server/db/unique.ts";

// Persons by identity number in cases (issue 12, parts 4 and 5): the number is checked, sealed,
// hashed and shown masked; granting an IP links to the person's open plan or makes the person and
// the plan; a child's plan names the parents as representatives.

const t = useTestDatabase();
const prisma = () => t.db.prisma;

/** A date `years` years (and `days` days) before today in Oslo. */
function yearsAgo(years: number, days = 0): string {
  const [y, m, d] = todayInOslo().split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d - days));
  return date.toISOString().slice(0, 10);
}

const ADULT = makeIdentityNumber("1990-05-17", 123);
const openPlansOf = (ownerId: string) => prisma().plan.count({ where: { ownerId, type: "IP", status: { in: ["DRAFT", "ACTIVE"] } } });

/** A paper application the coordinating unit registers for someone by name and identity number. */
function registerPaperCase(w: PlanWorld, subjectName: string, identityNumber?: string) {
  return w.callers.caseOfficer.case.create({
    type: "IP_APPLICATION",
    channel: "PAPER",
    subjectName,
    subjectIdentityNumber: identityNumber,
    description: "Søknad om individuell plan kom i posten.",
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
}

/** Gives a person with an account an identity number, as their sign-in with ID-porten would. */
async function withIdentity(userId: string, value: string) {
  const { protectIdentityNumber } = await import("../../server/identity/protect.ts");
  await prisma().user.update({ where: { id: userId }, data: protectIdentityNumber(value) });
}

describe("identity numbers in cases", () => {
  it("are checked: a wrong one is refused with what is wrong, and nothing is stored", async () => {
    const w = await createPlanWorld(t.db);
    const wrongCheckDigit = `${ADULT.slice(0, 10)}${(Number(ADULT[10]) + 1) % 10}`;
    const refused = await registerPaperCase(w, "Jakob Hansen", wrongCheckDigit).catch((error: unknown) => error as DomainTRPCError);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", messageKey: "identity.problem.checkDigit" });
    // What the person reads (the edge translates the key).
    expect(translate("nb", (refused as DomainTRPCError).messageKey)).toBe("Fødselsnummeret er ikke gyldig. Sjekk at alle sifrene er riktige.");
    await expect(registerPaperCase(w, "Jakob Hansen", "1234")).rejects.toMatchObject({ messageKey: "identity.problem.format" });
    await expect(registerPaperCase(w, "Jakob Hansen", makeIdentityNumber("1990-02-28", 123).replace(/^28/, "30"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await prisma().case.count()).toBe(0);
  });

  it("are stored sealed and hashed, shown masked (first six digits), and never in clear in the answer", async () => {
    const w = await createPlanWorld(t.db);
    const created = await registerPaperCase(w, "Jakob Hansen", `${ADULT.slice(0, 6)} ${ADULT.slice(6)}`);
    const stored = await prisma().case.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.subjectIdentityHash).toBe(identityHash(ADULT));
    expect(stored.subjectIdentityEnc).toMatch(/^v1:/);
    expect(stored.subjectIdentityEnc).not.toContain(ADULT);
    const view = await w.callers.caseOfficer.case.byId({ caseId: created.id });
    expect(view.internal?.subjectIdentity).toBe(`${ADULT.slice(0, 6)} *****`);
    expect(JSON.stringify(view)).not.toContain(ADULT);
    expect(JSON.stringify(created)).not.toContain(ADULT);
    expect(JSON.stringify(await w.callers.caseOfficer.case.list({ status: "ALL" }))).not.toContain(ADULT);
    // The audit row says what happened, not the number.
    const audit = await prisma().auditEvent.findMany({ where: { targetId: created.id } });
    expect(JSON.stringify(audit)).not.toContain(ADULT);
  });

  it("a relative's application with the person's number finds the person: they see the case, the relative learns nothing of them", async () => {
    const w = await createPlanWorld(t.db);
    const nina = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"], name: "Nina Nilsen" });
    await withIdentity(nina.id, ADULT);
    const c = await w.callers.relativeWithConsent.case.create({ type: "IP_APPLICATION", subjectName: "Søsteren min", subjectIdentityNumber: ADULT, description: "Søker for søsteren min." });
    expect((await prisma().case.findUniqueOrThrow({ where: { id: c.id } })).subjectUserId).toBe(nina.id);
    expect(c.subjectName).toBe("Søsteren min");
    const ninasCases = await (await signIn(t.db, nina.id)).caller.case.mine();
    expect(ninasCases.map((x) => x.id)).toEqual([c.id]);
    // A number that is not the linked person's is refused.
    const other = makeIdentityNumber("1985-01-02", 200);
    await expect(w.callers.caseOfficer.case.create({ type: "COMPLAINT", channel: "PHONE", subjectUserId: nina.id, subjectIdentityNumber: other, description: "Klage på telefon." })).rejects.toMatchObject({
      messageKey: "casePerson.identityMismatch",
    });
    // … and a case with a number is not linked by hand to someone with another number.
    const byNumber = await registerPaperCase(w, "Ola Annen", other);
    await expect(w.callers.caseOfficer.case.linkSubject({ caseId: byNumber.id, version: 1, userId: nina.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "casePerson.identityMismatch",
    });
  });
});

describe("granting an individual plan", () => {
  it("for a person with an active plan leaves exactly one active plan: the case is linked to it", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "IP_APPLICATION", description: "Jeg søker om individuell plan igjen." });
    // The case page shows what the person already has.
    const before = await w.callers.caseOfficer.case.byId({ caseId: c.id });
    expect(before.internal?.personRecords.plans.map((p) => p.id)).toEqual([w.plan.id]);
    expect(before.internal?.openPlanId).toBe(w.plan.id);

    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Du har allerede en plan; saken knyttes til den." });
    expect(decided).toMatchObject({ planId: w.plan.id, planLinked: true, planCreated: false });
    expect(await openPlansOf(w.people.owner.id)).toBe(1);
    expect(await prisma().plan.count({ where: { ownerId: w.people.owner.id } })).toBe(1);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: c.id } })).planId).toBe(w.plan.id);
    // No coordinator case: the plan has its coordinator.
    expect(await prisma().case.count({ where: { type: "COORDINATOR_REQUEST" } })).toBe(0);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "case.decide", targetId: c.id } });
    expect(audit.details).toMatchObject({ planCreated: false, planLinked: true, personCreated: false });
    // "Min plan" still shows the one plan.
    expect((await w.callers.owner.plan.mine()).map((p) => p.id)).toEqual([w.plan.id]);
  });

  it("the database holds the rule too: a second open IP for the same person cannot be written", async () => {
    const w = await createPlanWorld(t.db);
    const refused = await prisma()
      .plan.create({ data: { municipalityId: w.home.id, ownerId: w.people.owner.id, status: "DRAFT" } })
      .then(() => null, (error: unknown) => error);
    // The shape of the refusal is the driver's (P2002 on PostgreSQL, 23505 through PGlite's adapter).
    expect(uniqueViolation(refused)).toMatchObject({ model: "Plan" });
    // … which a grant that loses the race answers as a CONFLICT in words, not a 500.
    expect(conflictOfConcurrentGrant(refused)).toMatchObject({ code: "CONFLICT", messageKey: "casePerson.planConcurrent" });
    const sameNumber = await prisma()
      .user.create({ data: { municipalityId: w.home.id, name: "To", identityHash: "x" } })
      .then(() => prisma().user.create({ data: { municipalityId: w.home.id, name: "Tre", identityHash: "x" } }))
      .then(() => null, (error: unknown) => error);
    expect(conflictOfConcurrentGrant(sameNumber)).toMatchObject({ code: "CONFLICT", messageKey: "casePerson.personConcurrent" });
    // A closed plan, or a plan of another kind, is not an open IP.
    await expect(createPlan(prisma(), { municipalityId: w.home.id, ownerId: w.people.owner.id, status: "CLOSED" })).resolves.toBeTruthy();
  });

  it("two grants at the same moment for a person without a plan: one plan, and the other is told why (CONFLICT, not a 500)", async () => {
    const w = await createPlanWorld(t.db);
    const nina = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"], name: "Nina Nilsen" });
    const nina$ = (await signIn(t.db, nina.id)).caller;
    const first = await nina$.case.create({ type: "IP_APPLICATION", description: "Søknad én." });
    const second = await nina$.case.create({ type: "IP_APPLICATION", description: "Søknad to." });
    const grant = (caseId: string, who: "caseOfficer" | "keLeader") => w.callers[who].case.decide({ caseId, version: 1, outcome: "GRANTED", grounds: "Innvilget." });
    const results = await Promise.allSettled([grant(first.id, "caseOfficer"), grant(second.id, "keLeader")]);
    expect(await openPlansOf(nina.id)).toBe(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    // Either both ran one after the other (the second linked), or the index refused the second.
    for (const r of refused) expect(r.reason).toMatchObject({ code: "CONFLICT", messageKey: "casePerson.planConcurrent" });
    if (refused.length === 0) {
      const linked = results.map((r) => (r as PromiseFulfilledResult<{ planLinked: boolean }>).value.planLinked);
      expect(linked.sort()).toEqual([false, true]);
    }
  });

  it("for a new person creates the person (name and number from the case, no account) and the plan; their first sign-in shows the plan and the case", async () => {
    const w = await createPlanWorld(t.db);
    const c = await registerPaperCase(w, "Jakob Hansen", ADULT);
    const page = await w.callers.caseOfficer.case.byId({ caseId: c.id });
    expect(page.internal?.personRecords).toMatchObject({ personId: null, plans: [], cases: [] });

    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." });
    expect(decided).toMatchObject({ planCreated: true, planLinked: false });
    const person = await prisma().user.findFirstOrThrow({ where: { municipalityId: w.home.id, identityHash: identityHash(ADULT) }, include: { roles: true } });
    expect(person).toMatchObject({ name: "Jakob Hansen", email: null, passwordHash: null, lastSignInAt: null, active: true });
    expect(person.identityEnc).not.toContain(ADULT);
    expect(person.roles.map((r) => r.role)).toEqual(["USER"]);
    const plan = await prisma().plan.findUniqueOrThrow({ where: { id: decided.planId! } });
    expect(plan).toMatchObject({ ownerId: person.id, status: "DRAFT", consentGivenAt: null });
    expect(await prisma().case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ subjectUserId: person.id, planId: plan.id });
    // One person per number: granting another case for the same number does not make a second.
    const again = await registerPaperCase(w, "Jakob H.", ADULT);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: again.id } })).subjectUserId).toBe(person.id);
    expect((await w.callers.caseOfficer.case.decide({ caseId: again.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." })).planId).toBe(plan.id);
    expect(await prisma().user.count({ where: { identityHash: identityHash(ADULT) } })).toBe(1);

    // The first sign-in with that identity number (server/auth: the provider's pid is hashed and
    // the person found by it in the municipality) is this person: the plan and the case are theirs.
    const signingIn = await prisma().user.findFirstOrThrow({ where: { municipalityId: w.home.id, identityHash: identityHash(ADULT) } });
    const jakob = (await signIn(t.db, signingIn.id)).caller;
    expect((await jakob.plan.mine()).map((p) => p.id)).toEqual([plan.id]);
    // Both applications, and the coordinator case the first grant opened.
    const jakobsCases = await jakob.case.mine();
    expect(jakobsCases.map((x) => x.id)).toEqual(expect.arrayContaining([c.id, again.id]));
    expect(jakobsCases.map((x) => x.type).sort()).toEqual(["COORDINATOR_REQUEST", "IP_APPLICATION", "IP_APPLICATION"]);
  });

  it("for a new person: their first sign-in through the test ID-porten binds the person made from the case and shows the plan", async () => {
    const w = await createPlanWorld(t.db);
    const jakob = TEST_RESIDENTS.find((p) => p.sub === "resident-jakob")!;
    const c = await registerPaperCase(w, "Jakob Lund", jakob.pid);
    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." });
    const person = await prisma().user.findFirstOrThrow({ where: { municipalityId: w.home.id, identityHash: identityHash(jakob.pid) } });
    expect(person.lastSignInAt).toBeNull();

    const server = await startServer(t.db);
    const providers = await startTestProviders(prisma(), { municipalityId: w.home.id, portalOrigins: [server.origin] });
    try {
      const signedIn = await signInThroughProvider(new TestBrowser(), server.origin, providers.slugs.resident, jakob.sub, { redirectTo: "/min-plan" });
      expect(signedIn).toMatchObject({ status: 303, location: "/min-plan" });
      const call = async (path: string) => {
        const res = await fetch(`${server.origin}/api/trpc/${path}`, { headers: { cookie: `ip_session=${signedIn.session}` } });
        expect(res.status, path).toBe(200);
        return ((await res.json()) as { result: { data: { id: string }[] } }).result.data;
      };
      expect((await call("plan.mine")).map((p) => p.id)).toEqual([decided.planId]);
      expect((await call("case.mine")).map((x) => x.id)).toContain(c.id);
    } finally {
      await providers.idp.close();
      await server.close();
    }
    // The same row, now with an account: no second person.
    expect((await prisma().user.findUniqueOrThrow({ where: { id: person.id } })).lastSignInAt).not.toBeNull();
    expect(await prisma().user.count({ where: { identityHash: identityHash(jakob.pid) } })).toBe(1);
  });

  it("without an identity number and a linked person, asks for the number; given it, grants", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.relativeWithConsent.case.create({ type: "IP_APPLICATION", subjectName: "Nina Ny", description: "Søker for søsteren min." });
    await expect(w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "casePerson.identityRequired",
    });
    await expect(w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "x", subjectIdentityNumber: "12345678901" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "identity.problem.checkDigit",
    });
    expect(await prisma().plan.count({ where: { owner: { name: "Nina Ny" } } })).toBe(0);
    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget.", subjectIdentityNumber: ADULT });
    const stored = await prisma().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored.subjectIdentityHash).toBe(identityHash(ADULT));
    expect((await prisma().plan.findUniqueOrThrow({ where: { id: decided.planId! }, include: { owner: true } })).owner.name).toBe("Nina Ny");
  });
});

describe("the person's one open individual plan, after the grant", () => {
  /** Another plan of Kari's that the coordinator edits. */
  const anotherPlan = (w: PlanWorld, spec: { status: "DRAFT" | "ACTIVE" | "CLOSED"; type?: "IP" | "OTHER" }) =>
    prisma().plan.create({ data: { municipalityId: w.home.id, ownerId: w.people.owner.id, status: spec.status, type: spec.type ?? "IP", coordinators: { create: { coordinatorId: w.people.coordinator.id } } } });

  it("reopening a closed IP, or making a plan an IP, while the person has an open IP is a CONFLICT in words, not a 500", async () => {
    const w = await createPlanWorld(t.db);
    const closed = await anotherPlan(w, { status: "CLOSED" });
    const other = await anotherPlan(w, { status: "ACTIVE", type: "OTHER" });
    // A closed plan opens again by plan.reopen (with a reason), not by a change of status.
    await expect(w.callers.coordinator.plan.reopen({ planId: closed.id, version: closed.version, reason: "Ny periode" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "plan.openIpExists",
    });
    await expect(w.callers.coordinator.plan.update({ planId: closed.id, version: closed.version, changes: { status: "ACTIVE" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "plan.closedReadOnly",
    });
    await expect(w.callers.coordinator.plan.update({ planId: other.id, version: other.version, changes: { type: "IP" } })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "plan.openIpExists" });
    expect(await openPlansOf(w.people.owner.id)).toBe(1);
    // Other changes to the open IP itself still go through; the closed one is read-only.
    await w.callers.coordinator.plan.update({ planId: w.plan.id, version: w.plan.version, changes: { status: "DRAFT" } });
    await expect(w.callers.coordinator.plan.update({ planId: closed.id, version: closed.version, changes: { type: "OTHER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Once the open one is closed, the other can become the IP.
    await w.callers.coordinator.plan.close({ planId: w.plan.id, version: w.plan.version + 1, reason: "Målene er nådd.", endedOn: "2026-11-30" });
    await w.callers.coordinator.plan.update({ planId: other.id, version: other.version, changes: { type: "IP" } });
    expect(await prisma().plan.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ type: "IP", status: "ACTIVE" });
    expect(await openPlansOf(w.people.owner.id)).toBe(1);
  });

  it("two closed IPs reopened at the same moment: one opens, the other is told why (CONFLICT, not a 500)", async () => {
    const w = await createPlanWorld(t.db);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { status: "CLOSED" } });
    const a = await anotherPlan(w, { status: "CLOSED" });
    const b = await anotherPlan(w, { status: "CLOSED" });
    const reopen = (planId: string) => w.callers.coordinator.plan.reopen({ planId, version: 1, reason: "Ny periode" });
    const results = await Promise.allSettled([reopen(a.id), reopen(b.id)]);
    expect(await openPlansOf(w.people.owner.id)).toBe(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject({ code: "CONFLICT", messageKey: "plan.openIpExists" });
  });

  it("granting a coordinator links them to the person's open IP, by the same rule as the grant, not to another open plan", async () => {
    const w = await createPlanWorld(t.db);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { status: "CLOSED" } });
    const other = await anotherPlan(w, { status: "ACTIVE", type: "OTHER" });
    const c = await w.callers.owner.case.create({ type: "COORDINATOR_REQUEST", description: "Jeg ønsker en koordinator." });
    const decide = () => w.callers.keLeader.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget.", coordinatorId: w.people.staffOutside.id, handoverNote: "Kari ønsker møter før 12." });
    // An open plan of another kind is not the person's plan.
    await expect(decide()).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "case.noPlanForCoordinator" });
    expect(await prisma().coordinatorAssignment.count({ where: { planId: other.id, coordinatorId: w.people.staffOutside.id } })).toBe(0);
    // With an open IP, the coordinator goes to it.
    const ip = await anotherPlan(w, { status: "DRAFT" });
    await expect(decide()).resolves.toMatchObject({ planId: ip.id });
    const open = await prisma().coordinatorAssignment.findMany({ where: { coordinatorId: w.people.staffOutside.id, endedAt: null } });
    expect(open.map((a) => a.planId)).toEqual([ip.id]);
  });
});

describe("a plan for a child under 16", () => {
  const CHILD = makeIdentityNumber(yearsAgo(10), 500);
  const MOTHER = makeIdentityNumber("1985-03-04", 123);
  const FATHER = makeIdentityNumber("1983-11-30", 234);

  it("needs at least one parent or guardian; they become representatives with their legal basis", async () => {
    const w = await createPlanWorld(t.db);
    // The father has an account already (and gets the relative role); the mother is new.
    const father = await createUser(prisma(), { municipalityId: w.home.id, roles: ["STAFF"], name: "Per Far" });
    await withIdentity(father.id, FATHER);
    const c = await registerPaperCase(w, "Emma Barn", CHILD);
    expect((await w.callers.caseOfficer.case.byId({ caseId: c.id })).internal?.subjectIsChild).toBe(true);

    await expect(w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "casePerson.guardiansRequired",
    });
    const refused = await w.callers.caseOfficer.case
      .decide({
        caseId: c.id,
        version: 1,
        outcome: "GRANTED",
        grounds: "Innvilget.",
        representatives: [{ name: "Mor", identityNumber: MOTHER }, { name: "Far", identityNumber: `${FATHER.slice(0, 10)}${(Number(FATHER[10]) + 1) % 10}` }],
      })
      .then(() => null, (error: unknown) => error as DomainTRPCError);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", messageKey: "casePerson.guardianProblem.checkDigit", params: { number: 2 } });
    if (!refused) throw new Error("not refused");
    expect(translate("nb", refused.messageKey, refused.params)).toBe("Fødselsnummeret til forelder eller verge 2 er ikke gyldig. Sjekk at alle sifrene er riktige.");
    expect(await prisma().plan.count({ where: { owner: { name: "Emma Barn" } } })).toBe(0);
    expect(await prisma().user.count({ where: { name: { in: ["Emma Barn", "Mari Mor"] } } })).toBe(0);

    const decided = await w.callers.caseOfficer.case.decide({
      caseId: c.id,
      version: 1,
      outcome: "GRANTED",
      grounds: "Innvilget.",
      representatives: [
        { name: "Mari Mor", identityNumber: MOTHER },
        { name: "Per Far", identityNumber: FATHER, legalBasis: "Foreldreansvar etter avtale (barneloven § 30)" },
      ],
    });
    const reps = await prisma().planParticipant.findMany({ where: { planId: decided.planId! }, include: { user: { include: { roles: true } } }, orderBy: { createdAt: "asc" } });
    expect(reps.map((r) => ({ kind: r.kind, name: r.user?.name, legalBasis: r.legalBasis, active: r.active }))).toEqual([
      { kind: "REPRESENTATIVE", name: "Mari Mor", legalBasis: "Foreldreansvar (barneloven § 30)", active: true },
      { kind: "REPRESENTATIVE", name: "Per Far", legalBasis: "Foreldreansvar etter avtale (barneloven § 30)", active: true },
    ]);
    const mother = reps[0]!.user!;
    expect(mother).toMatchObject({ email: null, passwordHash: null, identityHash: identityHash(MOTHER) });
    expect(mother.roles.map((r) => r.role)).toEqual(["RELATIVE"]);
    expect(reps[1]!.userId).toBe(father.id);
    expect(reps[1]!.user!.roles.map((r) => r.role).sort()).toEqual(["RELATIVE", "STAFF"]);
    // The father acts for the child in the plan at once (access.ts: a representative needs no consent).
    const fatherSession = await signIn(t.db, father.id);
    const access = await resolvePlanAccess(prisma(), fatherSession.auth.user, decided.planId!);
    expect(access).toMatchObject({ role: "REPRESENTATIVE", canDecideConsent: true, canEditAbout: true });
  });

  it("sixteen today is no longer a child; the day before the birthday still is", async () => {
    const w = await createPlanWorld(t.db);
    const sixteen = await registerPaperCase(w, "Seksten År", makeIdentityNumber(yearsAgo(16), 500));
    expect((await w.callers.caseOfficer.case.byId({ caseId: sixteen.id })).internal?.subjectIsChild).toBe(false);
    await expect(w.callers.caseOfficer.case.decide({ caseId: sixteen.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." })).resolves.toMatchObject({ planCreated: true });
    const almost = await registerPaperCase(w, "Nesten Seksten", makeIdentityNumber(yearsAgo(16, -1), 500));
    expect((await w.callers.caseOfficer.case.byId({ caseId: almost.id })).internal?.subjectIsChild).toBe(true);
  });

  it("a parent who applies in the portal gives the consent to the plan with the application", async () => {
    const w = await createPlanWorld(t.db);
    await withIdentity(w.people.relativeWithoutConsent.id, MOTHER);
    const c = await w.callers.relativeWithoutConsent.case.create({ type: "IP_APPLICATION", subjectName: "Emma Barn", subjectIdentityNumber: CHILD, description: "Jeg søker for datteren min." });
    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget.", representatives: [{ name: "Berit Uten", identityNumber: MOTHER }] });
    const plan = await prisma().plan.findUniqueOrThrow({ where: { id: decided.planId! } });
    expect(plan.consentGivenBy).toBe(w.people.relativeWithoutConsent.id);
    expect((await w.callers.relativeWithoutConsent.plan.byId({ planId: plan.id })).id).toBe(plan.id);
  });
});
