import { describe, expect, it } from "vitest";
import { resolveDocumentAccess } from "../../server/collab/access.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Closing a plan and opening it again (issue 13): why and when, by whom, and a closed plan is
// read-only for everyone, by the server, whichever procedure is asked.

const t = useTestDatabase();
const version = async (w: PlanWorld) => (await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;
const close = async (w: PlanWorld, who: keyof PlanWorld["callers"] = "coordinator") =>
  w.callers[who].plan.close({ planId: w.plan.id, version: await version(w), reason: "Målene er nådd, og Kari ønsker ikke plan lenger.", endedOn: "2026-11-30" });

describe("closing a plan", () => {
  it("records why and from when, and everyone still reads it", async () => {
    const w = await createPlanWorld(t.db);
    await close(w);
    const stored = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    expect(stored).toMatchObject({ status: "CLOSED", closedReason: "Målene er nådd, og Kari ønsker ikke plan lenger.", closedById: w.people.coordinator.id });
    expect(stored.endDate?.toISOString().slice(0, 10)).toBe("2026-11-30");
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { planId: w.plan.id, action: "plan.close" } });
    expect(row).toMatchObject({ kind: "CHANGE", actorId: w.people.coordinator.id, details: { reason: "Målene er nådd, og Kari ønsker ikke plan lenger.", endedOn: "2026-11-30" } });
    for (const who of ["owner", "representative", "coordinator", "relativeWithConsent"] as const) {
      const plan = await w.callers[who].plan.byId({ planId: w.plan.id });
      expect(plan.status, who).toBe("CLOSED");
      expect(plan.closedReason, who).toBe("Målene er nådd, og Kari ønsker ikke plan lenger.");
      expect(plan.access, who).toMatchObject({ closed: true, canEditPlan: false, canComment: false, canEditAbout: false, canEditOwnMeasures: false });
    }
    // The user finds it among their plans.
    expect((await w.callers.owner.plan.mine()).map((p) => [p.id, p.status])).toContainEqual([w.plan.id, "CLOSED"]);
  });

  it("makes the plan read-only for everyone: every change to its content is refused in words, and nothing is written", async () => {
    const w = await createPlanWorld(t.db);
    await close(w);
    const before = await t.db.prisma.auditEvent.count();
    const refusals: [string, () => Promise<unknown>][] = [
      ["goal.create", () => w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Nytt mål", status: "NOT_STARTED", evaluationDate: null })],
      ["goal.update", () => w.callers.owner.goal.update({ goalId: w.goal.id, version: w.goal.version, changes: { title: "Endret" } })],
      ["measure.update", () => w.callers.coordinator.measure.update({ measureId: w.measure.id, version: w.measure.version, changes: { status: "COMPLETED" } })],
      ["comment.create", () => w.callers.owner.comment.create({ planId: w.plan.id, targetType: "about", body: "Hei" })],
      ["log.create", () => w.callers.coordinator.log.create({ planId: w.plan.id, body: "Ringte Kari." })],
      ["plan.update", async () => w.callers.coordinator.plan.update({ planId: w.plan.id, version: await version(w), changes: { nextReviewAt: "2027-06-01" } })],
      [
        "meeting.create",
        () => w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: new Date(Date.now() + 72 * 3600_000).toISOString(), durationMinutes: 60, location: "Helsehuset", invitees: [] }),
      ],
      ["plan.close", () => close(w)],
    ];
    for (const [name, call] of refusals) await expect(call(), name).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.closedReadOnly" });
    expect(await t.db.prisma.auditEvent.count()).toBe(before);
    // Co-edited texts open read-only.
    const { auth } = await signIn(t.db, w.people.owner.id);
    const text = await resolveDocumentAccess(t.db.prisma, auth.user, { kind: "goal", id: w.goal.id, field: "description" } as never);
    expect(text.canEdit).toBe(false);
    // Who may see it is still the user's to decide: consent can be withdrawn.
    await expect(w.callers.representative.consent.withdraw({ planId: w.plan.id, participantId: w.external.id })).resolves.toBeTruthy();
  });

  it("is for the coordinator and the coordinating unit (with a purpose), never the user, relatives or other staff", async () => {
    const w = await createPlanWorld(t.db);
    for (const who of ["owner", "representative", "relativeWithConsent", "staffInGroup"] as const) {
      await expect(close(w, who), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(close(w, "staffOutside")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(close(w, "away")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(close(w, "keLeader")).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: "Avslutning etter vedtak" });
    await close(w, "keLeader");
    expect((await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).status).toBe("CLOSED");
  });

  it("asks for a reason and a date that make sense, and a closed status only by closing", async () => {
    const w = await createPlanWorld(t.db);
    const v = await version(w);
    await expect(w.callers.coordinator.plan.close({ planId: w.plan.id, version: v, reason: "  ", endedOn: "2026-11-30" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.plan.close({ planId: w.plan.id, version: v, reason: "Ferdig", endedOn: "30.11.2026" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { startDate: new Date("2026-06-01T00:00:00Z") } });
    await expect(w.callers.coordinator.plan.close({ planId: w.plan.id, version: v, reason: "Ferdig", endedOn: "2026-05-01" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "plan.close.beforeStart",
    });
    await expect(w.callers.coordinator.plan.update({ planId: w.plan.id, version: v, changes: { status: "CLOSED" as never } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.plan.close({ planId: w.plan.id, version: v + 1, reason: "Ferdig", endedOn: "2026-11-30" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).status).toBe("ACTIVE");
  });
});

describe("opening a closed plan again", () => {
  it("takes a reason, clears the closing, and the plan can be changed again", async () => {
    const w = await createPlanWorld(t.db);
    await close(w);
    await expect(w.callers.owner.plan.reopen({ planId: w.plan.id, version: await version(w), reason: "Ny periode" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await w.callers.coordinator.plan.reopen({ planId: w.plan.id, version: await version(w), reason: "Kari ønsker en ny periode med nye mål." });
    expect(await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).toMatchObject({ status: "ACTIVE", closedAt: null, closedReason: null, endDate: null });
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { planId: w.plan.id, action: "plan.reopen" } });
    expect(row.details).toMatchObject({ reason: "Kari ønsker en ny periode med nye mål." });
    await expect(w.callers.coordinator.log.create({ planId: w.plan.id, body: "Ny periode." })).resolves.toBeTruthy();
    await expect(w.callers.coordinator.plan.reopen({ planId: w.plan.id, version: await version(w), reason: "Igjen" })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "plan.reopen.notClosed" });
  });
});
