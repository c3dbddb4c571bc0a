import { describe, expect, it } from "vitest";
import { makeIdentityNumber } from "../../app/domain/identity-number.ts";
import { protectIdentityNumber } from "../../server/identity/protect.ts";
import { fillBirthDates } from "../../server/search/birth-dates.ts";
import { parseQuery } from "../../server/search/query.ts";
import { createGoal, createMeasure, createPlan, createUser } from "../../prisma/factories.ts";
import { createPlanWorld, EVERYONE, type PlanWorld, type Who } from "./plan-world.ts";
import { signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

// Search (issue 13, docs/decisions/026): nobody finds a plan they may not open, the coordinating
// unit finds every plan and case of its municipality but opens a plan only with a purpose,
// Norwegian words are stemmed, and deleted goals and measures are not found.

const t = useTestDatabase();
const KARI_BORN = "1985-03-12";

/** The plan world, with Kari's birth date, a second plan in the municipality and one in another. */
async function searchWorld() {
  const w = await createPlanWorld(t.db);
  const prisma = t.db.prisma;
  await prisma.user.update({ where: { id: w.people.owner.id }, data: protectIdentityNumber(makeIdentityNumber(KARI_BORN, 401, { synthetic: true })) });
  // Another Kari in the same municipality, followed by the coordinator outside Kari Eier's group.
  const second = await createUser(prisma, { municipalityId: w.home.id, roles: ["USER"], name: "Kari Annen" });
  const secondPlan = await createPlan(prisma, { municipalityId: w.home.id, ownerId: second.id, coordinatorId: w.people.staffOutside.id });
  // And a Kari elsewhere, with the same birth date, whom nobody here may find.
  const away = await createUser(prisma, { municipalityId: w.other.id, roles: ["USER"], name: "Kari Borte" });
  await prisma.user.update({ where: { id: away.id }, data: protectIdentityNumber(makeIdentityNumber(KARI_BORN, 402, { synthetic: true })) });
  const awayPlan = await createPlan(prisma, { municipalityId: w.other.id, ownerId: away.id });
  const plan = await prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
  return { ...w, second, secondPlan, awayPlan, number: plan.number };
}

/** Whether `who` may open the plan: directly, or (the coordinating unit) after stating a purpose. */
async function opens(w: PlanWorld, who: Who, planId: string): Promise<"yes" | "purpose" | "no"> {
  try {
    await w.callers[who].plan.byId({ planId });
    return "yes";
  } catch (error) {
    return (error as { messageKey?: string }).messageKey === "plan.purposeRequired" ? "purpose" : "no";
  }
}

describe("search.plans", () => {
  it("every role finds only plans it may open, by name, birth date and number: a probe over the world", async () => {
    const w = await searchWorld();
    const queries = ["Kari", "kar", "12.03.1985", KARI_BORN, w.number, w.number.slice(1), "Kari 12.03.1985", "eier"];
    const expected: Partial<Record<Who, string[]>> = {
      owner: [w.plan.id],
      representative: [w.plan.id],
      relativeWithConsent: [w.plan.id],
      coordinator: [w.plan.id],
      staffInGroup: [w.plan.id],
      staffOutside: [w.secondPlan.id],
      caseOfficer: [w.plan.id, w.secondPlan.id],
      keLeader: [w.plan.id, w.secondPlan.id],
      // The coordinating unit of the other municipality finds its own Kari, never these.
      away: [w.awayPlan.id],
    };
    for (const who of EVERYONE) {
      const found = new Set<string>();
      for (const q of queries) {
        const { items } = await w.callers[who].search.plans({ q });
        for (const item of items) {
          found.add(item.id);
          const access = await opens(w, who, item.id);
          // Found means: may open it, or is the coordinating unit and is asked why first.
          expect(access, `${who} found ${item.number} with "${q}"`).not.toBe("no");
          expect(item.needsPurpose, `${who}: ${item.number}`).toBe(access === "purpose");
        }
      }
      expect([...found].sort(), who).toEqual([...(expected[who] ?? [])].sort());
      if (who !== "away") expect(found.has(w.awayPlan.id), who).toBe(false);
    }
  });

  it("matches names by word prefix without case or foreign accents, birth dates in both forms, and numbers", async () => {
    const w = await searchWorld();
    await t.db.prisma.user.update({ where: { id: w.people.owner.id }, data: { name: "José Ærlig Sørensen" } });
    const ke = w.callers.keLeader;
    const ids = async (q: string) => (await ke.search.plans({ q })).items.map((i) => i.id);
    expect(await ids("jose")).toEqual([w.plan.id]);
    expect(await ids("JOSÉ sør")).toEqual([w.plan.id]);
    expect(await ids("Sörensen")).toEqual([w.plan.id]);
    expect(await ids("ærl")).toEqual([w.plan.id]);
    expect(await ids("12.3.1985")).toEqual([w.plan.id]);
    expect(await ids("1985-03-12")).toEqual([w.plan.id]);
    expect(await ids("13.03.1985")).toEqual([]);
    expect(await ids("31.02.1985")).toEqual([]);
    expect(await ids(w.number.toLowerCase())).toEqual([w.plan.id]);
    expect(await ids("Annen 12.03.1985")).toEqual([]);
    const [hit] = (await ke.search.plans({ q: "jose" })).items;
    // What identifies the plan, nothing of its content.
    expect(Object.keys(hit!).sort()).toEqual(["birthDate", "coordinator", "id", "name", "needsPurpose", "number", "status", "type"]);
    expect(hit).toMatchObject({ birthDate: KARI_BORN, coordinator: "Ingrid Koordinator", number: w.number, needsPurpose: true });
  });

  it("keeps the limits: 2 to 100 characters, at most 50 results, and says when there are more", async () => {
    const w = await searchWorld();
    for (const q of ["k", " k ", "x".repeat(101)]) await expect(w.callers.keLeader.search.plans({ q })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    for (let i = 0; i < 52; i++) {
      const person = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["USER"], name: `Mange Navn ${i}` });
      await createPlan(t.db.prisma, { municipalityId: w.home.id, ownerId: person.id });
    }
    const result = await w.callers.keLeader.search.plans({ q: "mange" });
    expect(result.items).toHaveLength(50);
    expect(result.more).toBe(true);
    // Nothing to search by: nothing found, no error.
    expect((await w.callers.coordinator.search.plans({ q: "!!" })).items).toEqual([]);
  });

  it("writes one read row per search, with what was shown and never what was typed", async () => {
    const w = await searchWorld();
    await w.callers.keLeader.search.plans({ q: "Kari 12.03.1985" });
    await w.callers.coordinator.search.plans({ q: "Kari" });
    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "search.plans" }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: "READ", actorId: w.people.keLeader.id, planId: null, details: { by: ["name", "birthDate"], count: 1, shown: [w.plan.id] } });
    expect(rows[1]).toMatchObject({ actorId: w.people.coordinator.id, details: { by: ["name"], count: 1, shown: [w.plan.id] } });
    expect(JSON.stringify(rows)).not.toContain("Kari");
  });
});

describe("plan numbers", () => {
  it("are given by the database per municipality and year, in order, and never twice", async () => {
    const w = await searchWorld();
    const year = new Date().getUTCFullYear();
    const home = await t.db.prisma.plan.findMany({ where: { municipalityId: w.home.id }, orderBy: { createdAt: "asc" }, select: { number: true } });
    expect(home.map((p) => p.number)).toEqual([`P${year}-0001`, `P${year}-0002`]);
    const away = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.awayPlan.id } });
    expect(away.number).toBe(`P${year}-0001`);
    // Plans made at the same moment get different numbers.
    const people = await Promise.all([0, 1, 2, 3].map((i) => createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["USER"], name: `Samtidig ${i}` })));
    const made = await Promise.all(people.map((p) => createPlan(t.db.prisma, { municipalityId: w.home.id, ownerId: p.id })));
    expect(new Set(made.map((p) => p.number)).size).toBe(4);
    // The plan page has it.
    expect((await w.callers.coordinator.plan.byId({ planId: w.plan.id })).number).toBe(w.number);
  });
});

describe("birth dates", () => {
  it("come with the identity number, and rows stored before get theirs at start", async () => {
    const w = await searchWorld();
    const owner = await t.db.prisma.user.findUniqueOrThrow({ where: { id: w.people.owner.id } });
    expect(owner.birthDate?.toISOString().slice(0, 10)).toBe(KARI_BORN);
    await t.db.prisma.user.update({ where: { id: owner.id }, data: { birthDate: null } });
    const sealed = protectIdentityNumber(makeIdentityNumber("2001-11-30", 503, { synthetic: true }));
    const kase = await t.db.prisma.case.findFirst();
    expect(kase).toBeNull();
    const c = await w.callers.caseOfficer.case.create({ type: "IP_APPLICATION", channel: "PAPER", subjectName: "Nils Papir", description: "Søknad på papir.", receivedAt: "2026-01-31T09:00:00+01:00" });
    await t.db.prisma.case.update({ where: { id: c.id }, data: { subjectIdentityEnc: sealed.identityEnc, subjectIdentityHash: sealed.identityHash } });
    expect(await fillBirthDates(t.db.prisma)).toEqual({ people: 1, cases: 1 });
    expect(await fillBirthDates(t.db.prisma)).toEqual({ people: 0, cases: 0 });
    expect((await w.callers.keLeader.search.cases({ q: "30.11.2001" })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await w.callers.keLeader.search.plans({ q: "12.03.1985" })).items.map((i) => i.id)).toEqual([w.plan.id]);
  });
});

describe("search.cases", () => {
  it("is the coordinating unit's, within its municipality, by name, birth date and reference", async () => {
    const w = await searchWorld();
    const typed = makeIdentityNumber("1990-06-01", 404, { synthetic: true });
    const c = await w.callers.caseOfficer.case.create({
      type: "IP_APPLICATION",
      channel: "PAPER",
      subjectName: "Åse Papirsøker",
      subjectIdentityNumber: typed,
      description: "Søknad på papir.",
      receivedAt: "2026-01-31T09:00:00+01:00",
    });
    const stored = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    const own = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Ny koordinator, takk." });
    for (const q of ["åse", "papirs", "01.06.1990", stored.reference]) {
      expect((await w.callers.caseOfficer.search.cases({ q })).items.map((i) => i.id), q).toEqual([c.id]);
    }
    // A case about a person with an account: by the name on the case, and the person's birth date.
    expect((await w.callers.keLeader.search.cases({ q: "Kari Eier" })).items.map((i) => i.id)).toEqual([own.id]);
    expect((await w.callers.keLeader.search.cases({ q: "12.03.1985" })).items.map((i) => i.id)).toEqual([own.id]);
    const [hit] = (await w.callers.keLeader.search.cases({ q: "åse" })).items;
    expect(Object.keys(hit!).sort()).toEqual(["assignedTo", "birthDate", "id", "name", "receivedAt", "reference", "status", "type"]);
    for (const who of EVERYONE.filter((x) => x !== "caseOfficer" && x !== "keLeader")) {
      if (who === "away") {
        // The coordinating unit of another municipality finds nothing here.
        expect((await w.callers.away.search.cases({ q: "åse" })).items, who).toEqual([]);
        expect((await w.callers.away.search.cases({ q: stored.reference })).items, who).toEqual([]);
      } else {
        await expect(w.callers[who].search.cases({ q: "åse" }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    expect(await t.db.prisma.auditEvent.count({ where: { action: "search.cases" } })).toBe(4 + 2 + 1 + 2);
  });
});

describe("plan.search (in a plan)", () => {
  async function contentWorld() {
    const w = await searchWorld();
    const prisma = t.db.prisma;
    const trene = await createGoal(prisma, { planId: w.plan.id, createdById: w.people.owner.id, title: "Trene to ganger i uka" });
    const treningen = await createGoal(prisma, { planId: w.plan.id, createdById: w.people.owner.id, title: "Treningen skal være morsom" });
    const swim = await createMeasure(prisma, { planId: w.plan.id, goalId: trene.id, createdById: w.people.coordinator.id, title: "Svømming på tirsdager" });
    await prisma.measure.update({ where: { id: swim.id }, data: { description: "Følge til svømmehallen og hjem igjen etter treningen." } });
    const deleted = await createGoal(prisma, { planId: w.plan.id, createdById: w.people.owner.id, title: "Treningsdagbok som ble slettet" });
    await prisma.goal.update({ where: { id: deleted.id }, data: { deletedAt: new Date(), deletedById: w.people.coordinator.id, deletedReason: "Feil" } });
    const underDeleted = await createMeasure(prisma, { planId: w.plan.id, goalId: deleted.id, createdById: w.people.coordinator.id, title: "Treningsavtale under slettet mål" });
    const deletedMeasure = await createMeasure(prisma, { planId: w.plan.id, goalId: trene.id, createdById: w.people.coordinator.id, title: "Treningsklær kjøpt" });
    await prisma.measure.update({ where: { id: deletedMeasure.id }, data: { deletedAt: new Date(), deletedById: w.people.coordinator.id, deletedReason: "Feil" } });
    // Another plan's words are never found from this one.
    await createGoal(prisma, { planId: w.secondPlan.id, createdById: w.second.id, title: "Trene med naboen" });
    return { ...w, trene, treningen, swim, deleted, underDeleted, deletedMeasure };
  }
  const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();

  it("stems Norwegian words and matches prefixes as one types", async () => {
    const w = await contentWorld();
    const search = (q: string) => w.callers.owner.search.inPlan({ planId: w.plan.id, q });
    // The Norwegian snowball: "treningen" and "trening" stem to "trening", "trene" to "tren".
    expect(ids(await search("trening"))).toEqual([w.treningen.id, w.swim.id].sort());
    expect(ids(await search("treningen"))).toEqual([w.treningen.id, w.swim.id].sort());
    expect(ids(await search("tren"))).toEqual([w.trene.id, w.treningen.id, w.swim.id].sort());
    expect(ids(await search("svømming"))).toEqual([w.swim.id]);
    expect(ids(await search("svøm"))).toEqual([w.swim.id]);
    expect(ids(await search("TIRSDAG"))).toEqual([w.swim.id]);
    expect(ids(await search("tren svøm"))).toEqual([w.swim.id]);
    // Stop words alone find nothing, and nothing goes wrong.
    expect(ids(await search("og i"))).toEqual([]);
    const [measure] = (await search("svømmehallen")).items;
    expect(measure).toMatchObject({ kind: "measure", id: w.swim.id, parentId: w.trene.id, title: "Svømming på tirsdager" });
    expect(measure!.snippet).toContain("\uE000svømmehallen\uE001");
  });

  it("never finds deleted goals, measures under them, or deleted measures", async () => {
    const w = await contentWorld();
    const found = ids(await w.callers.coordinator.search.inPlan({ planId: w.plan.id, q: "trening" }));
    for (const gone of [w.deleted.id, w.underDeleted.id, w.deletedMeasure.id]) expect(found).not.toContain(gone);
    expect(ids(await w.callers.coordinator.search.inPlan({ planId: w.plan.id, q: "slettet" }))).toEqual([]);
  });

  it("is for those who may read the plan: outsiders are refused, the coordinating unit needs a purpose, and each search is a read row in the plan", async () => {
    const w = await contentWorld();
    for (const who of EVERYONE) {
      const access = await opens(w, who, w.plan.id);
      const call = w.callers[who].search.inPlan({ planId: w.plan.id, q: "trene" });
      if (access === "yes") expect(ids(await call), who).toContain(w.trene.id);
      else if (access === "purpose") await expect(call, who).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
      else await expect(call, who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const ke = await signIn(t.db, w.people.keLeader.id);
    await ke.caller.plan.statePurpose({ planId: w.plan.id, purpose: "Kontroll av klage fra pårørende" });
    expect(ids(await ke.caller.search.inPlan({ planId: w.plan.id, q: "trene" }))).toContain(w.trene.id);
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.search", actorId: w.people.keLeader.id } });
    expect(row).toMatchObject({ kind: "READ", planId: w.plan.id, purpose: "Kontroll av klage fra pårørende", details: { count: 3 } });
  });

  it("reads dates, numbers and words out of what was typed", () => {
    expect(parseQuery("Kari 12.03.1985 P2026-42")).toEqual({ birthDate: "1985-03-12", number: "2026-0042", words: ["kari"] });
    expect(parseQuery("anne-lise  O'Brien 2026-0007")).toEqual({ birthDate: null, number: "2026-0007", words: ["anne", "lise", "o", "brien"] });
    expect(parseQuery("30.02.1985 a:* & !b")).toEqual({ birthDate: null, number: null, words: ["30", "02", "1985", "a", "b"] });
  });
});
