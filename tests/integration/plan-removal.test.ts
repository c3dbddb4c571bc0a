import { describe, expect, it } from "vitest";
import { RESTORE_DAYS } from "../../app/domain/lists.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Deleting, restoring and reordering plan content (issue 13, docs/decisions/029): a soft delete
// with a reason, by those with the right to change the item, one audit row each, gone from every
// list and count, restorable by the coordinator for RESTORE_DAYS; an order that is kept.

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const PURPOSE = "Kvalitetskontroll av planen";
const auditRows = (w: PlanWorld, action: string) => prisma().auditEvent.findMany({ where: { planId: w.plan.id, action } });

async function overdueGoal(w: PlanWorld) {
  return w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Gå tur hver dag", evaluationDate: "2020-01-01" });
}

describe("deleting plan content", () => {
  it("refuses readers, other plans' staff and other municipalities, and writes nothing when refused", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    const before = await prisma().auditEvent.count({ where: { action: { endsWith: ".delete" } } });
    const refusals = [
      ["relativeWithConsent", "FORBIDDEN"],
      ["staffInGroup", "FORBIDDEN"],
      ["relativeWithoutConsent", "NOT_FOUND"],
      ["staffOutside", "NOT_FOUND"],
      ["unitLeader", "NOT_FOUND"],
      ["keLeader", "FORBIDDEN"],
      ["away", "NOT_FOUND"],
    ] as const;
    for (const [who, code] of refusals) {
      await expect(w.callers[who].goal.delete({ id: w.goal.id, reason: "Feil" }), who).rejects.toMatchObject({ code });
      await expect(w.callers[who].measure.delete({ id: w.measure.id, reason: "Feil" }), who).rejects.toMatchObject({ code });
      await expect(w.callers[who].goal.reorder({ goalId: w.goal.id, position: 0 }), who).rejects.toMatchObject({ code });
    }
    expect(await prisma().auditEvent.count({ where: { action: { endsWith: ".delete" } } })).toBe(before);
    expect((await prisma().goal.findUniqueOrThrow({ where: { id: w.goal.id } })).deletedAt).toBeNull();
  });

  it("a goal goes with its sub-goals and measures, and disappears from the plan, print, lists and dashboard counts", async () => {
    const w = await createPlanWorld(t.db);
    const goal = await overdueGoal(w);
    const sub = await w.callers.coordinator.goal.create({ planId: w.plan.id, parentId: goal.id, lifeArea: "HEALTH", title: "Gå til postkassen" });
    const measure = await w.callers.coordinator.measure.create({ goalId: sub.id, title: "Følge på tur", responsibleUserId: w.people.staffInGroup.id, evaluationDate: "2020-01-01" });
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    const overdueMeasures = async () => (await w.callers.keLeader.dashboard.measures({ metric: "evaluationOverdue" })).total;
    const planRow = () => prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    expect((await planRow()).openEvaluationDue?.toISOString().slice(0, 10)).toBe("2020-01-01");
    const measuresBefore = await overdueMeasures();

    await w.callers.owner.goal.delete({ id: goal.id, reason: "Skrevet inn to ganger" });

    const rows = await prisma().goal.findMany({ where: { id: { in: [goal.id, sub.id] } } });
    expect(rows.map((r) => [r.deletedReason, r.deletedById])).toEqual([
      ["Skrevet inn to ganger", w.people.owner.id],
      ["Skrevet inn to ganger", w.people.owner.id],
    ]);
    expect((await prisma().measure.findUniqueOrThrow({ where: { id: measure.id } })).deletedAt).toEqual(rows[0].deletedAt);
    // One audit row for the delete, naming the goal, with how much went with it.
    const audit = await auditRows(w, "goal.delete");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: w.people.owner.id, kind: "CHANGE", targetType: "goal", targetId: goal.id, details: { alsoDeleted: 2 } });

    const plan = await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    expect(plan.goals.map((g) => g.id)).toEqual([w.goal.id]);
    expect((await w.callers.staffInGroup.measure.mine()).map((m) => m.id)).not.toContain(measure.id);
    expect(await overdueMeasures()).toBe(measuresBefore - 1);
    expect((await planRow()).openEvaluationDue).toBeNull();
    // A deleted goal cannot be changed, commented on or evaluated.
    await expect(w.callers.coordinator.goal.update({ goalId: goal.id, version: 1, changes: { title: "x" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.coordinator.comment.create({ planId: w.plan.id, targetType: "goal", targetId: goal.id, body: "Hei" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Everyone in the plan sees what went and why; only the coordinator may restore.
    const deleted = await w.callers.relativeWithConsent.plan.deleted({ planId: w.plan.id });
    expect(deleted.map((d) => [d.kind, d.id, d.label, d.reason, d.canRestore])).toEqual([["goal", goal.id, "Gå tur hver dag", "Skrevet inn to ganger", false]]);
    await expect(w.callers.owner.goal.restore({ id: goal.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.coordinator.measure.restore({ id: measure.id })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "removal.parentDeleted" });

    await w.callers.coordinator.goal.restore({ id: goal.id });
    expect((await w.callers.coordinator.plan.byId({ planId: w.plan.id })).goals.map((g) => g.id).sort()).toEqual([w.goal.id, goal.id, sub.id].sort());
    expect((await prisma().measure.findUniqueOrThrow({ where: { id: measure.id } })).deletedAt).toBeNull();
    expect(await overdueMeasures()).toBe(measuresBefore);
    expect((await planRow()).openEvaluationDue?.toISOString().slice(0, 10)).toBe("2020-01-01");
    expect(await auditRows(w, "goal.restore")).toHaveLength(1);
    expect(await w.callers.coordinator.plan.deleted({ planId: w.plan.id })).toEqual([]);
  });

  it("counts a deleted user-written goal out of the plan's user-written goals", async () => {
    const w = await createPlanWorld(t.db);
    const count = async () => (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).userWrittenGoals;
    expect(await count()).toBe(1);
    await w.callers.owner.goal.delete({ id: w.goal.id, reason: "Ikke viktig lenger" });
    expect(await count()).toBe(0);
    await w.callers.coordinator.goal.restore({ id: w.goal.id });
    expect(await count()).toBe(1);
  });

  it("restores only within 30 days", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.coordinator.measure.delete({ id: w.measure.id, reason: "Feil" });
    await prisma().measure.update({ where: { id: w.measure.id }, data: { deletedAt: new Date(Date.now() - (RESTORE_DAYS + 1) * 86_400_000) } });
    await expect(w.callers.coordinator.measure.restore({ id: w.measure.id })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "removal.tooOld" });
    expect(await w.callers.coordinator.plan.deleted({ planId: w.plan.id })).toEqual([]);
  });

  it("log entries by their author or the coordinator, comments by their author only", async () => {
    const w = await createPlanWorld(t.db);
    const entry = await w.callers.relativeWithConsent.log.create({ planId: w.plan.id, body: "Kari var glad i dag" });
    const comment = await w.callers.relativeWithConsent.comment.create({ planId: w.plan.id, targetType: "about", body: "Fint skrevet" });
    await expect(w.callers.staffInGroup.log.delete({ id: entry.id, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.coordinator.comment.delete({ id: comment.id, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await w.callers.coordinator.log.delete({ id: entry.id, reason: "Hører til en annen plan" });
    await w.callers.relativeWithConsent.comment.delete({ id: comment.id, reason: "Angret" });
    const plan = await w.callers.owner.plan.byId({ planId: w.plan.id });
    expect(plan.logEntries.map((e) => e.id)).not.toContain(entry.id);
    expect(plan.comments.map((c) => c.id)).not.toContain(comment.id);
    // Deleting twice is not found: it is already gone.
    await expect(w.callers.coordinator.log.delete({ id: entry.id, reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a closed plan refuses deletes, restores and moves", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Avlastning", provider: "Bo og aktivitet" });
    await w.callers.coordinator.measure.delete({ id: w.otherMeasure.id, reason: "Feil" });
    const version = (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;
    await w.callers.coordinator.plan.close({ planId: w.plan.id, version, reason: "Målene er nådd.", endedOn: "2026-11-30" });
    const closed = { code: "FORBIDDEN", messageKey: "plan.closedReadOnly" };
    await expect(w.callers.coordinator.goal.delete({ id: w.goal.id, reason: "x" })).rejects.toMatchObject(closed);
    await expect(w.callers.coordinator.measure.restore({ id: w.otherMeasure.id })).rejects.toMatchObject(closed);
    await expect(w.callers.coordinator.measure.reorder({ measureId: w.measure.id, position: 1 })).rejects.toMatchObject(closed);
  });
});

describe("reordering", () => {
  it("keeps the order the group chooses, among siblings only, and leaves the items' versions alone", async () => {
    const w = await createPlanWorld(t.db);
    const second = await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Treffe venner" });
    const third = await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title: "Svømme" });
    const sub = await w.callers.coordinator.goal.create({ planId: w.plan.id, parentId: third.id, lifeArea: "LEISURE", title: "Kjøpe badetøy" });
    const order = async () => (await w.callers.owner.plan.byId({ planId: w.plan.id })).goals.filter((g) => !g.parentId).map((g) => g.id);
    expect(await order()).toEqual([w.goal.id, second.id, third.id]);

    await w.callers.owner.goal.reorder({ goalId: third.id, position: 0 });
    expect(await order()).toEqual([third.id, w.goal.id, second.id]);
    // Past the end is the end.
    await w.callers.representative.goal.reorder({ goalId: third.id, position: 99 });
    expect(await order()).toEqual([w.goal.id, second.id, third.id]);
    expect((await prisma().goal.findUniqueOrThrow({ where: { id: third.id } })).version).toBe(third.version);
    expect((await prisma().goal.findUniqueOrThrow({ where: { id: sub.id } })).sortOrder).toBe(0);
    expect(await auditRows(w, "goal.reorder")).toHaveLength(2);

    const measures = async () => (await w.callers.owner.plan.byId({ planId: w.plan.id })).goals.find((g) => g.id === w.goal.id)!.measures.map((m) => m.id);
    expect(await measures()).toEqual([w.measure.id, w.otherMeasure.id]);
    await w.callers.coordinator.measure.reorder({ measureId: w.otherMeasure.id, position: 0 });
    expect(await measures()).toEqual([w.otherMeasure.id, w.measure.id]);
    // A new measure goes last.
    const added = await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Handle sammen" });
    expect(await measures()).toEqual([w.otherMeasure.id, w.measure.id, added.id]);
  });
});
