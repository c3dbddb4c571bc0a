import { describe, expect, it } from "vitest";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { createMunicipalityWithRoles, signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();

/** Two municipalities; in the first, a plan for `user` coordinated by `coordinator`, and one plan nobody there is part of. */
async function world() {
  const home = await createMunicipalityWithRoles(t.db);
  const away = await createMunicipalityWithRoles(t.db);
  const { people } = home;
  const plan = await createPlan(t.db.prisma, {
    municipalityId: home.municipality.id,
    ownerId: people.user.id,
    coordinatorId: people.coordinator.id,
    participants: [
      { userId: people.relative.id, kind: "RELATIVE", consent: true },
      { userId: people.staff.id, kind: "PROVIDER", consent: true },
    ],
  });
  const otherOwner = await createUser(t.db.prisma, { municipalityId: home.municipality.id, roles: ["USER"] });
  const otherPlan = await createPlan(t.db.prisma, { municipalityId: home.municipality.id, ownerId: otherOwner.id, status: "DRAFT" });
  const awayPlan = await createPlan(t.db.prisma, {
    municipalityId: away.municipality.id,
    ownerId: away.people.user.id,
    coordinatorId: away.people.coordinator.id,
  });
  return { home, away, plan, otherPlan, awayPlan };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("plan.list", () => {
  it("gives each member only the plans they take part in", async () => {
    const { home, plan } = await world();
    for (const key of ["user", "relative", "staff", "coordinator"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      expect(ids(await caller.plan.list()), key).toEqual([plan.id]);
    }
    for (const key of ["unitLeader", "admin"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      expect(await caller.plan.list(), key).toEqual([]);
    }
  });

  it("gives coordinating-unit roles every plan of their own municipality and nothing from another", async () => {
    const { home, plan, otherPlan } = await world();
    for (const key of ["caseOfficer", "keLeader"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      const plans = await caller.plan.list();
      expect(ids(plans)).toEqual([plan.id, otherPlan.id].sort());
      // Overview fields only.
      expect(Object.keys(plans[0]).sort()).toEqual([
        "coordinator",
        "evaluationsDue",
        "id",
        "lastActivityAt",
        "lastMeetingAt",
        "newFromUser",
        "nextMeetingAt",
        "nextReviewAt",
        "owner",
        "status",
        "type",
        "updatedAt",
      ]);
    }
  });

  it("stops listing a plan for a participant who is no longer active, and for a released coordinator", async () => {
    const { home, plan } = await world();
    await t.db.prisma.planParticipant.updateMany({ where: { planId: plan.id, userId: home.people.relative.id }, data: { active: false } });
    await t.db.prisma.coordinatorAssignment.updateMany({ where: { planId: plan.id }, data: { endedAt: new Date() } });
    expect(await (await signIn(t.db, home.people.relative.id)).caller.plan.list()).toEqual([]);
    expect(await (await signIn(t.db, home.people.coordinator.id)).caller.plan.list()).toEqual([]);
  });
});

describe("plan.byId: who reads one plan", () => {
  it("lets a participant in only while one of their consents holds, until its end, and nobody once their part or assignment ended", async () => {
    const { home, plan, awayPlan } = await world();
    const prisma = t.db.prisma;
    const relative = (await signIn(t.db, home.people.relative.id)).caller;
    const row = await prisma.planParticipant.findFirstOrThrow({ where: { planId: plan.id, userId: home.people.relative.id } });
    const day = 24 * 60 * 60 * 1000;
    const consent = (data: { validFrom?: Date; validTo?: Date | null; withdrawnAt?: Date | null }) =>
      prisma.participantConsent.create({ data: { participantId: row.id, grantedById: home.people.user.id, ...data } });
    const refusal = async () => (await relative.plan.byId({ planId: plan.id }).then(() => "read", (e: { code: string }) => e.code));

    // The factory's consent, open-ended: read, with no end.
    expect((await relative.plan.byId({ planId: plan.id })).access).toMatchObject({ role: "PARTICIPANT", expiresAt: null });
    // Ended, withdrawn, or not begun yet: none holds.
    await prisma.participantConsent.updateMany({ where: { participantId: row.id }, data: { validTo: new Date(Date.now() - day) } });
    await consent({ withdrawnAt: new Date() });
    await consent({ validFrom: new Date(Date.now() + day) });
    expect(await refusal()).toBe("NOT_FOUND");
    // One that holds until a date: read, and the access ends then.
    const until = new Date(Date.now() + 10 * day);
    await consent({ validFrom: new Date(Date.now() - day), validTo: until });
    expect((await relative.plan.byId({ planId: plan.id })).access.expiresAt).toBe(until.toISOString());
    // No longer an active participant: refused, consent or not.
    await prisma.planParticipant.update({ where: { id: row.id }, data: { active: false } });
    expect(await refusal()).toBe("NOT_FOUND");

    // A coordinator reads while assigned; a plan of another municipality is not there for them.
    const coordinator = (await signIn(t.db, home.people.coordinator.id)).caller;
    expect((await coordinator.plan.byId({ planId: plan.id })).access.role).toBe("COORDINATOR");
    await expect(coordinator.plan.byId({ planId: awayPlan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await prisma.coordinatorAssignment.updateMany({ where: { planId: plan.id }, data: { endedAt: new Date() } });
    await expect(coordinator.plan.byId({ planId: plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("plan.mine", () => {
  it("shows the service user their plan with coordinator and group, and audits the read", async () => {
    const { home, plan } = await world();
    const { caller } = await signIn(t.db, home.people.user.id);
    const [mine] = await caller.plan.mine();
    expect(mine.id).toBe(plan.id);
    expect(mine.coordinator?.id).toBe(home.people.coordinator.id);
    expect(mine.participants.map((p) => p.kind).sort()).toEqual(["PROVIDER", "RELATIVE"]);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.view", planId: plan.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: home.people.user.id, municipalityId: home.municipality.id });
  });

  it("is refused to every role but the service user", async () => {
    const { home } = await world();
    for (const key of ["relative", "staff", "coordinator", "caseOfficer", "keLeader", "unitLeader", "admin"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      await expect(caller.plan.mine(), key).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.db.prisma.auditEvent.count({ where: { action: "plan.view" } })).toBe(0);
  });
});

describe("plan.stats", () => {
  it("counts the caller's municipality for KE roles and the administrator", async () => {
    const { home } = await world();
    for (const key of ["caseOfficer", "keLeader", "admin"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      expect(await caller.plan.stats()).toEqual({ active: 1, draft: 1, closed: 0, activeWithoutCoordinator: 0, reviewDue: 0 });
    }
  });

  it("is refused to members and unit leaders", async () => {
    const { home } = await world();
    for (const key of ["user", "relative", "staff", "coordinator", "unitLeader"] as const) {
      const { caller } = await signIn(t.db, home.people[key].id);
      await expect(caller.plan.stats(), key).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("user.list and unit procedures", () => {
  it("lets the administrator list only their own municipality's users", async () => {
    const { home, away } = await world();
    const { caller } = await signIn(t.db, home.people.admin.id);
    const users = await caller.user.list();
    expect(users.some((u) => u.id === home.people.user.id)).toBe(true);
    const awayIds = new Set(Object.values(away.people).map((p) => p.id));
    expect(users.some((u) => awayIds.has(u.id))).toBe(false);
    expect(users.every((u) => !("passwordHash" in u))).toBe(true);
    for (const key of ["user", "coordinator", "keLeader", "unitLeader"] as const) {
      await expect((await signIn(t.db, home.people[key].id)).caller.user.list(), key).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("shows a unit leader the page of their own unit only", async () => {
    const { home, away, plan } = await world();
    const leader = (await signIn(t.db, home.people.unitLeader.id)).caller;
    const load = await leader.dashboard.unit();
    expect(load.unit.id).toBe(home.unit.id);
    expect(load.coordinators).toEqual([expect.objectContaining({ id: home.people.coordinator.id, activePlans: 1 })]);
    const otherUnit = await t.db.prisma.unit.create({ data: { municipalityId: home.municipality.id, name: "Annen enhet" } });
    await expect(leader.dashboard.unit({ unitId: otherUnit.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // KE may look at any unit of its own municipality, never another municipality's.
    const ke = (await signIn(t.db, home.people.keLeader.id)).caller;
    await expect(ke.dashboard.unit({ unitId: otherUnit.id })).resolves.toMatchObject({ coordinators: [] });
    await expect(ke.dashboard.unit({ unitId: away.unit.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const key of ["user", "coordinator", "staff", "relative"] as const) {
      await expect((await signIn(t.db, home.people[key].id)).caller.dashboard.unit(), key).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(plan).toBeTruthy();
  });

  it("rejects a malformed unit id with a 400", async () => {
    const { home } = await world();
    const { caller } = await signIn(t.db, home.people.keLeader.id);
    await expect(caller.dashboard.unit({ unitId: "ikke-en-id" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
