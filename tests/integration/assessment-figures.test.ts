import { describe, expect, it } from "vitest";
import { ASSESSMENT_SCORES, DEFAULT_CODE_LIST, improvement, NOT_RELEVANT, variableKey } from "../../app/domain/assessment.ts";
import type { LifeArea } from "../../app/domain/lists.ts";
import { calendarDate, osloDate } from "../../app/domain/oslo-time.ts";
import { AVERAGE_MONTH_MS } from "../../app/domain/working-days.ts";
import { createGoal, createPlan, createUnit, createUser } from "../../prisma/factories.ts";
import { protectIdentityNumber } from "../../server/identity/protect.ts";
import { createMunicipalityWithRoles, signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const DAY = 86_400_000;
const areaOf = new Map(DEFAULT_CODE_LIST.variables.map((v) => [variableKey(v), v.area]));
const day = (daysAgo: number) => calendarDate(osloDate(new Date(Date.now() - daysAgo * DAY)));

/**
 * A municipality with two units and plans whose figures are known: every assessment, own view,
 * goal and tie inserted directly. Expected values are also counted below from the rows, by hand.
 */
async function world() {
  const prisma = t.db.prisma;
  const { municipality, unit, people } = await createMunicipalityWithRoles(t.db);
  const m = municipality.id;
  const unit2 = await createUnit(prisma, m, "Rus og psykisk helse");
  const coordinator2 = await createUser(prisma, { municipalityId: m, roles: ["COORDINATOR"], unitId: unit2.id });
  const unitLeader2 = await createUser(prisma, { municipalityId: m, roles: ["UNIT_LEADER"], unitId: unit2.id, leadsUnitId: unit2.id });
  let n = 0;
  const owner = async () => {
    n += 1;
    const user = await createUser(prisma, { municipalityId: m, roles: ["USER"], name: `Tjenestemottaker Nummer${n}` });
    const identity = `0101900${String(1000 + n).slice(-4)}`;
    await prisma.user.update({ where: { id: user.id }, data: protectIdentityNumber(identity) });
    return { ...user, identity };
  };
  const by = people.coordinator.id;
  const assess = (planId: string, daysAgo: number, scores: Record<string, number>) =>
    prisma.assessment.create({
      data: {
        planId,
        codeListVersion: 0,
        assessedOn: day(daysAgo),
        assessedById: by,
        methods: ["CONVERSATION"],
        scores: { create: Object.entries(scores).map(([variable, score]) => ({ planId, variable, area: areaOf.get(variable)!, score })) },
      },
    });
  const tie = async (planId: string, variable: string, extra: { deleted?: boolean; lifeArea?: LifeArea; attained?: "YES" | "PARTLY" | "NO"; status?: "ACHIEVED" } = {}) => {
    const goal = await createGoal(prisma, { planId, createdById: by, lifeArea: extra.lifeArea });
    await prisma.goal.update({
      where: { id: goal.id },
      data: { attained: extra.attained ?? null, status: extra.status ?? "IN_PROGRESS", deletedAt: extra.deleted ? new Date() : null },
    });
    await prisma.goalVariable.create({ data: { goalId: goal.id, variable, area: areaOf.get(variable)! } });
    return goal;
  };
  const owners = [];

  // p1 (unit 1): egenomsorg 4 → 2 (improved), hjem 2; own view; goal tied to egenomsorg, attained.
  const o1 = await owner();
  owners.push(o1);
  const p1 = await createPlan(prisma, { municipalityId: m, ownerId: o1.id, coordinatorId: people.coordinator.id, startDate: calendarDate("2025-01-05") });
  await assess(p1.id, 400, { "IPLOS:06": 4, "IPLOS:07": 3, "IPLOS:04": 2 });
  await assess(p1.id, 30, { "IPLOS:06": 2, "IPLOS:07": 2 });
  await prisma.assessmentOwnView.create({ data: { planId: p1.id, variable: "IPLOS:06", area: "egenomsorg", score: 4, words: "Det er tungt", givenById: o1.id } });
  await tie(p1.id, "IPLOS:06", { lifeArea: "DAILY_LIVING", attained: "YES" });
  await prisma.case.create({
    data: {
      municipalityId: m,
      reference: "2025-0001",
      type: "IP_APPLICATION",
      channel: "PORTAL",
      status: "DECIDED",
      subjectUserId: o1.id,
      subjectName: o1.name,
      planId: p1.id,
      description: "Søknad",
      receivedAt: new Date("2024-12-01T10:00:00Z"),
      interimReplyDue: calendarDate("2024-12-22"),
      decisionDue: calendarDate("2025-01-30"),
      decidedAt: new Date("2024-12-20T10:00:00Z"),
      outcome: "GRANTED",
    },
  });

  // p2 (unit 1): one old assessment, egenomsorg all "not relevant", sanser 3; goal tied (not comparable).
  const o2 = await owner();
  owners.push(o2);
  const p2 = await createPlan(prisma, { municipalityId: m, ownerId: o2.id, coordinatorId: people.coordinator.id });
  await assess(p2.id, 400, { "IPLOS:06": 9, "IPLOS:07": 9, "IPLOS:16": 3 });
  await tie(p2.id, "IPLOS:07", { lifeArea: "HEALTH", status: "ACHIEVED" });

  // p3 (unit 2): bevegelse 2 → 4 (worse); a deleted goal tied to hjem; a user-written goal.
  const o3 = await owner();
  owners.push(o3);
  const p3 = await createPlan(prisma, { municipalityId: m, ownerId: o3.id, coordinatorId: coordinator2.id });
  await assess(p3.id, 200, { "IPLOS:10": 2, "IPLOS:04": 3 });
  await assess(p3.id, 10, { "IPLOS:10": 4 });
  await tie(p3.id, "IPLOS:10", { lifeArea: "HEALTH", attained: "PARTLY" });
  await tie(p3.id, "IPLOS:04", { deleted: true, attained: "YES" });
  await createGoal(prisma, { planId: p3.id, createdById: o3.id, writtenByUser: true, lifeArea: "LEISURE" });

  // p4: no coordinator, no assessment; a goal tied to egenomsorg (not comparable), not attained.
  const o4 = await owner();
  owners.push(o4);
  const p4 = await createPlan(prisma, { municipalityId: m, ownerId: o4.id });
  await tie(p4.id, "IPLOS:08", { lifeArea: "DAILY_LIVING", attained: "NO" });

  // p5 (unit 2): two assessments, egenomsorg unchanged at 3; own view without a score.
  const o5 = await owner();
  owners.push(o5);
  const p5 = await createPlan(prisma, { municipalityId: m, ownerId: o5.id, coordinatorId: coordinator2.id });
  await assess(p5.id, 100, { "IPLOS:06": 3, "IPLOS:08": 1 });
  await assess(p5.id, 5, { "IPLOS:06": 3, "IPLOS:08": 9 });
  await prisma.assessmentOwnView.create({ data: { planId: p5.id, variable: "IPLOS:08", area: "egenomsorg", score: null, words: "Vet ikke", givenById: o5.id } });
  await tie(p5.id, "IPLOS:06");

  // Closed (unit 1) and draft plans: in no figure; the closed one is in the register export.
  const o6 = await owner();
  owners.push(o6);
  const closed = await createPlan(prisma, { municipalityId: m, ownerId: o6.id, coordinatorId: people.coordinator.id, status: "CLOSED" });
  await assess(closed.id, 50, { "IPLOS:06": 5 });
  await tie(closed.id, "IPLOS:06", { attained: "YES" });
  const o7 = await owner();
  const draft = await createPlan(prisma, { municipalityId: m, ownerId: o7.id, status: "DRAFT" });
  await assess(draft.id, 50, { "IPLOS:06": 5 });

  // Another municipality's plan: never counted.
  const other = await createMunicipalityWithRoles(t.db);
  const otherPlan = await createPlan(prisma, { municipalityId: other.municipality.id, ownerId: other.people.user.id, coordinatorId: other.people.coordinator.id });
  await assess(otherPlan.id, 10, { "IPLOS:06": 5 });

  const callers = {
    keLeader: (await signIn(t.db, people.keLeader.id)).caller,
    caseOfficer: (await signIn(t.db, people.caseOfficer.id)).caller,
    unitLeader: (await signIn(t.db, people.unitLeader.id)).caller,
    unitLeader2: (await signIn(t.db, unitLeader2.id)).caller,
  };
  return { m, unit, unit2, people, owners, draftOwner: o7, plans: { p1, p2, p3, p4, p5, closed, draft }, callers };
}

/**
 * The figures counted directly from the rows, the plain way: every row read, each rule applied
 * in JavaScript. The dashboard counts the same in the database; the two must agree.
 */
async function directCounts(municipalityId: string, unitId: string | null) {
  const prisma = t.db.prisma;
  const plans = await prisma.plan.findMany({
    where: { municipalityId, status: "ACTIVE", ...(unitId ? { currentCoordinator: { unitId } } : {}) },
    select: {
      id: true,
      userWrittenGoals: true,
      currentCoordinator: { select: { unitId: true } },
      assessments: { select: { id: true, assessedOn: true, createdAt: true, scores: true } },
      assessmentOwnViews: { select: { id: true } },
      goals: { select: { lifeArea: true, status: true, attained: true, deletedAt: true, variables: { select: { area: true } } } },
    },
  });
  const limit = new Date(calendarDate(osloDate(new Date())).getTime() - 12 * AVERAGE_MONTH_MS);
  const scores: Record<string, Record<number, number>> = {};
  const perUnit: Record<string, Record<string, Record<number, number>>> = {};
  const change: Record<string, { improved: number; unchanged: number; worse: number; notComparable: number }> = {};
  const goals: Record<string, { achieved: number; partly: number; notAttained: number; notEvaluated: number }> = {};
  let withAssessment = 0;
  let outOfDate = 0;
  let withOwnView = 0;
  for (const plan of plans) {
    const ordered = [...plan.assessments].sort((a, b) => a.assessedOn.getTime() - b.assessedOn.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
    if (ordered.length) {
      withAssessment += 1;
      if (ordered[ordered.length - 1].assessedOn < limit) outOfDate += 1;
      if (plan.assessmentOwnViews.length) withOwnView += 1;
    }
    // Per variable: the first and the latest score; per area the highest relevant one.
    const first = new Map<string, { area: string; score: number }>();
    const latest = new Map<string, { area: string; score: number }>();
    const assessmentsPerArea = new Map<string, Set<string>>();
    for (const a of ordered)
      for (const s of a.scores) {
        if (!first.has(s.variable)) first.set(s.variable, s);
        latest.set(s.variable, s);
        assessmentsPerArea.set(s.area, (assessmentsPerArea.get(s.area) ?? new Set()).add(a.id));
      }
    const areaScore = (byVariable: Map<string, { area: string; score: number }>, area: string, relevantOnly: boolean) => {
      const values = [...byVariable.values()].filter((s) => s.area === area).map((s) => s.score);
      const relevant = values.filter((v) => v !== NOT_RELEVANT);
      if (relevant.length) return Math.max(...relevant);
      return values.length && !relevantOnly ? NOT_RELEVANT : null;
    };
    const unitKey = plan.currentCoordinator?.unitId ?? "none";
    for (const area of new Set([...latest.values()].map((s) => s.area))) {
      const score = areaScore(latest, area, false)!;
      scores[area] ??= {};
      scores[area][score] = (scores[area][score] ?? 0) + 1;
      perUnit[unitKey] ??= {};
      perUnit[unitKey][area] ??= {};
      perUnit[unitKey][area][score] = (perUnit[unitKey][area][score] ?? 0) + 1;
    }
    const goalAreas = new Set(plan.goals.filter((g) => !g.deletedAt).flatMap((g) => g.variables.map((v) => v.area)));
    for (const area of goalAreas) {
      change[area] ??= { improved: 0, unchanged: 0, worse: 0, notComparable: 0 };
      const moved = (assessmentsPerArea.get(area)?.size ?? 0) >= 2 ? improvement(areaScore(first, area, true), areaScore(latest, area, true)) : null;
      change[area][moved === null ? "notComparable" : moved > 0 ? "improved" : moved < 0 ? "worse" : "unchanged"] += 1;
    }
    for (const goal of plan.goals.filter((g) => !g.deletedAt)) {
      goals[goal.lifeArea] ??= { achieved: 0, partly: 0, notAttained: 0, notEvaluated: 0 };
      const bucket = goal.status === "ACHIEVED" || goal.attained === "YES" ? "achieved" : goal.attained === "PARTLY" ? "partly" : goal.attained === "NO" ? "notAttained" : "notEvaluated";
      goals[goal.lifeArea][bucket] += 1;
    }
  }
  return {
    activePlans: plans.length,
    withAssessment,
    withoutAssessment: plans.length - withAssessment,
    outOfDate,
    withOwnView,
    withUserWrittenGoals: plans.filter((p) => p.userWrittenGoals > 0).length,
    scores,
    perUnit,
    change,
    goals,
  };
}

const distributionOf = (counts: Record<number, number> | undefined) => Object.fromEntries(ASSESSMENT_SCORES.map((s) => [s, counts?.[s] ?? 0]));

describe("dashboard.assessments", () => {
  it("each figure equals a direct count of the rows, for the municipality and for one unit", async () => {
    const w = await world();
    for (const unitId of [null, w.unit.id, w.unit2.id]) {
      const figures = await w.callers.keLeader.dashboard.assessments(unitId ? { unitId } : {});
      const direct = await directCounts(w.m, unitId);
      expect(figures.plans).toEqual({
        activePlans: direct.activePlans,
        withAssessment: direct.withAssessment,
        withoutAssessment: direct.withoutAssessment,
        assessmentOutOfDate: direct.outOfDate,
        withOwnView: direct.withOwnView,
        withUserWrittenGoals: direct.withUserWrittenGoals,
      });
      for (const row of figures.scores) expect(row.scores, `scores in ${row.area}`).toEqual(distributionOf(direct.scores[row.area]));
      for (const row of figures.change) {
        const expected = direct.change[row.area] ?? { improved: 0, unchanged: 0, worse: 0, notComparable: 0 };
        expect({ improved: row.improved, unchanged: row.unchanged, worse: row.worse, notComparable: row.notComparable }, `change in ${row.area}`).toEqual(expected);
      }
      for (const row of figures.goals) {
        const expected = direct.goals[row.lifeArea] ?? { achieved: 0, partly: 0, notAttained: 0, notEvaluated: 0 };
        expect({ achieved: row.achieved, partly: row.partly, notAttained: row.notAttained, notEvaluated: row.notEvaluated }, `goals in ${row.lifeArea}`).toEqual(expected);
      }
      if (unitId) expect(figures.scoresPerUnit).toEqual([]);
      else
        for (const u of figures.scoresPerUnit)
          for (const row of u.areas) expect(row.scores, `${u.unit} ${row.area}`).toEqual(distributionOf(direct.perUnit[u.unitId ?? "none"]?.[row.area]));
    }

    // And the numbers themselves, as the world was built (so the direct count cannot hide a mistake in both).
    const all = await w.callers.keLeader.dashboard.assessments({});
    expect(all.plans).toEqual({ activePlans: 5, withAssessment: 4, withoutAssessment: 1, assessmentOutOfDate: 1, withOwnView: 2, withUserWrittenGoals: 1 });
    expect(all.shares).toEqual({ withAssessment: 80, withoutAssessment: 20, assessmentOutOfDate: 20, withOwnView: 50, withUserWrittenGoals: 20 });
    const egenomsorg = all.scores.find((r) => r.area === "egenomsorg")!;
    // p1: max(2, 2) = 2; p2: all 9; p5: max(3, 9→ignored) = 3.
    expect(egenomsorg.scores).toEqual({ 1: 0, 2: 1, 3: 1, 4: 0, 5: 0, 9: 1 });
    expect(egenomsorg.people).toBe(3);
    expect(all.scores.find((r) => r.area === "hjem")!.scores).toEqual({ 1: 0, 2: 1, 3: 1, 4: 0, 5: 0, 9: 0 });
    expect(all.change.find((r) => r.area === "egenomsorg")).toMatchObject({ people: 4, improved: 1, unchanged: 1, worse: 0, notComparable: 2 });
    expect(all.change.find((r) => r.area === "bevegelse")).toMatchObject({ people: 1, improved: 0, unchanged: 0, worse: 1, notComparable: 0 });
    expect(all.change.find((r) => r.area === "hjem")).toMatchObject({ people: 0 });
    expect(all.goals.find((r) => r.lifeArea === "DAILY_LIVING")).toMatchObject({ goals: 3, achieved: 1, notAttained: 1, notEvaluated: 1 });
    expect(all.goals.find((r) => r.lifeArea === "HEALTH")).toMatchObject({ goals: 2, achieved: 1, partly: 1 });
    const units = Object.fromEntries(all.scoresPerUnit.map((u) => [u.unit ?? "none", u.areas.find((r) => r.area === "egenomsorg")!.scores]));
    expect(units["Hjemmetjenesten"]).toMatchObject({ 2: 1, 9: 1 });
    expect(units["Rus og psykisk helse"]).toMatchObject({ 3: 1 });
  });

  it("the plans behind each plan figure are a list whose total is the figure, also in a unit and as an export", async () => {
    const w = await world();
    for (const unitId of [null, w.unit.id]) {
      const filter = unitId ? { unitId, publication: false } : { publication: false };
      const figures = await w.callers.keLeader.dashboard.assessments(filter);
      for (const metric of ["withAssessment", "withoutAssessment", "assessmentOutOfDate", "withOwnView", "withUserWrittenGoals"] as const) {
        const list = await w.callers.keLeader.dashboard.plans({ metric, filter, limit: 100 });
        expect(list.total, `${metric} ${unitId ?? "all"}`).toBe(figures.plans[metric]);
        expect(list.rows).toHaveLength(list.total);
        // The export reads the same list (page by page, each page recorded as an export).
        expect((await w.callers.keLeader.dashboard.plans({ metric, filter, limit: 100, as: "file" })).total).toBe(list.total);
      }
    }
    // The out-of-date list follows the municipality's own limit, as the figure does.
    await t.db.prisma.municipality.update({ where: { id: w.m }, data: { assessmentMaxAgeMonths: 60 } });
    expect((await w.callers.keLeader.dashboard.plans({ metric: "assessmentOutOfDate", filter: { publication: false } })).total).toBe(0);
    expect((await w.callers.keLeader.dashboard.assessments({})).plans.assessmentOutOfDate).toBe(0);
  });

  it("publication mode hides counts from 1 to 4, and shows 0 and 5 or more", async () => {
    const w = await world();
    const prisma = t.db.prisma;
    // Five more people scored 3 in egenomsorg today.
    for (let i = 0; i < 5; i++) {
      const owner = await createUser(prisma, { municipalityId: w.m, roles: ["USER"] });
      const plan = await createPlan(prisma, { municipalityId: w.m, ownerId: owner.id, coordinatorId: w.people.coordinator.id });
      await prisma.assessment.create({
        data: { planId: plan.id, codeListVersion: 0, assessedOn: day(1), assessedById: w.people.coordinator.id, scores: { create: [{ planId: plan.id, variable: "IPLOS:06", area: "egenomsorg", score: 3 }] } },
      });
    }
    const open = await w.callers.keLeader.dashboard.assessments({});
    const published = await w.callers.keLeader.dashboard.assessments({ publication: true });
    expect(open.scores.find((r) => r.area === "egenomsorg")!.scores).toEqual({ 1: 0, 2: 1, 3: 6, 4: 0, 5: 0, 9: 1 });
    expect(published.scores.find((r) => r.area === "egenomsorg")!.scores).toEqual({ 1: 0, 2: null, 3: 6, 4: 0, 5: 0, 9: null });
    // The row's total goes with its hidden counts: 8 less 6 would give the two away.
    expect(published.scores.find((r) => r.area === "egenomsorg")!.people).toBeNull();
    // With and without an assessment add up to the active plans: 10 less 9 would give the 1 away.
    expect(published.plans).toEqual({ activePlans: 10, withAssessment: null, withoutAssessment: null, assessmentOutOfDate: null, withOwnView: null, withUserWrittenGoals: null });
    // A share is hidden with its count: with the whole, it would give the count away.
    expect(published.shares).toMatchObject({ withAssessment: null, withoutAssessment: null, withOwnView: null });
    // Units add up to the whole: no breakdown per unit in publication.
    expect(published.scoresPerUnit).toEqual([]);
    // No hidden count can be worked out from its row: none alone, and no total beside a hidden one.
    for (const row of [...published.scores.map((r) => ({ total: r.people, cells: Object.values(r.scores) })), ...published.change.map((r) => ({ total: r.people, cells: [r.improved, r.unchanged, r.worse, r.notComparable] }))]) {
      const hidden = row.cells.filter((v) => v === null).length;
      if (hidden) expect(row.total).toBeNull();
      // One hidden count alone only beside zeros, with the total hidden: then nothing gives it away.
      if (hidden === 1) expect(row.cells.filter((v) => v !== null && v > 0)).toEqual([]);
    }
    for (const row of published.change) for (const value of [row.people, row.improved, row.unchanged, row.worse, row.notComparable]) expect(value === null || value === 0 || value >= 5).toBe(true);
    for (const row of published.goals) for (const value of [row.goals, row.achieved, row.partly, row.notAttained, row.notEvaluated]) expect(value === null || value === 0 || value >= 5).toBe(true);
  });

  it("a unit leader reads their own unit only; another unit, members and staff are refused", async () => {
    const w = await world();
    const own = await w.callers.unitLeader.dashboard.assessments({});
    const direct = await directCounts(w.m, w.unit.id);
    expect(own.plans.activePlans).toBe(direct.activePlans);
    expect(own.plans.activePlans).toBe(2);
    expect(own.scoresPerUnit).toEqual([]);
    expect(own).toEqual(await w.callers.keLeader.dashboard.assessments({ unitId: w.unit.id }));
    await expect(w.callers.unitLeader.dashboard.assessments({ unitId: w.unit2.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.callers.unitLeader2.dashboard.assessments({})).plans.activePlans).toBe(2);
    // The coordinating unit's case officer reads it too (a KE role).
    expect((await w.callers.caseOfficer.dashboard.assessments({})).plans.activePlans).toBe(5);
    for (const person of [w.people.user, w.people.relative, w.people.staff, w.people.coordinator, w.people.admin]) {
      const { caller } = await signIn(t.db, person.id);
      await expect(caller.dashboard.assessments({}), person.roles.map((r) => r.role).join()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // Bad input is a 400, not a 500.
    await expect(w.callers.keLeader.dashboard.assessments({ unitId: "not-an-id" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("assessment.registerExport", () => {
  it("has a row per person with an active or closed plan, and no name, identity number, user id or plan id", async () => {
    const w = await world();
    const prisma = t.db.prisma;
    const csv = await w.callers.keLeader.assessment.registerExport({ format: "csv" });
    expect(csv.contentType).toContain("text/csv");
    expect(csv.fileName).toMatch(/^registeropplysninger-.+\.csv$/);
    expect(csv.content.startsWith("\uFEFFreferanse;individuell_plan;plantype;innvilget_dato;planstatus;koordinator;koordinator_fra_dato;siste_kartlegging_dato;IPLOS:01")).toBe(true);
    const lines = csv.content.trim().split("\r\n");
    // Six people with an active or closed plan (the draft's owner is not among them).
    expect(lines).toHaveLength(1 + 6);
    expect(csv.rows).toBe(6);

    const json = await w.callers.keLeader.assessment.registerExport({ format: "json" });
    const parsed = JSON.parse(json.content) as { rows: { reference: string; individualPlan: boolean; grantedOn: string | null; planStatus: string; coordinator: boolean; coordinatorFrom: string | null; latestAssessmentOn: string | null; scores: Record<string, number> }[] };
    expect(parsed.rows).toHaveLength(6);
    // The same person always has the same reference (a keyed hash), and references differ.
    expect(new Set(parsed.rows.map((r) => r.reference)).size).toBe(6);
    expect(parsed.rows.map((r) => r.reference).sort()).toEqual(lines.slice(1).map((l) => l.split(";")[0]).sort());

    const users = await prisma.user.findMany({ where: { municipalityId: w.m }, select: { id: true, name: true, email: true, identityEnc: true, identityHash: true } });
    const plans = await prisma.plan.findMany({ where: { municipalityId: w.m }, select: { id: true, number: true } });
    for (const file of [csv.content, json.content]) {
      for (const u of users) {
        expect(file).not.toContain(u.id);
        expect(file).not.toContain(u.name);
        if (u.email) expect(file).not.toContain(u.email);
        if (u.identityHash) expect(file).not.toContain(u.identityHash);
        if (u.identityEnc) expect(file).not.toContain(u.identityEnc);
      }
      for (const o of w.owners) {
        expect(file).not.toContain(o.identity);
        expect(file).not.toContain(o.identity.slice(0, 6));
      }
      for (const p of plans) {
        expect(file).not.toContain(p.id);
        expect(file).not.toContain(p.number);
      }
    }

    // The fields: p1 granted by its case's decision, with a coordinator and its latest scores.
    const { p1 } = w.plans;
    const assignment = await prisma.coordinatorAssignment.findFirstOrThrow({ where: { planId: p1.id, endedAt: null } });
    const withGrant = parsed.rows.find((r) => r.grantedOn === "2024-12-20")!;
    expect(withGrant).toMatchObject({ individualPlan: true, planStatus: "ACTIVE", coordinator: true, coordinatorFrom: osloDate(assignment.startedAt), latestAssessmentOn: osloDate(day(30)) });
    expect(withGrant.scores).toEqual({ "IPLOS:06": 2, "IPLOS:07": 2 });
    expect(parsed.rows.filter((r) => r.planStatus === "CLOSED")).toHaveLength(1);
    expect(parsed.rows.filter((r) => !r.coordinator)).toHaveLength(1);
    expect(parsed.rows.filter((r) => r.latestAssessmentOn === null)).toHaveLength(1);

    // One read row per person's plan in each download (two here), so each person's access log shows the hand-over.
    const audits = await prisma.auditEvent.findMany({ where: { action: "assessment.register_export" } });
    expect(audits).toHaveLength(2 * parsed.rows.length);
    expect(new Set(audits.map((a) => a.planId)).size).toBe(parsed.rows.length);
    for (const audit of audits) expect(audit).toMatchObject({ actorId: w.people.keLeader.id, municipalityId: w.m, kind: "READ", targetType: "plan", targetId: audit.planId });
    const log = await (await signIn(t.db, p1.ownerId)).caller.audit.forPlan({ planId: p1.id });
    expect(log.lines).toEqual([expect.objectContaining({ actorId: w.people.keLeader.id, kind: "READ", actions: ["assessment.register_export"], count: 2 })]);
  });

  it("is refused to everyone but the KE leader, and nothing is recorded for a refusal", async () => {
    const w = await world();
    for (const person of [w.people.caseOfficer, w.people.admin, w.people.coordinator, w.people.user, w.people.unitLeader, w.people.staff]) {
      const { caller } = await signIn(t.db, person.id);
      await expect(caller.assessment.registerExport({ format: "csv" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.db.prisma.auditEvent.count({ where: { action: "assessment.register_export" } })).toBe(0);
    await expect(w.callers.keLeader.assessment.registerExport({ format: "xml" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
