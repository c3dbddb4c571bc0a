import { z } from "zod";
import { Attainment, GoalStatus, LifeArea, MeasureStatus, isUserSide } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError, requireRight } from "../errors.ts";
import { translate } from "../i18n.ts";
import { recordMeetingAction } from "../meetings/actions.ts";
import { planContentWhere, planPolicy, planPolicyOf } from "../plans/access.ts";
import { nextGoalPosition, nextMeasurePosition } from "./order.ts";
import { isoDate, longText, optionalDate, score, shortText, version } from "../plans/schemas.ts";
import { assertLifeAreaOffered } from "../plans/templates.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { selfPolicy } from "../records/policy.ts";
import { planRows, read } from "../records/read.ts";
import { write } from "../records/write.ts";

const lifeArea = LifeArea;
const goalStatus = GoalStatus;
const measureStatus = MeasureStatus;
const attainment = Attainment;

const goalFields = {
  lifeArea,
  title: shortText(300),
  description: longText(),
  status: goalStatus,
  ownView: longText(5000).nullable(),
  othersInput: longText(5000).nullable(),
  baselineScore: score.nullable(),
  targetScore: score.nullable(),
  evaluationDate: optionalDate,
  newScore: score.nullable(),
  attained: attainment.nullable(),
};

export const createGoalInput = z.object({
  planId: id,
  parentId: id.nullable().optional(),
  ...goalFields,
  description: goalFields.description.optional(),
  status: goalStatus.optional(),
  ownView: goalFields.ownView.optional(),
  othersInput: goalFields.othersInput.optional(),
  baselineScore: goalFields.baselineScore.optional(),
  targetScore: goalFields.targetScore.optional(),
  newScore: goalFields.newScore.optional(),
  attained: goalFields.attained.optional(),
});

/** Taken in a responsibility-group meeting: recorded with the meeting's minutes (same transaction). */
const meetingId = id.optional();

export const updateGoalInput = z.object({
  goalId: id,
  version,
  // The description is a co-edited text (server/collab): it changes only through the editor.
  changes: z.object(goalFields).omit({ description: true }).partial().strict(),
  meetingId,
});

const measureFields = {
  title: shortText(300),
  description: longText(),
  amount: z.string().trim().max(300).nullable(),
  responsibleUserId: id.nullable(),
  responsibleParticipantId: id.nullable(),
  unitId: id.nullable(),
  startDate: optionalDate,
  endDate: optionalDate,
  status: measureStatus,
  evaluationDate: optionalDate,
};

export const createMeasureInput = z.object({
  goalId: id,
  ...measureFields,
  description: measureFields.description.optional(),
  amount: measureFields.amount.optional(),
  responsibleUserId: measureFields.responsibleUserId.optional(),
  responsibleParticipantId: measureFields.responsibleParticipantId.optional(),
  unitId: measureFields.unitId.optional(),
  status: measureStatus.optional(),
  meetingId,
});

export const updateMeasureInput = z.object({
  measureId: id,
  version,
  // The description is a co-edited text (server/collab): it changes only through the editor.
  changes: z.object(measureFields).omit({ description: true }).partial().strict(),
  meetingId,
});

export const createEvaluationInput = z
  .object({
    goalId: id.optional(),
    measureId: id.optional(),
    date: isoDate,
    participants: shortText(1000),
    achieved: shortText(10_000),
    nextStep: longText().optional(),
    newScore: score.nullable().optional(),
    attained: attainment.nullable().optional(),
    meetingId,
  })
  .refine((v) => Boolean(v.goalId) !== Boolean(v.measureId), { message: "goalOrMeasure", path: ["goalId"] });

/** The plan's rules for a goal, found in the caller's municipality inside the transaction. */
const goalPolicy = (goalId: string, allowed: Parameters<typeof planPolicyOf>[1]) =>
  planPolicyOf(async (tx, actor) => (await tx.goal.findFirst({ where: { id: goalId, deletedAt: null, plan: { municipalityId: actor.municipalityId } }, select: { planId: true } }))?.planId, allowed);

const measurePolicy = (measureId: string, allowed: Parameters<typeof planPolicyOf>[1]) =>
  planPolicyOf(async (tx, actor) => (await tx.measure.findFirst({ where: { id: measureId, deletedAt: null, plan: { municipalityId: actor.municipalityId } }, select: { planId: true } }))?.planId, allowed);

/** The responsible person must be someone who can see the plan: an account in the group or the coordinator. */
async function checkResponsible(tx: Prisma.TransactionClient, planId: string, fields: { responsibleUserId?: string | null; responsibleParticipantId?: string | null; unitId?: string | null }, municipalityId: string) {
  if (fields.responsibleUserId) {
    const ok = await tx.plan.count({
      where: {
        id: planId,
        OR: [
          { ownerId: fields.responsibleUserId },
          { coordinators: { some: { coordinatorId: fields.responsibleUserId, endedAt: null } } },
          { participants: { some: { userId: fields.responsibleUserId, active: true } } },
        ],
      },
    });
    if (!ok) throw new DomainError("BAD_REQUEST", "measure.responsibleNotInGroup");
  }
  if (fields.responsibleParticipantId) {
    const ok = await tx.planParticipant.count({ where: { id: fields.responsibleParticipantId, planId, active: true } });
    if (!ok) throw new DomainError("BAD_REQUEST", "measure.responsibleNotInGroup");
  }
  if (fields.unitId) {
    const ok = await tx.unit.count({ where: { id: fields.unitId, municipalityId } });
    if (!ok) throw new DomainError("BAD_REQUEST", "measure.unknownUnit");
  }
}

export async function createGoal(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createGoalInput>, meta: RequestMeta) {
  const { planId, parentId, ...fields } = input;
  return write(prisma, actor, meta, planPolicy(planId, (a) => a.canEditPlan), "goal.create", async (tx, { access }) => {
    if (parentId) {
      const parent = await tx.goal.findFirst({ where: { id: parentId, planId, deletedAt: null }, select: { parentId: true } });
      if (!parent) throw new DomainError("BAD_REQUEST", "goal.unknownParent");
      // Two levels: main goals and their sub-goals.
      if (parent.parentId) throw new DomainError("BAD_REQUEST", "goal.tooDeep");
    }
    await assertLifeAreaOffered(tx, planId, fields.lifeArea);
    const goal = await tx.goal.create({
      data: {
        planId,
        parentId: parentId ?? null,
        ...fields,
        writtenByUser: isUserSide(access.role),
        sortOrder: await nextGoalPosition(tx, planId, parentId ?? null),
        createdById: actor.id,
      },
    });
    return { result: goal, target: { type: "goal", id: goal.id }, details: { goalId: goal.id } };
  });
}

export async function updateGoal(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateGoalInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, goalPolicy(input.goalId, (a) => a.canEditPlan), "goal.update", async (tx, { planId }) => {
    const current = await tx.goal.findUniqueOrThrow({ where: { id: input.goalId } });
    assertCurrentVersion(current, input.version);
    // A goal may keep an area its plan's template no longer offers, but not be moved to one.
    if (input.changes.lifeArea && input.changes.lifeArea !== current.lifeArea) await assertLifeAreaOffered(tx, current.planId, input.changes.lifeArea);
    await applyVersioned(
      tx.goal.updateMany({ where: { id: input.goalId, version: input.version }, data: { ...input.changes, version: { increment: 1 } } }),
      () => tx.goal.findUnique({ where: { id: input.goalId } }),
    );
    const goal = await tx.goal.findUniqueOrThrow({ where: { id: input.goalId } });
    if (input.meetingId) {
      const summary =
        input.changes.status && input.changes.status !== current.status
          ? translate("nb", "meeting.action.goalStatus", { title: goal.title, status: translate("nb", `goal.status.${goal.status}`) })
          : translate("nb", "meeting.action.goalUpdate", { title: goal.title });
      await recordMeetingAction(tx, { meetingId: input.meetingId, planId, kind: "goal.update", targetType: "goal", targetId: goal.id, summary, actorId: actor.id });
    }
    return {
      result: goal,
      target: { type: "goal", id: goal.id },
      meetingId: input.meetingId,
      details: { fields: Object.keys(input.changes), ...(input.meetingId ? { meetingId: input.meetingId } : {}) },
    };
  });
}

export async function createMeasure(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createMeasureInput>, meta: RequestMeta) {
  const { meetingId, ...fields } = input;
  return write(prisma, actor, meta, goalPolicy(input.goalId, (a) => a.canEditPlan), "measure.create", async (tx, { planId, access }) => {
    await checkResponsible(tx, planId, fields, access.municipalityId);
    const measure = await tx.measure.create({ data: { planId, ...fields, sortOrder: await nextMeasurePosition(tx, fields.goalId), createdById: actor.id } });
    if (meetingId) {
      const summary = translate("nb", "meeting.action.measureCreate", { title: measure.title });
      await recordMeetingAction(tx, { meetingId, planId, kind: "measure.create", targetType: "measure", targetId: measure.id, summary, actorId: actor.id });
    }
    return {
      result: measure,
      target: { type: "measure", id: measure.id },
      meetingId,
      details: { responsibleUserId: measure.responsibleUserId, ...(meetingId ? { meetingId } : {}) },
    };
  });
}

export async function updateMeasure(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateMeasureInput>, meta: RequestMeta) {
  // Edit rights on the plan, or the measure is the caller's own (EDIT_OWN_MEASURES), checked below.
  return write(prisma, actor, meta, measurePolicy(input.measureId, (a) => a.canEditPlan || a.canEditOwnMeasures), "measure.update", async (tx, { planId, access }) => {
    const current = await tx.measure.findUniqueOrThrow({ where: { id: input.measureId } });
    // A participant who may edit their own measures may not hand them to someone else.
    requireRight(access.canEditPlan || (current.responsibleUserId === actor.id && input.changes.responsibleUserId === undefined));
    assertCurrentVersion(current, input.version);
    await checkResponsible(tx, planId, input.changes, access.municipalityId);
    await applyVersioned(
      tx.measure.updateMany({
        where: { id: input.measureId, version: input.version },
        data: { ...input.changes, version: { increment: 1 } },
      }),
      () => tx.measure.findUnique({ where: { id: input.measureId } }),
    );
    const measure = await tx.measure.findUniqueOrThrow({ where: { id: input.measureId } });
    if (input.meetingId) {
      const summary =
        input.changes.status && input.changes.status !== current.status
          ? translate("nb", "meeting.action.measureStatus", { title: measure.title, status: translate("nb", `measure.status.${measure.status}`) })
          : translate("nb", "meeting.action.measureUpdate", { title: measure.title });
      await recordMeetingAction(tx, { meetingId: input.meetingId, planId, kind: "measure.update", targetType: "measure", targetId: measure.id, summary, actorId: actor.id });
    }
    // The person it is given to now, if it changed hands (they are told).
    const handedTo = measure.responsibleUserId !== current.responsibleUserId ? measure.responsibleUserId : undefined;
    return {
      result: measure,
      target: { type: "measure", id: measure.id },
      meetingId: input.meetingId,
      details: { fields: Object.keys(input.changes), ...(handedTo ? { responsibleUserId: handedTo } : {}), ...(input.meetingId ? { meetingId: input.meetingId } : {}) },
    };
  });
}

export async function createEvaluation(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createEvaluationInput>, meta: RequestMeta) {
  const policy = input.goalId
    ? goalPolicy(input.goalId, (a) => a.canEditPlan)
    : measurePolicy(input.measureId!, (a) => a.canEditPlan || a.canEditOwnMeasures);
  return write(prisma, actor, meta, policy, "evaluation.create", async (tx, { planId, access }) => {
    if (input.measureId && !access.canEditPlan) {
      const own = await tx.measure.count({ where: { id: input.measureId, responsibleUserId: actor.id } });
      requireRight(own > 0);
    }
    const evaluation = await tx.evaluation.create({
      data: {
        planId,
        goalId: input.goalId ?? null,
        measureId: input.measureId ?? null,
        date: input.date,
        participants: input.participants,
        achieved: input.achieved,
        nextStep: input.nextStep ?? "",
        newScore: input.newScore ?? null,
        attained: input.attained ?? null,
        createdById: actor.id,
      },
    });
    // A goal's latest evaluation also updates its card, as the goal card asks.
    if (input.goalId && (input.newScore != null || input.attained != null)) {
      await tx.goal.update({
        where: { id: input.goalId },
        data: {
          ...(input.newScore != null ? { newScore: input.newScore } : {}),
          ...(input.attained != null ? { attained: input.attained } : {}),
          version: { increment: 1 },
        },
      });
    }
    if (input.meetingId) {
      const target = input.goalId
        ? await tx.goal.findUniqueOrThrow({ where: { id: input.goalId }, select: { title: true } })
        : await tx.measure.findUniqueOrThrow({ where: { id: input.measureId! }, select: { title: true } });
      const summary = translate("nb", input.goalId ? "meeting.action.evaluationGoal" : "meeting.action.evaluationMeasure", { title: target.title });
      await recordMeetingAction(tx, { meetingId: input.meetingId, planId, kind: "evaluation.create", targetType: "evaluation", targetId: evaluation.id, summary, actorId: actor.id });
    }
    return {
      result: evaluation,
      target: { type: "evaluation", id: evaluation.id },
      meetingId: input.meetingId,
      details: { goalId: input.goalId, measureId: input.measureId, ...(input.meetingId ? { meetingId: input.meetingId } : {}) },
    };
  });
}

/**
 * "Mine tiltak": measures the caller is responsible for, in plans they can still see. Measure
 * titles are plan content, so each plan shown gets an audit row in the same transaction.
 */
export async function listMyMeasures(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return read(prisma, actor, meta, selfPolicy, "measure.mine.view", async (tx) => {
    const measures = await tx.measure.findMany({
      where: { responsibleUserId: actor.id, deletedAt: null, plan: { ...planContentWhere(actor), status: { not: "CLOSED" } } },
      orderBy: [{ evaluationDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: {
        id: true,
        planId: true,
        title: true,
        amount: true,
        status: true,
        startDate: true,
        endDate: true,
        evaluationDate: true,
        goal: { select: { id: true, title: true } },
        plan: { select: { owner: { select: { name: true } } } },
      },
    });
    return { rows: planRows(measures.map((m) => m.planId)), result: measures.map(({ plan, ...m }) => ({ ...m, ownerName: plan.owner.name })) };
  });
}
