import { z } from "zod";
import { ASSESSMENT_SCORES, improvement, variableKey } from "../../app/domain/assessment.ts";
import { calendarDay, calendarDate, osloDate } from "../../app/domain/oslo-time.ts";
import { AssessmentMethod, id, isUserSide, STAFF_ROLES } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { planPolicy, planPolicyOf, type PlanAccess } from "../plans/access.ts";
import { isoDate } from "../plans/schemas.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { namesOf } from "../users/names.ts";
import { flagDifferencesForNextMeeting } from "./agenda.ts";
import { currentCodeList, currentCodeListOf, NEWEST_CODE_LIST } from "./codes.ts";
import { outOfDate } from "./freshness.ts";
import { currentFrom, currentScores, differences, latestOwnViewsOf, NEWEST_FIRST, OWN_VIEWS, retiredOf, variablesFor } from "./scores.ts";
import type { AssessmentView, GoalMovement } from "./view.ts";

// Kartlegging in a plan (issue 15, docs/decisions/030). Staff with the right to change the plan
// record assessments; the user's side gives its own view; everyone who reads the plan reads
// every score, and the user always does: no score is ever hidden from the person it is about.

/** 1-5, or 9 for "not relevant". */
const assessmentScore = z
  .number()
  .int()
  .refine((v) => (ASSESSMENT_SCORES as readonly number[]).includes(v), { message: "assessmentScore" });
const variable = z.string().trim().min(3).max(60);

export const forPlanInput = z.object({ planId: id });

export const recordInput = z.object({
  planId: id,
  assessedOn: isoDate,
  methods: z.array(AssessmentMethod).min(1).max(4),
  note: z.string().trim().max(2000).optional(),
  scores: z
    .record(variable, assessmentScore)
    .refine((s) => Object.keys(s).length > 0, { message: "assessmentNoScores" })
    .refine((s) => Object.keys(s).length <= 200, { message: "assessmentTooMany" }),
});

export const ownViewInput = z.object({
  planId: id,
  views: z
    .array(
      z
        .object({ variable, score: assessmentScore.nullable(), words: z.string().trim().max(500) })
        .refine((v) => v.score !== null || v.words.length > 0, { message: "assessmentOwnViewEmpty", path: ["words"] }),
    )
    .min(1)
    .max(200)
    .refine((views) => new Set(views.map((v) => v.variable)).size === views.length, { message: "duplicateVariable" }),
});

export const tieGoalInput = z.object({
  goalId: id,
  variables: z.array(variable).max(10).refine((v) => new Set(v).size === v.length, { message: "duplicateVariable" }),
});

/**
 * Staff who may change the plan score it: by their access and by their role, since a relative
 * may be given the right to change the plan but never scores as staff. The user's side gives its
 * own view instead.
 */
const mayRecord = (a: PlanAccess, actor: SessionUser) => a.canEditPlan && !isUserSide(a.role) && hasAnyRole(actor, STAFF_ROLES);
const mayGiveOwnView = (a: PlanAccess) => isUserSide(a.role) && !a.closed;

export async function assessmentForPlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof forPlanInput>, meta: RequestMeta): Promise<AssessmentView> {
  return read(prisma, actor, meta, planPolicy(input.planId), "assessment.view", async (tx, scope) => ({
    result: await viewOf(tx, scope.access, actor),
    target: { type: "plan", id: input.planId },
  }));
}

/**
 * The plan's Kartlegging as assessment.forPlan answers it, for a caller whose access the read has
 * resolved. `known`: the names of the plan's people, when the caller reads the plan anyway (the
 * pages); awaited only once the assessors are known, so both reads run side by side.
 */
export async function viewOf(tx: Tx, access: PlanAccess, actor: SessionUser, known?: PromiseLike<ReadonlyMap<string, string>>): Promise<AssessmentView> {
  const planId = access.planId;
  // The municipality's part (code list, age limit) and the plan's (assessments, own views, goals'
  // variables) in one statement: the plan's municipality is the caller's (access is scoped to it).
  const { municipality, ...stored } = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      municipality: { select: { assessmentMaxAgeMonths: true, assessmentCodeLists: NEWEST_CODE_LIST } },
      assessments: {
        orderBy: [...NEWEST_FIRST],
        select: { id: true, assessedOn: true, assessedById: true, methods: true, note: true, codeListVersion: true, createdAt: true, scores: { select: { variable: true, score: true } } },
      },
      assessmentOwnViews: OWN_VIEWS,
      goals: {
        where: { deletedAt: null, variables: { some: {} } },
        select: { id: true, title: true, targetScore: true, sortOrder: true, variables: { select: { variable: true, baselineScore: true, baselineAssessmentId: true, createdAt: true } } },
      },
    },
  });
  const codeList = currentCodeListOf(municipality.assessmentCodeLists);
  const plan = { id: planId, ownerId: access.ownerId };
  const assessments = stored.assessments;
  const current = currentFrom(assessments);
  const own = latestOwnViewsOf(stored.assessmentOwnViews);
  // The goals' variables in the goals' order, each goal's in the order they were tied.
  const ties = stored.goals
    .flatMap(({ variables, ...goal }) => variables.map((tie) => ({ ...tie, goal })))
    .sort((a, b) => a.goal.sortOrder - b.goal.sortOrder || a.createdAt.getTime() - b.createdAt.getTime());
  const peopleIds = [...assessments.map((a) => a.assessedById), ...[...own.values()].map((v) => v.givenById)];
  const [nameOf, stale] = await Promise.all([
    Promise.resolve(known).then((names) => namesOf(tx, access.municipalityId, peopleIds, names)),
    outOfDate(tx, plan, assessments[0]?.assessedOn ?? null, municipality.assessmentMaxAgeMonths, calendarDate(osloDate(new Date()))),
  ]);
  const person = (userId: string) => ({ id: userId, name: nameOf.get(userId) ?? "" });
  const assessedOnById = new Map(assessments.map((a) => [a.id, calendarDay(a.assessedOn)]));

  const goals = new Map<string, GoalMovement>();
  const oldestFirst = [...assessments].reverse();
  for (const tie of ties) {
    const goal = goals.get(tie.goal.id) ?? { goalId: tie.goal.id, title: tie.goal.title, targetScore: tie.goal.targetScore, variables: [] };
    const now = current.get(tie.variable);
    // Tied before the variable was ever scored: the baseline is the first score recorded after.
    const first = tie.baselineScore === null ? oldestFirst.find((a) => a.createdAt >= tie.createdAt && a.scores.some((s) => s.variable === tie.variable)) : undefined;
    const baselineScore = tie.baselineScore ?? first?.scores.find((s) => s.variable === tie.variable)?.score ?? null;
    const baselineId = tie.baselineAssessmentId ?? first?.id ?? null;
    goal.variables.push({
      variable: tie.variable,
      baselineScore,
      baselineOn: baselineId ? (assessedOnById.get(baselineId) ?? null) : null,
      currentScore: now?.score ?? null,
      currentOn: now ? calendarDay(now.assessedOn) : null,
      improvement: improvement(baselineScore, now?.score),
    });
    goals.set(tie.goal.id, goal);
  }

  return {
    codeList,
    retired: retiredOf(await variablesFor(tx, access.municipalityId, assessments.map((a) => a.codeListVersion), codeList), codeList),
    maxAgeMonths: municipality.assessmentMaxAgeMonths,
    assessments: assessments.map((a) => ({
      id: a.id,
      assessedOn: calendarDay(a.assessedOn),
      assessedBy: person(a.assessedById),
      methods: a.methods,
      note: a.note,
      codeListVersion: a.codeListVersion,
      scores: Object.fromEntries(a.scores.map((s) => [s.variable, s.score])),
    })),
    current: Object.fromEntries([...current].map(([key, c]) => [key, { score: c.score, assessedOn: calendarDay(c.assessedOn), assessmentId: c.assessmentId }])),
    ownViews: Object.fromEntries([...own].map(([key, v]) => [key, { score: v.score, words: v.words, givenBy: person(v.givenById), givenAt: v.createdAt.toISOString() }])),
    differences: differences(current, own),
    outOfDate: stale,
    goals: [...goals.values()],
    canRecord: mayRecord(access, actor),
    canGiveOwnView: mayGiveOwnView(access),
    canTieGoals: access.canEditPlan,
  };
}

/** Every variable given must be in the municipality's current list; its area comes from there. */
async function areasOf(tx: Tx, municipalityId: string, keys: string[]) {
  const list = await currentCodeList(tx, municipalityId);
  const area = new Map(list.variables.map((v) => [variableKey(v), v.area]));
  const unknown = keys.filter((k) => !area.has(k));
  if (unknown.length) throw new DomainError("BAD_REQUEST", "assessment.errors.unknownVariable", { variable: unknown[0] });
  return { list, area: (key: string) => area.get(key)! };
}

export async function recordAssessment(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof recordInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => mayRecord(a, actor), { forbiddenKey: "assessment.errors.staffOnly" }), "assessment.record", async (tx, scope) => {
    if (calendarDay(input.assessedOn) > osloDate(new Date())) throw new DomainError("BAD_REQUEST", "assessment.errors.inFuture");
    const keys = Object.keys(input.scores);
    const { list, area } = await areasOf(tx, scope.municipalityId, keys);
    const assessment = await tx.assessment.create({
      data: { planId: input.planId, codeListVersion: list.version, assessedOn: input.assessedOn, assessedById: actor.id, methods: input.methods, note: input.note ?? "" },
      select: { id: true },
    });
    await tx.assessmentScore.createMany({ data: keys.map((key) => ({ assessmentId: assessment.id, planId: input.planId, variable: key, area: area(key), score: input.scores[key] })) });
    const flagged = await flagDifferencesForNextMeeting(tx, input.planId, scope.municipalityId, actor.id);
    // Counts only: the scores themselves are health information and stay out of the audit row.
    return { result: { assessmentId: assessment.id }, target: { type: "assessment", id: assessment.id }, details: { variables: keys.length, flagged } };
  });
}

export async function giveOwnView(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof ownViewInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, mayGiveOwnView, { forbiddenKey: "assessment.errors.userOnly" }), "assessment.own_view", async (tx, scope) => {
    const { area } = await areasOf(tx, scope.municipalityId, input.views.map((v) => v.variable));
    await tx.assessmentOwnView.createMany({
      data: input.views.map((v) => ({ planId: input.planId, variable: v.variable, area: area(v.variable), score: v.score, words: v.words, givenById: actor.id })),
    });
    const flagged = await flagDifferencesForNextMeeting(tx, input.planId, scope.municipalityId, actor.id);
    return { result: { saved: input.views.length, flagged }, details: { variables: input.views.length, flagged } };
  });
}

/**
 * The variables a goal works on. A variable newly tied takes its baseline from the assessment
 * current now; one already tied keeps the baseline it had, so re-saving never moves it. Only a
 * newly tied variable must be in the current code list: a tie to one the administrator has since
 * left out is kept (with its baseline) until someone unties it.
 */
export async function tieGoal(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof tieGoalInput>, meta: RequestMeta) {
  const policy = planPolicyOf(
    async (tx, a) => (await tx.goal.findFirst({ where: { id: input.goalId, deletedAt: null, plan: { municipalityId: a.municipalityId } }, select: { planId: true } }))?.planId,
    (a) => a.canEditPlan,
  );
  return write(prisma, actor, meta, policy, "goal.variables", async (tx, scope) => {
    const tied = await tx.goalVariable.findMany({ where: { goalId: input.goalId }, select: { variable: true } });
    const before = new Set(tied.map((t) => t.variable));
    const wanted = new Set(input.variables);
    const { area } = await areasOf(tx, scope.municipalityId, input.variables.filter((v) => !before.has(v)));
    const current = await currentScores(tx, scope.planId);
    await tx.goalVariable.deleteMany({ where: { goalId: input.goalId, variable: { notIn: input.variables } } });
    const added = input.variables.filter((v) => !before.has(v));
    await tx.goalVariable.createMany({
      data: added.map((v) => ({ goalId: input.goalId, variable: v, area: area(v), baselineScore: current.get(v)?.score ?? null, baselineAssessmentId: current.get(v)?.assessmentId ?? null })),
      // Two saves at once: the second adds nothing twice.
      skipDuplicates: true,
    });
    const removed = [...before].filter((v) => !wanted.has(v)).length;
    return { result: { variables: input.variables }, target: { type: "goal", id: input.goalId }, details: { added: added.length, removed } };
  });
}
