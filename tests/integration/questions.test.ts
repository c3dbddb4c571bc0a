import { describe, expect, it } from "vitest";
import { createPlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// The coordinating unit's questions to a plan's coordinator (issue 14): asked with the KE leader's
// own words, one open at a time, answered in a thread that only the coordinator, the coordinating
// unit and the coordinator's unit leader see, never in the plan's log.

const t = useTestDatabase();

describe("questions to a plan's coordinator", () => {
  it("go to the coordinator as a notice and into their own thread, not the plan's log; the list shows one is open", async () => {
    const w = await createPlanWorld(t.db);
    const logBefore = await t.db.prisma.logEntry.count({ where: { planId: w.plan.id } });
    const { questionId } = await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Planen har ikke vært oppdatert på lenge – kan du se på den?" });
    expect(await t.db.prisma.logEntry.count({ where: { planId: w.plan.id } })).toBe(logBefore);
    const [notice] = await t.db.prisma.notification.findMany({ where: { userId: w.people.coordinator.id, kind: "plan.question" } });
    expect(notice).toMatchObject({ link: `/planer/${w.plan.id}/sporsmal`, body: "Planen har ikke vært oppdatert på lenge – kan du se på den?" });

    const listed = await w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter: {} });
    const row = listed.rows.find((p) => p.id === w.plan.id)!;
    expect(row.openQuestionAt).toBeInstanceOf(Date);

    const thread = await w.callers.coordinator.question.forPlan({ planId: w.plan.id });
    expect(thread.mayAnswer).toBe(true);
    expect(thread.questions).toEqual([expect.objectContaining({ id: questionId, answeredAt: null, messages: [expect.objectContaining({ authorName: w.people.keLeader.name })] })]);
    // The plan page links the thread for the coordinator and the coordinating unit only.
    expect((await w.callers.coordinator.plan.byId({ planId: w.plan.id })).questions).toEqual({ count: 1, open: true });
    expect((await w.callers.owner.plan.byId({ planId: w.plan.id })).questions).toBeNull();
    expect((await w.callers.staffInGroup.plan.byId({ planId: w.plan.id })).questions).toBeNull();
    // Reading the thread is a read of the plan, recorded as one.
    expect(await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "plan.questions.view", actorId: w.people.coordinator.id } })).toBe(1);
  });

  it("are seen by the coordinator, the coordinating unit and the coordinator's unit leader; refused for everyone else", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Kan du se på planen?" });
    for (const who of ["coordinator", "keLeader", "caseOfficer", "unitLeader"] as Who[]) {
      const thread = await w.callers[who].question.forPlan({ planId: w.plan.id });
      expect(thread.questions, who).toHaveLength(1);
      expect(thread.mayAnswer, who).toBe(who === "coordinator");
    }
    for (const who of ["owner", "representative", "relativeWithConsent", "relativeWithoutConsent", "staffInGroup", "staffOutside", "admin", "away"] as Who[]) {
      await expect(w.callers[who].question.forPlan({ planId: w.plan.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("only the KE leader asks, one open question at a time; the coordinator's answer closes it and tells the one who asked", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.caseOfficer.question.ask({ planId: w.plan.id, text: "Spørsmål" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.away.question.ask({ planId: w.plan.id, text: "Spørsmål" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { questionId } = await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Første spørsmål" });
    await expect(w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Andre spørsmål" })).rejects.toMatchObject({ code: "CONFLICT" });
    // A follow-up from the coordinating unit keeps it open; the coordinator's answer closes it.
    expect(await w.callers.caseOfficer.question.reply({ questionId, text: "Husk også gjennomgangen." })).toEqual({ answered: false });
    expect(await w.callers.coordinator.question.reply({ questionId, text: "Vi har møte neste uke." })).toEqual({ answered: true });
    expect(await t.db.prisma.notification.count({ where: { userId: w.people.keLeader.id, kind: "plan.question_answered" } })).toBe(1);
    const thread = await w.callers.keLeader.question.forPlan({ planId: w.plan.id });
    expect(thread.questions[0].answeredAt).not.toBeNull();
    expect(thread.questions[0].messages.map((m) => m.body)).toEqual(["Første spørsmål", "Husk også gjennomgangen.", "Vi har møte neste uke."]);
    // Answered: a new question may be asked.
    await expect(w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Nytt spørsmål" })).resolves.toBeTruthy();
    // Nothing of it in the plan's log, which the user reads.
    expect(await t.db.prisma.logEntry.count({ where: { planId: w.plan.id, body: { contains: "spørsmål" } } })).toBe(0);
  });
});
