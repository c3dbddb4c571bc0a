import { describe, expect, it } from "vitest";
import { createGoal, createMeasure, createPlan, createUser } from "../../prisma/factories.ts";
import { CASE_METRICS, PLAN_METRICS } from "../../server/dashboard/service.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dateOnly = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);

/** The plan world plus a known set of plans and cases, with the expected figures counted by hand. */
async function dashboardWorld() {
  const w = await createPlanWorld(t.db);
  const m = w.home.id;
  const prisma = t.db.prisma;
  const owner = () => createUser(prisma, { municipalityId: m, roles: ["USER"] });
  // World plan: active, coordinator, recent activity, user-written goal (from createPlanWorld).
  const old7 = await createPlan(prisma, { municipalityId: m, ownerId: (await owner()).id, coordinatorId: w.people.coordinator.id });
  await prisma.plan.update({ where: { id: old7.id }, data: { lastActivityAt: daysAgo(7 * 30.5) } });
  const old13 = await createPlan(prisma, { municipalityId: m, ownerId: (await owner()).id, coordinatorId: w.people.staffOutside.id, nextReviewAt: daysAgo(3) });
  await prisma.plan.update({ where: { id: old13.id }, data: { lastActivityAt: daysAgo(13 * 30.5) } });
  const noCoordinator = await createPlan(prisma, { municipalityId: m, ownerId: (await owner()).id });
  await createPlan(prisma, { municipalityId: m, ownerId: (await owner()).id, status: "DRAFT" });
  await createPlan(prisma, { municipalityId: m, ownerId: (await owner()).id, status: "CLOSED", coordinatorId: w.people.coordinator.id });
  const overdueGoal = await createGoal(prisma, { planId: noCoordinator.id, createdById: w.people.keLeader.id, evaluationDate: daysAgo(2) });
  await createMeasure(prisma, { planId: old7.id, goalId: (await createGoal(prisma, { planId: old7.id, createdById: w.people.coordinator.id })).id, createdById: w.people.coordinator.id, evaluationDate: daysAgo(1) });
  // A handover on the world plan: one plan with one change.
  await w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "Ny" });

  const mk = (data: { receivedDaysAgo: number; interimDueDaysFromNow: number; decisionDueDaysFromNow: number; status?: "RECEIVED" | "IN_PROGRESS" | "DECIDED"; interimSent?: boolean; decidedDaysAgo?: number; assignedToId?: string }, n: number) =>
    prisma.case.create({
      data: {
        municipalityId: m,
        reference: `T-${n}`,
        type: "IP_APPLICATION",
        channel: "PORTAL",
        status: data.status ?? "RECEIVED",
        subjectName: `Person ${n}`,
        description: "x",
        receivedAt: daysAgo(data.receivedDaysAgo),
        interimReplyDue: dateOnly(new Date(Date.now() + data.interimDueDaysFromNow * DAY)),
        decisionDue: dateOnly(new Date(Date.now() + data.decisionDueDaysFromNow * DAY)),
        interimReplySentAt: data.interimSent ? daysAgo(1) : null,
        decidedAt: data.decidedDaysAgo !== undefined ? daysAgo(data.decidedDaysAgo) : null,
        assignedToId: data.assignedToId ?? null,
      },
    });
  await mk({ receivedDaysAgo: 2, interimDueDaysFromNow: 28, decisionDueDaysFromNow: 3 }, 1); // due within 7 days
  await mk({ receivedDaysAgo: 40, interimDueDaysFromNow: -10, decisionDueDaysFromNow: -2, assignedToId: w.people.caseOfficer.id, status: "IN_PROGRESS" }, 2); // both overdue
  await mk({ receivedDaysAgo: 35, interimDueDaysFromNow: -5, decisionDueDaysFromNow: 20, interimSent: true, assignedToId: w.people.caseOfficer.id, status: "IN_PROGRESS" }, 3); // interim sent: not overdue
  await mk({ receivedDaysAgo: 100, interimDueDaysFromNow: -70, decisionDueDaysFromNow: -60, status: "DECIDED", decidedDaysAgo: 80 }, 4); // decided after 20 days
  await mk({ receivedDaysAgo: 60, interimDueDaysFromNow: -30, decisionDueDaysFromNow: -30, status: "DECIDED", decidedDaysAgo: 20 }, 5); // decided after 40 days
  return { w, overdueGoal };
}

describe("dashboard.overview", () => {
  it("each figure equals a direct count of the test data", async () => {
    const { w } = await dashboardWorld();
    const o = await w.callers.keLeader.dashboard.overview({});
    expect(o.plans).toMatchObject({
      activePlans: 4, // world plan, old7, old13, noCoordinator
      inactive6Months: 2, // old7, old13
      inactive12Months: 1, // old13
      withoutCoordinator: 1,
      reviewDue: 1,
      evaluationsOverdue: 2, // noCoordinator (goal), old7 (measure)
      withUserWrittenGoals: 1,
      userWrittenGoalsShare: 25,
    });
    expect(o.cases).toMatchObject({ openCases: 3, dueWithin7Days: 1, interimOverdue: 1, decisionOverdue: 1 });
    expect(o.cases.openByAge).toEqual([
      { bucket: "0-7", count: 1 },
      { bucket: "8-30", count: 0 },
      { bucket: "31-90", count: 2 },
      { bucket: "90+", count: 0 },
    ]);
    const decided = o.cases.processingTimes.reduce((n, row) => n + (row.decided ?? 0), 0);
    expect(decided).toBe(2);
    expect(o.cases.processingTimes.flatMap((r) => [r.medianDays])).toEqual(expect.arrayContaining([20, 40]));
    expect(o.cases.loadPerOfficer.find((r) => r.id === w.people.caseOfficer.id)?.open).toBe(2);
    expect(o.cases.loadPerOfficer.find((r) => r.id === null)?.open).toBe(1);
    const perCoordinator = Object.fromEntries(o.coordinators.perCoordinator.map((r) => [r.id, r.plans]));
    expect(perCoordinator).toEqual({ [w.people.coordinator.id]: 1, [w.people.staffOutside.id]: 2 });
    expect(o.coordinators).toMatchObject({ plansWithChanges: 1, changes: 1 });
  });

  it("the list behind every figure has exactly as many rows as the figure", async () => {
    const { w } = await dashboardWorld();
    const o = await w.callers.caseOfficer.dashboard.overview({});
    for (const metric of Object.keys(PLAN_METRICS) as (keyof typeof PLAN_METRICS)[]) {
      const rows = await w.callers.caseOfficer.dashboard.plans({ metric, filter: {} });
      expect(rows.length, metric).toBe(o.plans[metric]);
    }
    for (const metric of Object.keys(CASE_METRICS) as (keyof typeof CASE_METRICS)[]) {
      const rows = await w.callers.caseOfficer.dashboard.cases({ metric, filter: {} });
      expect(rows.length, metric).toBe(o.cases[metric]);
    }
  });

  it("publication mode hides counts below 5", async () => {
    const { w } = await dashboardWorld();
    const o = await w.callers.keLeader.dashboard.overview({ publication: true });
    expect(o.plans.activePlans).toBeNull();
    expect(o.cases.openCases).toBeNull();
    expect(o.plans.withoutCoordinator).toBeNull();
    expect(o.cases.processingTimes.every((r) => r.decided === null && r.medianDays === null)).toBe(true);
    expect(o.plans.inactive12Months).toBeNull();
  });

  it("publication mode names nobody: no person in the figures, and no list or export behind them", async () => {
    const { w } = await dashboardWorld();
    const names = [...Object.values(w.people).map((p) => p.name), ...(await t.db.prisma.case.findMany({ select: { subjectName: true } })).map((c) => c.subjectName)];
    const o = JSON.stringify(await w.callers.keLeader.dashboard.overview({ publication: true }));
    expect(names.filter((name) => o.includes(name))).toEqual([]);
    // Without publication the same overview does name the case officers and coordinators.
    expect(JSON.stringify(await w.callers.keLeader.dashboard.overview({}))).toContain(w.people.caseOfficer.name);
    const filter = { publication: true };
    for (const as of ["screen", "file"] as const) {
      await expect(w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter, as })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers.keLeader.dashboard.cases({ metric: "openCases", filter, as })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers.keLeader.dashboard.meetings({ metric: "withoutMinutes", filter, as })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("the coordinating unit's list of plans takes the unit filter: plans coordinated from that unit", async () => {
    const { w } = await dashboardWorld();
    const all = await w.callers.keLeader.plan.list();
    const unit = await w.callers.keLeader.plan.list({ unitId: w.unit.id });
    const fromUnit = await t.db.prisma.plan.count({ where: { municipalityId: w.home.id, coordinators: { some: { endedAt: null, coordinator: { unitId: w.unit.id } } } } });
    expect(unit).toHaveLength(fromUnit);
    expect(unit.length).toBeLessThan(all.length);
    expect(unit.every((p) => p.coordinator !== null)).toBe(true);
    // The same count as the figure with that filter, for the active ones.
    const figure = await w.callers.keLeader.dashboard.overview({ unitId: w.unit.id });
    expect(unit.filter((p) => p.status === "ACTIVE")).toHaveLength(figure.plans.activePlans!);
  });

  it("is only for the coordinating unit, and never shows another municipality", async () => {
    const { w } = await dashboardWorld();
    // The administrator without a KE role is refused too (issue 14): figures, lists and cases.
    for (const who of ["owner", "relativeWithConsent", "coordinator", "staffInGroup", "unitLeader", "admin"] as const) {
      await expect(w.callers[who].dashboard.overview({}), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].dashboard.plans({ metric: "activePlans", filter: {} }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].case.list(), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const away = await w.callers.away.dashboard.overview({});
    expect(away.plans.activePlans).toBe(0);
    expect(away.cases.openCases).toBe(0);
    expect(await w.callers.away.dashboard.plans({ metric: "activePlans", filter: {} })).toEqual([]);
  });

  it("filters by unit and case type, and rejects bad filters with a 400", async () => {
    const { w } = await dashboardWorld();
    const unit = await w.callers.keLeader.dashboard.overview({ unitId: w.unit.id });
    expect(unit.plans.activePlans).toBe(3); // plans coordinated from Hjemmetjenesten
    const complaints = await w.callers.keLeader.dashboard.overview({ caseType: "COMPLAINT" });
    expect(complaints.cases.openCases).toBe(0);
    await expect(w.callers.keLeader.dashboard.overview({ from: "01.01.2027" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.keLeader.dashboard.plans({ metric: "everything" as never, filter: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

