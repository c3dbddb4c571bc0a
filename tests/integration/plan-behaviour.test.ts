import { describe, expect, it } from "vitest";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const participantOf = (userId: string) => t.db.prisma.planParticipant.findFirstOrThrow({ where: { userId } });

describe("consent", () => {
  it("withdrawn: the participant loses access at once, and gets it back with a new consent", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).resolves.toBeTruthy();
    const relative = await participantOf(w.people.relativeWithConsent.id);
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: relative.id });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.relativeWithConsent.log.create({ planId: w.plan.id, body: "hei" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The history is kept.
    expect(await t.db.prisma.participantConsent.findMany({ where: { participantId: relative.id } })).toEqual([
      expect.objectContaining({ withdrawnById: w.people.owner.id, withdrawnAt: expect.any(Date) }),
    ]);
    await w.callers.representative.consent.grant({ planId: w.plan.id, participantId: relative.id });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).resolves.toBeTruthy();
  });

  it("expired: a consent past its end date gives no access", async () => {
    const w = await createPlanWorld(t.db);
    const staff = await participantOf(w.people.staffInGroup.id);
    await t.db.prisma.participantConsent.updateMany({ where: { participantId: staff.id }, data: { validTo: new Date(Date.now() - 1000) } });
    await expect(w.callers.staffInGroup.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await w.callers.staffInGroup.measure.mine()).toEqual([]);
  });

  it("the user's consent to the plan: withdrawn, only the user, representative and coordinator see the plan", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.owner.consent.withdraw({ planId: w.plan.id });
    for (const who of ["relativeWithConsent", "staffInGroup"] as const) {
      await expect(w.callers[who].plan.byId({ planId: w.plan.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    for (const who of ["owner", "representative", "coordinator"] as const) {
      await expect(w.callers[who].plan.byId({ planId: w.plan.id }), who).resolves.toBeTruthy();
    }
  });

  it("the coordinator cannot decide consent on the user's behalf", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.coordinator.consent.grant({ planId: w.plan.id, participantId: w.external.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "consent.userDecides",
    });
  });
});

describe("coordinator handover", () => {
  it("closes the old term and opens the new one at the same instant, with the note, and the old coordinator loses access", async () => {
    const w = await createPlanWorld(t.db);
    await expect(
      w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id }),
    ).rejects.toMatchObject({ messageKey: "coordinator.handoverNoteRequired" });
    await w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "Kari vil ha møter før 12." });
    const terms = await t.db.prisma.coordinatorAssignment.findMany({ where: { planId: w.plan.id }, orderBy: { startedAt: "asc" } });
    expect(terms).toHaveLength(2);
    expect(terms[0].endedAt?.getTime()).toBe(terms[1].startedAt.getTime());
    expect(terms[1]).toMatchObject({ coordinatorId: w.people.staffOutside.id, endedAt: null, handoverNote: "Kari vil ha møter før 12." });
    await expect(w.callers.coordinator.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.staffOutside.plan.byId({ planId: w.plan.id })).resolves.toBeTruthy();
  });

  it("two appointments at the same moment: one wins, the plan has exactly one coordinator", async () => {
    const w = await createPlanWorld(t.db);
    const results = await Promise.allSettled([
      w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "a" }),
      w.callers.caseOfficer.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.prisma.coordinatorAssignment.count({ where: { planId: w.plan.id, endedAt: null } })).toBe(1);
  });

  it("a unit leader may appoint only coordinators of their own unit", async () => {
    const w = await createPlanWorld(t.db);
    const elsewhere = await t.db.prisma.user.update({ where: { id: w.people.staffOutside.id }, data: { unitId: null } });
    await expect(
      w.callers.unitLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: elsewhere.id, handoverNote: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "coordinator.ownUnitOnly" });
  });
});

describe("concurrent edits", () => {
  it("a save from a stale copy is refused with the current value, and nothing is overwritten", async () => {
    const w = await createPlanWorld(t.db);
    const { version } = await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } });
    await w.callers.owner.goal.update({ goalId: w.goal.id, version, changes: { title: "Klare morgenen helt selv" } });
    const stale = await w.callers.coordinator.goal.update({ goalId: w.goal.id, version, changes: { title: "Morgenrutiner" } }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "CONFLICT", messageKey: "plan.conflict", details: { current: { title: "Klare morgenen helt selv", version: version + 1 } } });
    expect((await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } })).title).toBe("Klare morgenen helt selv");
  });

  it("two saves racing from the same version: exactly one wins", async () => {
    const w = await createPlanWorld(t.db);
    const { version } = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    const results = await Promise.allSettled([
      w.callers.owner.plan.update({ planId: w.plan.id, version, changes: { nextReviewAt: "2027-03-01" } }),
      w.callers.representative.plan.update({ planId: w.plan.id, version, changes: { nextReviewAt: "2027-04-01" } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
  });
});

describe("audit trail", () => {
  it("records reads (with the coordinating unit's purpose) and writes, and shows them to the user", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: "Årlig kvalitetsgjennomgang" });
    await w.callers.keLeader.plan.byId({ planId: w.plan.id });
    const goal = await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "HOUSING", title: "Egen leilighet" });
    const rows = await t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["plan.view", w.people.coordinator.id],
      ["plan.purpose", w.people.keLeader.id],
      ["plan.view", w.people.keLeader.id],
      ["goal.create", w.people.owner.id],
    ]);
    // The statement and every read it allows carry the purpose.
    expect(rows[1].purpose).toBe("Årlig kvalitetsgjennomgang");
    expect(rows[2].purpose).toBe("Årlig kvalitetsgjennomgang");
    expect(rows[3]).toMatchObject({ targetType: "goal", targetId: goal.id, municipalityId: w.home.id });

    const seen = await w.callers.owner.audit.forPlan({ planId: w.plan.id });
    expect(seen.lines.find((l) => l.actions.includes("plan.view") && l.actorId === w.people.coordinator.id)).toMatchObject({
      actorName: "Ingrid Koordinator",
      planRole: "COORDINATOR",
      kind: "READ",
      count: 1,
    });
  });

  it("a refused or failed change writes neither the change nor an audit row", async () => {
    const w = await createPlanWorld(t.db);
    const before = await t.db.prisma.auditEvent.count();
    await expect(w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "HOUSING", title: "Del", parentId: w.goal.id })).resolves.toBeTruthy();
    const sub = await t.db.prisma.goal.findFirstOrThrow({ where: { parentId: w.goal.id } });
    // A sub-goal of a sub-goal is refused inside the transaction: nothing of it remains.
    await expect(w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "HOUSING", title: "For dypt", parentId: sub.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await t.db.prisma.goal.count({ where: { title: "For dypt" } })).toBe(0);
    expect(await t.db.prisma.auditEvent.count()).toBe(before + 1);
  });
});

describe("the user's own words", () => {
  it("marks goals the user or representative wrote, and not those staff wrote", async () => {
    const w = await createPlanWorld(t.db);
    const mine = await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Gå på kino" });
    const rep = await w.callers.representative.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Svømme" });
    const staff = await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Blodtrykk" });
    expect([mine.writtenByUser, rep.writtenByUser, staff.writtenByUser]).toEqual([true, true, false]);
  });

  // Writing in "Om meg" happens in the co-editor; that staff only read there is in collab.test.ts.
  it("staff may comment on 'Om meg'; texts are not changed through the form procedures", async () => {
    const w = await createPlanWorld(t.db);
    const goal = await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } });
    await expect(
      w.callers.coordinator.goal.update({ goalId: goal.id, version: goal.version, changes: { description: "x" } as never }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.comment.create({ planId: w.plan.id, targetType: "about", body: "Skal vi legge til katten?" })).resolves.toBeTruthy();
  });
});

describe("invalid input", () => {
  it("gets BAD_REQUEST with a readable message and changes nothing", async () => {
    const w = await createPlanWorld(t.db);
    const goalsBefore = await t.db.prisma.goal.count();
    const auditBefore = await t.db.prisma.auditEvent.count();
    const attempts: [string, () => Promise<unknown>][] = [
      ["missing title", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL" } as never)],
      ["empty title", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "   " })],
      ["too long title", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "x".repeat(301) })],
      ["unknown life area", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "MOON" as never, title: "x" })],
      ["wrong id", () => w.callers.owner.goal.create({ planId: "not-a-uuid", lifeArea: "SOCIAL", title: "x" })],
      ["score out of range", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "x", baselineScore: 9 })],
      ["wrong type", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: 42 as never })],
      ["bad date", () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "x", evaluationDate: "31.12.2027" as never })],
      ["unknown field", () => w.callers.owner.goal.update({ goalId: w.goal.id, version: 1, changes: { ownerId: "x" } as never })],
      ["responsible outside group", () => w.callers.owner.measure.create({ goalId: w.goal.id, title: "x", responsibleUserId: w.people.staffOutside.id })],
    ];
    for (const [label, attempt] of attempts) {
      const error = (await attempt().catch((e: unknown) => e)) as { code?: string };
      expect(error.code, label).toBe("BAD_REQUEST");
    }
    expect(await t.db.prisma.goal.count()).toBe(goalsBefore);
    expect(await t.db.prisma.measure.count({ where: { title: "x" } })).toBe(0);
    expect(await t.db.prisma.auditEvent.count()).toBe(auditBefore);
  });
});

describe("what needs attention in 'Mine planer'", () => {
  it("counts evaluations that are due and the user's changes since the caller last opened the plan", async () => {
    const w = await createPlanWorld(t.db);
    await t.db.prisma.goal.update({ where: { id: w.goal.id }, data: { evaluationDate: new Date(Date.now() - 86_400_000) } });
    await t.db.prisma.measure.update({ where: { id: w.measure.id }, data: { evaluationDate: new Date(Date.now() + 30 * 86_400_000) } });
    await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Ny venn" });
    await w.callers.owner.log.create({ planId: w.plan.id, body: "Hei fra meg" });
    const [row] = await w.callers.coordinator.plan.list();
    expect(row).toMatchObject({ evaluationsDue: 1, newFromUser: 2 });
    await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    expect((await w.callers.coordinator.plan.list())[0].newFromUser).toBe(0);
  });
});

describe("participant.candidates", () => {
  it("finds staff and relatives by name for those who manage the group, never service users", async () => {
    const w = await createPlanWorld(t.db);
    const found = await w.callers.coordinator.participant.candidates({ planId: w.plan.id, query: "per" });
    expect(found.map((u) => u.id)).toContain(w.people.staffOutside.id);
    const anyone = await w.callers.owner.participant.candidates({ planId: w.plan.id, query: "e" }).catch((e: unknown) => e);
    expect(anyone).toMatchObject({ code: "BAD_REQUEST" });
    const users = await w.callers.owner.participant.candidates({ planId: w.plan.id, query: "Kari" });
    expect(users).toEqual([]);
    await expect(w.callers.relativeWithConsent.participant.candidates({ planId: w.plan.id, query: "per" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.staffOutside.participant.candidates({ planId: w.plan.id, query: "per" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("'Mine tiltak' is a read of plan content", () => {
  it("writes an audit row for each plan whose measures it shows", async () => {
    const w = await createPlanWorld(t.db);
    expect((await w.callers.staffInGroup.measure.mine()).map((m) => m.id)).toEqual([w.measure.id]);
    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "measure.mine.view" } });
    expect(rows).toEqual([expect.objectContaining({ actorId: w.people.staffInGroup.id, planId: w.plan.id })]);
  });
});
