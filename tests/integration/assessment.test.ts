import { describe, expect, it } from "vitest";
import { variableKey } from "../../app/domain/assessment.ts";
import { calendarDate, osloDate, todayInOslo } from "../../app/domain/oslo-time.ts";
import { scoredAreas } from "../../app/components/plan/assessment-overview.tsx";
import { variableOf } from "../../app/components/plan/assessment-shared.tsx";
import { describeUnknownError } from "../../server/trpc/errors.ts";
import { createPlanWorld, scheduleMeeting, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Kartlegging in a plan (issue 15) through the procedures: who reads it (the same rules as the
// plan; the user always every score), the own view and its flag on the next meeting's agenda,
// a goal's baseline and movement, out-of-date reasons, a closed plan, and refused input.

const t = useTestDatabase();
const DAY = 24 * 3_600_000;
/** The Oslo calendar day `days` ago ("YYYY-MM-DD"). */
const daysAgo = (days: number) => osloDate(new Date(Date.now() - days * DAY));

const record = (w: PlanWorld, scores: Record<string, number>, assessedOn = todayInOslo(), who: Who = "coordinator") =>
  w.callers[who].assessment.record({ planId: w.plan.id, assessedOn, methods: ["CONVERSATION"], scores });
const forPlan = (w: PlanWorld, who: Who = "coordinator") => w.callers[who].assessment.forPlan({ planId: w.plan.id });
const agendaDifferences = (meetingId: string) => t.db.prisma.agendaItem.findMany({ where: { meetingId, kind: "ASSESSMENT_DIFFERENCE" }, select: { sourceId: true, title: true } });
const written = async () => ({ assessments: await t.db.prisma.assessment.count(), scores: await t.db.prisma.assessmentScore.count(), changes: await t.db.prisma.auditEvent.count({ where: { kind: { not: "READ" } } }) });

/** The error a procedure refused with: its code and the message a person reads (nb). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "refused").not.toBeNull();
  const described = describeUnknownError(error, "nb");
  return { code: described.code, message: described.message };
}

describe("who reads the assessment", () => {
  it("members by their rights; others in the municipality and outside it are refused; the coordinating unit with a stated purpose", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:06": 3, "IPLOS:13": 4 });
    for (const who of ["owner", "representative", "coordinator", "relativeWithConsent", "staffInGroup"] as const) {
      const view = await forPlan(w, who);
      expect(view.current["IPLOS:13"]?.score, who).toBe(4);
    }
    for (const who of ["relativeWithoutConsent", "staffOutside", "away"] as const) {
      expect((await refusal(forPlan(w, who))).code, who).toBe("NOT_FOUND");
    }
    expect((await refusal(forPlan(w, "keLeader"))).code).toBe("FORBIDDEN");
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: "Gjennomgang av kartlegginger" });
    expect((await forPlan(w, "keLeader")).current["IPLOS:06"]?.score).toBe(3);
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { planId: w.plan.id, action: "assessment.view", actorId: w.people.keLeader.id } });
    expect(row).toMatchObject({ kind: "READ", purpose: "Gjennomgang av kartlegginger" });
  });

  it("the user always reads every score recorded about them, and what each side may do", async () => {
    const w = await createPlanWorld(t.db);
    const scores = { "IPLOS:01": 2, "IPLOS:06": 3, "IPLOS:13": 4, "IPLOS:16": 9, "LOKAL:TRYGGHET": 5 };
    await record(w, scores);
    const mine = await forPlan(w, "owner");
    expect(Object.fromEntries(Object.entries(mine.current).map(([k, c]) => [k, c.score]))).toEqual(scores);
    expect(mine.assessments[0].scores).toEqual(scores);
    expect(mine).toMatchObject({ canRecord: false, canGiveOwnView: true });
    expect(await forPlan(w, "representative")).toMatchObject({ canRecord: false, canGiveOwnView: true });
    expect(await forPlan(w, "coordinator")).toMatchObject({ canRecord: true, canGiveOwnView: false, canTieGoals: true });
    expect(await forPlan(w, "relativeWithConsent")).toMatchObject({ canRecord: false, canGiveOwnView: false, canTieGoals: false });
  });

  it("a read writes one read row and is no activity", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:06": 3 });
    const before = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true } });
    const rows = () => t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "assessment.view" } });
    const readsBefore = await rows();
    await forPlan(w, "owner");
    expect(await rows()).toBe(readsBefore + 1);
    const after = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true } });
    expect(after.lastActivityAt.getTime()).toBe(before.lastActivityAt.getTime());
  });
});

describe("the own view and the flag", () => {
  it("a difference of 2 or more is flagged and goes on the next meeting's agenda once; a meeting planned afterwards gets it too", async () => {
    const w = await createPlanWorld(t.db);
    const { meetingId } = await scheduleMeeting(w);
    await record(w, { "IPLOS:13": 2, "IPLOS:06": 3, "IPLOS:16": 1 });
    await w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer avtaler." }] });
    const view = await forPlan(w);
    expect(view.differences).toEqual([{ variable: "IPLOS:13", staff: 2, own: 4 }]);
    expect(view.ownViews["IPLOS:13"]).toMatchObject({ score: 4, words: "Jeg glemmer avtaler.", givenBy: { id: w.people.owner.id } });
    expect(await agendaDifferences(meetingId)).toEqual([{ sourceId: "IPLOS:13", title: "Ulik vurdering i kartleggingen: Hukommelse" }]);

    // Saved again (and by the representative): still once on the agenda.
    await w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer avtaler, også med kalender." }] });
    await w.callers.representative.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 5, words: "" }] });
    expect(await agendaDifferences(meetingId)).toHaveLength(1);

    const later = await scheduleMeeting(w);
    expect((await agendaDifferences(later.meetingId)).map((i) => i.sourceId)).toEqual(["IPLOS:13"]);
  });

  it("a difference of 1 is not flagged, and 'not relevant' is never a difference", async () => {
    const w = await createPlanWorld(t.db);
    const { meetingId } = await scheduleMeeting(w);
    await record(w, { "IPLOS:13": 2, "IPLOS:06": 9, "IPLOS:16": 1 });
    await w.callers.owner.assessment.ownView({
      planId: w.plan.id,
      views: [
        { variable: "IPLOS:13", score: 3, words: "" },
        { variable: "IPLOS:06", score: 5, words: "" },
        { variable: "IPLOS:16", score: 9, words: "Jeg ser godt." },
      ],
    });
    expect((await forPlan(w)).differences).toEqual([]);
    expect(await agendaDifferences(meetingId)).toEqual([]);
  });

  it("only the user's side gives an own view; staff only record", async () => {
    const w = await createPlanWorld(t.db);
    expect((await refusal(w.callers.coordinator.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "" }] }))).code).toBe("FORBIDDEN");
    expect((await refusal(record(w, { "IPLOS:13": 2 }, todayInOslo(), "owner"))).code).toBe("FORBIDDEN");
    expect((await refusal(record(w, { "IPLOS:13": 2 }, todayInOslo(), "representative"))).code).toBe("FORBIDDEN");
  });
});

describe("a goal tied to the assessment", () => {
  it("takes its baseline from the assessment current when tied; a later one shows the change", async () => {
    const w = await createPlanWorld(t.db);
    const { assessmentId: a } = await record(w, { "IPLOS:13": 4 }, daysAgo(30));
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["IPLOS:13"] });
    let goal = (await forPlan(w)).goals[0];
    expect(goal.goalId).toBe(w.goal.id);
    expect(goal.variables[0]).toMatchObject({ variable: "IPLOS:13", baselineScore: 4, baselineOn: daysAgo(30), currentScore: 4, improvement: 0 });
    const tie = await t.db.prisma.goalVariable.findFirstOrThrow({ where: { goalId: w.goal.id } });
    expect(tie.baselineAssessmentId).toBe(a);

    await record(w, { "IPLOS:13": 3 });
    goal = (await forPlan(w)).goals[0];
    expect(goal.variables[0]).toMatchObject({ baselineScore: 4, currentScore: 3, currentOn: todayInOslo(), improvement: 1 });
    // Saving the same choice again keeps the baseline where it was.
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["IPLOS:13"] });
    expect((await forPlan(w)).goals[0].variables[0]).toMatchObject({ baselineScore: 4, currentScore: 3 });
  });

  it("goals come in the plan's order with their variables in the order tied; a removed goal and one without variables are left out", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:06": 2, "IPLOS:13": 4 }, daysAgo(30));
    const create = (title: string) => w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title });
    const [second, untied, removed] = [await create("Andre"), await create("Uten variabler"), await create("Fjernet")];
    await t.db.prisma.goal.update({ where: { id: w.goal.id }, data: { sortOrder: 1 } });
    await t.db.prisma.goal.update({ where: { id: second.id }, data: { sortOrder: 0 } });
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["IPLOS:13"] });
    await w.callers.coordinator.assessment.tieGoal({ goalId: second.id, variables: ["IPLOS:13"] });
    await w.callers.coordinator.assessment.tieGoal({ goalId: second.id, variables: ["IPLOS:13", "IPLOS:06"] });
    await w.callers.coordinator.assessment.tieGoal({ goalId: removed.id, variables: ["IPLOS:06"] });
    await t.db.prisma.goal.update({ where: { id: removed.id }, data: { deletedAt: new Date() } });
    const goals = (await forPlan(w)).goals;
    expect(goals.map((g) => [g.goalId, g.variables.map((v) => v.variable)])).toEqual([
      [second.id, ["IPLOS:13", "IPLOS:06"]],
      [w.goal.id, ["IPLOS:13"]],
    ]);
    expect(goals.some((g) => g.goalId === untied.id)).toBe(false);
    expect(goals[0]).toMatchObject({ title: "Andre", variables: [{ baselineScore: 4, currentScore: 4 }, { baselineScore: 2, currentScore: 2 }] });
  });
});

describe("out of date", () => {
  it("none yet, older than 12 months, fresh, then after a service change", async () => {
    const w = await createPlanWorld(t.db);
    expect((await forPlan(w)).outOfDate).toEqual({ reason: "NONE_YET", since: null });
    await record(w, { "IPLOS:13": 3 }, daysAgo(396));
    expect((await forPlan(w)).outOfDate).toEqual({ reason: "AGE", since: daysAgo(396) });
    await record(w, { "IPLOS:13": 3 }, daysAgo(10));
    expect((await forPlan(w)).outOfDate).toBeNull();
    await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Praktisk bistand", provider: "Hjemmetjenesten", fromDate: daysAgo(3) });
    expect((await forPlan(w)).outOfDate).toEqual({ reason: "SERVICE_CHANGE", since: daysAgo(3) });
  });

  it("after a new decision about the person", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:13": 3 }, daysAgo(20));
    await t.db.prisma.case.create({
      data: {
        municipalityId: w.home.id,
        reference: "2026-0042",
        type: "IP_APPLICATION",
        channel: "PORTAL",
        status: "DECIDED",
        subjectUserId: w.people.owner.id,
        subjectName: w.people.owner.name,
        planId: w.plan.id,
        description: "Søknad om endrede tjenester",
        receivedAt: new Date(Date.now() - 15 * DAY),
        interimReplyDue: calendarDate(daysAgo(-6)),
        decisionDue: calendarDate(daysAgo(-15)),
        decidedAt: new Date(Date.now() - 2 * DAY),
        outcome: "GRANTED",
      },
    });
    expect((await forPlan(w)).outOfDate).toMatchObject({ reason: "DECISION", since: daysAgo(2) });
  });

  it("follows the municipality's own limit", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:13": 3 }, daysAgo(213));
    expect((await forPlan(w)).outOfDate).toBeNull();
    await t.db.prisma.municipality.update({ where: { id: w.home.id }, data: { assessmentMaxAgeMonths: 6 } });
    expect(await forPlan(w)).toMatchObject({ maxAgeMonths: 6, outOfDate: { reason: "AGE" } });
  });
});

describe("a closed plan", () => {
  it("refuses a new assessment and an own view, and still reads", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "IPLOS:13": 3 });
    const { version } = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    await w.callers.coordinator.plan.close({ planId: w.plan.id, version, reason: "Kari ønsker ikke plan lenger.", endedOn: todayInOslo() });
    const before = await written();
    expect((await refusal(record(w, { "IPLOS:13": 2 }))).code).toBe("FORBIDDEN");
    expect((await refusal(w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "" }] }))).code).toBe("FORBIDDEN");
    expect(await written()).toEqual(before);
    const view = await forPlan(w, "owner");
    expect(view).toMatchObject({ canRecord: false, canGiveOwnView: false });
    expect(view.current["IPLOS:13"]?.score).toBe(3);
  });
});

describe("refused input", () => {
  it("an unknown variable, a score of 6 and a date in the future are refused in words, and nothing is written", async () => {
    const w = await createPlanWorld(t.db);
    const before = await written();
    const unknown = await refusal(record(w, { "IPLOS:06": 2, "IPLOS:99": 3 }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(unknown.message).toBe("«IPLOS:99» finnes ikke i kodelisten for kartlegging. Last inn siden på nytt.");
    const six = await refusal(record(w, { "IPLOS:06": 6 }));
    expect(six.code).toBe("BAD_REQUEST");
    expect(six.message).toContain("må være 1, 2, 3, 4, 5 eller 9");
    const future = await refusal(record(w, { "IPLOS:06": 2 }, osloDate(new Date(Date.now() + 3 * DAY))));
    expect(future).toEqual({ code: "BAD_REQUEST", message: "Datoen for kartleggingen kan ikke være fram i tid." });
    const unknownOwn = await refusal(w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:99", score: 2, words: "" }] }));
    expect(unknownOwn.code).toBe("BAD_REQUEST");
    expect(await written()).toEqual(before);
    expect(await t.db.prisma.assessmentOwnView.count()).toBe(0);
  });
});

describe("what the review found", () => {
  it("a relative given the right to change the plan still cannot score as staff", async () => {
    const w = await createPlanWorld(t.db);
    await t.db.prisma.planParticipant.updateMany({ where: { planId: w.plan.id, userId: w.people.relativeWithConsent.id }, data: { access: "EDIT_PLAN" } });
    expect(await forPlan(w, "relativeWithConsent")).toMatchObject({ canRecord: false, canTieGoals: true });
    const before = await written();
    expect((await refusal(record(w, { "IPLOS:06": 3 }, todayInOslo(), "relativeWithConsent"))).code).toBe("FORBIDDEN");
    expect(await written()).toEqual(before);
  });

  it("an own view names each variable once", async () => {
    const w = await createPlanWorld(t.db);
    const twice = w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 2, words: "" }, { variable: "IPLOS:13", score: 4, words: "" }] });
    expect((await refusal(twice)).code).toBe("BAD_REQUEST");
    expect(await t.db.prisma.assessmentOwnView.count({ where: { planId: w.plan.id } })).toBe(0);
  });

  it("a goal tied before its variable was ever scored takes the first score recorded after as its baseline", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["IPLOS:06"] });
    expect((await forPlan(w)).goals[0].variables[0]).toMatchObject({ baselineScore: null, improvement: null });
    await record(w, { "IPLOS:06": 4 }, daysAgo(20));
    await record(w, { "IPLOS:06": 3 });
    expect((await forPlan(w)).goals[0].variables[0]).toMatchObject({ baselineScore: 4, baselineOn: daysAgo(20), currentScore: 3, improvement: 1 });
  });

  it("a tie to a variable the administrator has since left out is kept when the goal's ties are saved again", async () => {
    const w = await createPlanWorld(t.db);
    await record(w, { "LOKAL:INITIATIV": 3 });
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["LOKAL:INITIATIV"] });
    const { current } = await w.callers.admin.assessment.codeList();
    await w.callers.admin.assessment.saveCodeList({
      basedOnVersion: current.version,
      content: { areas: current.areas, variables: current.variables.filter((v) => v.code !== "INITIATIV") },
      maxAgeMonths: 12,
    });
    // The plan's Kartlegging still names it, from the version it was scored on, beside the list without it.
    const view = await forPlan(w);
    expect(view.codeList.variables.map(variableKey)).not.toContain("LOKAL:INITIATIV");
    expect(view.retired).toEqual({ "LOKAL:INITIATIV": expect.objectContaining({ text: "Initiativ", area: "trygghet" }) });
    expect(variableOf(view, "LOKAL:INITIATIV")?.text).toBe("Initiativ");
    expect(variableOf(view, "IPLOS:06")?.text).toBe("Personlig hygiene");
    expect(scoredAreas(view).find((a) => a.area.key === "trygghet")?.variables.map(variableKey)).toContain("LOKAL:INITIATIV");
    // Saved again with the retired one still ticked (the form shows it), and one more added.
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["LOKAL:INITIATIV", "IPLOS:06"] });
    const ties = await t.db.prisma.goalVariable.findMany({ where: { goalId: w.goal.id }, orderBy: { variable: "asc" } });
    expect(ties.map((tie) => [tie.variable, tie.baselineScore])).toEqual([
      ["IPLOS:06", null],
      ["LOKAL:INITIATIV", 3],
    ]);
    // A retired variable cannot be newly tied.
    await w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: [] });
    expect((await refusal(w.callers.coordinator.assessment.tieGoal({ goalId: w.goal.id, variables: ["LOKAL:INITIATIV"] }))).code).toBe("BAD_REQUEST");
  });

  it("the agenda says the views differ without the scores (meeting guests read it)", async () => {
    const w = await createPlanWorld(t.db);
    const { meetingId } = await scheduleMeeting(w);
    await record(w, { "IPLOS:13": 1 });
    await w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer avtaler" }] });
    const [item] = await t.db.prisma.agendaItem.findMany({ where: { meetingId, kind: "ASSESSMENT_DIFFERENCE" } });
    expect(item.title).toBe("Ulik vurdering i kartleggingen: Hukommelse");
    expect(item.note).not.toMatch(/[1-59]/);
    expect(item.note).not.toContain("glemmer");
  });
});
