import { describe, expect, it } from "vitest";
import { createMunicipality, createUser } from "../../prisma/factories.ts";
import { TEMPLATE_PLAN_TYPES } from "../../app/domain/lists.ts";
import { connectPglite } from "../../server/db/database.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Plan types and their templates (issue 13, docs/decisions/028): every municipality has one per
// type from the start; the administrator edits them, audited; nobody else, and never another
// municipality's; a plan follows its type's template, for new goals and for its guidance.

const t = useTestDatabase();

const templateOf = (w: PlanWorld, type: "IP" | "STAFETTLOGG" | "IOP" = "IP") => w.callers.admin.planTemplate.byType({ type });
const asUpdate = (template: Awaited<ReturnType<typeof templateOf>>) => ({
  type: template.type as "IP" | "STAFETTLOGG" | "IOP",
  version: template.version,
  lifeAreas: template.lifeAreas.map((a) => ({ area: a.area, label: a.label })),
  headings: template.headings,
});

describe("plan templates", () => {
  it("every municipality has a template per plan type from the moment it is made, with the defaults", async () => {
    const w = await createPlanWorld(t.db);
    const list = await w.callers.admin.planTemplate.list();
    expect(list.map((tpl) => tpl.type)).toEqual([...TEMPLATE_PLAN_TYPES]);
    const [ip, relay, iop] = list;
    expect(ip!.headings.map((h) => h.title)).toEqual(["Om meg", "Hva er viktig for meg", "Mål", "Tiltak", "Tjenester", "Ansvarsgruppe"]);
    expect(relay!.headings.map((h) => h.title)).toEqual(["Bekymring/utgangspunkt", "Mål", "Tiltak", "Evaluering"]);
    expect(iop!.headings.map((h) => h.title)).toEqual(["Opplæringsmål", "Organisering", "Evaluering"]);
    expect(ip!.lifeAreas).toHaveLength(9);
    expect(relay!.lifeAreas.find((a) => a.area === "SCHOOL_WORK")?.label).toBe("Barnehage og skole");
    for (const tpl of list) expect(tpl.headings.every((h) => h.guidance.length > 10), tpl.type).toBe(true);
    // A municipality made later gets its own, wherever it is made.
    const later = await t.db.prisma.municipality.create({ data: { name: "Nykommune", number: `N-${Date.now()}` } });
    expect(await t.db.prisma.planTemplate.count({ where: { municipalityId: later.id } })).toBe(3);
  });

  it("the administrator changes a template: saved on its version, one audit row of kind ADMIN; a stale version is a CONFLICT", async () => {
    const w = await createPlanWorld(t.db);
    const before = await templateOf(w);
    const changed = await w.callers.admin.planTemplate.update({
      ...asUpdate(before),
      lifeAreas: before.lifeAreas.filter((a) => a.area !== "ECONOMY").map((a) => ({ area: a.area, label: a.area === "HEALTH" ? "Helse og trivsel" : a.label })),
      headings: before.headings.map((h) => (h.title === "Mål" ? { ...h, guidance: "Skriv målet slik brukeren sier det." } : h)),
    });
    expect(changed.version).toBe(before.version + 1);
    expect(changed.lifeAreas.map((a) => a.area)).not.toContain("ECONOMY");
    expect(changed.lifeAreas.find((a) => a.area === "HEALTH")?.label).toBe("Helse og trivsel");
    expect(changed.headings.find((h) => h.title === "Mål")?.guidance).toBe("Skriv målet slik brukeren sier det.");
    expect(changed.updatedBy?.id).toBe(w.people.admin.id);
    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "planTemplate.update", actorId: w.people.admin.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "ADMIN", planId: null, details: { type: "IP", removedLifeAreas: ["ECONOMY"] } });
    // Saved on the old version again: refused with the template as it is now.
    await expect(w.callers.admin.planTemplate.update(asUpdate(before))).rejects.toMatchObject({ code: "CONFLICT" });
    // At least one life area; no area twice.
    await expect(w.callers.admin.planTemplate.update({ ...asUpdate(changed), lifeAreas: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.admin.planTemplate.update({ ...asUpdate(changed), lifeAreas: [{ area: "HEALTH" }, { area: "HEALTH" }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.prisma.auditEvent.count({ where: { action: "planTemplate.update" } })).toBe(1);
  });

  it("nobody but the administrator changes a template, and an administrator only their own municipality's", async () => {
    const w = await createPlanWorld(t.db);
    const before = await templateOf(w);
    for (const who of ["coordinator", "keLeader", "caseOfficer", "unitLeader", "owner", "representative", "staffInGroup"] as const) {
      await expect(w.callers[who].planTemplate.update({ ...asUpdate(before), headings: [] }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // Residents read no templates outside their plan.
    await expect(w.callers.owner.planTemplate.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.relativeWithConsent.planTemplate.byType({ type: "IP" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Another municipality's administrator changes their own template, never this one.
    const awayAdmin = await createUser(t.db.prisma, { municipalityId: w.other.id, roles: ["ADMIN"] });
    const { caller: away } = await signIn(t.db, awayAdmin.id);
    const theirs = await away.planTemplate.byType({ type: "IP" });
    await away.planTemplate.update({ ...asUpdate(theirs), headings: [{ section: "GOALS", title: "Bare hos oss", guidance: "" }] });
    expect((await templateOf(w)).headings).toEqual(before.headings);
    expect((await templateOf(w)).version).toBe(before.version);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "planTemplate.update", municipalityId: w.home.id } })).toBe(0);
    // Staff read their own municipality's.
    expect((await w.callers.coordinator.planTemplate.byType({ type: "IP" })).headings).toEqual(before.headings);
  });

  it("the goal form's life areas follow the template: a new goal in an area it does not offer is refused, existing goals keep theirs", async () => {
    const w = await createPlanWorld(t.db);
    const existing = await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "ECONOMY", title: "Betale regningene selv", status: "NOT_STARTED", evaluationDate: null });
    const before = await templateOf(w);
    await w.callers.admin.planTemplate.update({ ...asUpdate(before), lifeAreas: before.lifeAreas.filter((a) => a.area !== "ECONOMY") });
    const plan = await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    expect(plan.template.lifeAreas.map((a) => a.area)).not.toContain("ECONOMY");
    // The goal in the area no longer offered is still there and still says its area.
    expect(plan.goals.find((g) => g.id === existing.id)?.lifeArea).toBe("ECONOMY");
    await expect(
      w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "ECONOMY", title: "Spare penger", status: "NOT_STARTED", evaluationDate: null }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "planTemplate.lifeAreaNotOffered" });
    // Moved to an area the template does not offer: refused. Other changes to it go through.
    const goal = await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Sove bedre", status: "NOT_STARTED", evaluationDate: null });
    await expect(w.callers.coordinator.goal.update({ goalId: goal.id, version: goal.version, changes: { lifeArea: "ECONOMY" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "planTemplate.lifeAreaNotOffered",
    });
    await expect(w.callers.coordinator.goal.update({ goalId: existing.id, version: existing.version, changes: { title: "Betale alle regningene selv", lifeArea: "ECONOMY" } })).resolves.toMatchObject({
      lifeArea: "ECONOMY",
      title: "Betale alle regningene selv",
    });
  });

  it("a plan granted as a stafettlogg is one: its page has the stafettlogg's headings and life areas, and its type's name", async () => {
    const w = await createPlanWorld(t.db);
    const child = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["USER"], name: "Lars Liten" });
    const application = await t.db.prisma.case.create({
      data: {
        municipalityId: w.home.id,
        reference: `S-${Date.now()}`,
        type: "IP_APPLICATION",
        channel: "PAPER",
        subjectName: child.name,
        subjectUserId: child.id,
        description: "Bekymring fra skolen.",
        receivedAt: new Date(),
        interimReplyDue: new Date(Date.now() + 30 * 86_400_000),
        decisionDue: new Date(Date.now() + 20 * 86_400_000),
      },
    });
    const decided = await w.callers.keLeader.case.decide({ caseId: application.id, version: application.version, outcome: "GRANTED", grounds: "Innvilget.", planType: "STAFETTLOGG" });
    const stored = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: decided.planId! } });
    expect(stored.type).toBe("STAFETTLOGG");
    await t.db.prisma.coordinatorAssignment.create({ data: { planId: stored.id, coordinatorId: w.people.coordinator.id } });
    const plan = await w.callers.coordinator.plan.byId({ planId: stored.id });
    expect(plan.type).toBe("STAFETTLOGG");
    expect(plan.template.headings.map((h) => h.title)).toEqual(["Bekymring/utgangspunkt", "Mål", "Tiltak", "Evaluering"]);
    expect(plan.template.lifeAreas.map((a) => a.area)).not.toContain("HOUSING");
    await expect(w.callers.coordinator.goal.create({ planId: stored.id, lifeArea: "HOUSING", title: "Eget rom", status: "NOT_STARTED", evaluationDate: null })).rejects.toMatchObject({
      messageKey: "planTemplate.lifeAreaNotOffered",
    });
    // The person's individual plan is another matter: a stafettlogg beside it is allowed.
    expect(await t.db.prisma.plan.count({ where: { ownerId: child.id } })).toBe(1);
  });

  it("OTHER is kept for older plans but not chosen: such a plan offers every life area and has no headings", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.coordinator.plan.update({ planId: w.plan.id, version: w.plan.version, changes: { type: "OTHER" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "planTemplate.typeNotOffered",
    });
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { type: "OTHER" } });
    const plan = await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    expect(plan.template.lifeAreas).toHaveLength(9);
    expect(plan.template.headings).toEqual([]);
    // It can become one of the types.
    await w.callers.coordinator.plan.update({ planId: w.plan.id, version: plan.version, changes: { type: "IOP" } });
    expect((await w.callers.coordinator.plan.byId({ planId: w.plan.id })).template.headings[0]?.title).toBe("Opplæringsmål");
  });
});

describe("a municipality made by the factory", () => {
  it("gets the templates too", async () => {
    const m = await createMunicipality(t.db.prisma);
    expect(await t.db.prisma.planTemplate.findMany({ where: { municipalityId: m.id }, select: { type: true }, orderBy: { type: "asc" } })).toEqual([
      { type: "IP" },
      { type: "STAFETTLOGG" },
      { type: "IOP" },
    ]);
  });
});

describe("the migration, on a database with data", () => {
  it("gives existing municipalities the templates and keeps every plan's type, OTHER too, and the one open IP per person", async () => {
    const db = await connectPglite();
    try {
      const all = readMigrations();
      const mine = all.findIndex((m) => m.name.endsWith("_plan_templates"));
      await migrate(db, all.slice(0, mine));
      await db.exec(`
        INSERT INTO "Municipality" ("id", "name", "number") VALUES ('m1', 'Gamlekommune', 'G-1');
        INSERT INTO "User" ("id", "municipalityId", "name", "updatedAt") VALUES ('u1', 'm1', 'Gammel Bruker', now());
        INSERT INTO "Plan" ("id", "municipalityId", "ownerId", "type", "status", "updatedAt") VALUES
          ('p1', 'm1', 'u1', 'IP', 'ACTIVE', now()), ('p2', 'm1', 'u1', 'OTHER', 'ACTIVE', now());
      `);
      await migrate(db, all);
      const plans = await db.query<{ id: string; type: string }>(`SELECT "id", "type"::text AS "type" FROM "Plan" ORDER BY "id"`);
      expect(plans).toEqual([
        { id: "p1", type: "IP" },
        { id: "p2", type: "OTHER" },
      ]);
      const templates = await db.query<{ type: string }>(`SELECT "type"::text AS "type" FROM "PlanTemplate" WHERE "municipalityId" = 'm1' ORDER BY "PlanTemplate"."type"`);
      expect(templates.map((r) => r.type)).toEqual(["IP", "STAFETTLOGG", "IOP"]);
      // The rule of one open IP per person still holds.
      await expect(db.exec(`INSERT INTO "Plan" ("id", "municipalityId", "ownerId", "type", "status", "updatedAt") VALUES ('p3', 'm1', 'u1', 'IP', 'DRAFT', now())`)).rejects.toThrow();
      await db.exec(`INSERT INTO "Plan" ("id", "municipalityId", "ownerId", "type", "status", "updatedAt") VALUES ('p4', 'm1', 'u1', 'STAFETTLOGG', 'DRAFT', now())`);
    } finally {
      await db.close();
    }
  });
});
