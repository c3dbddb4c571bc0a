import { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import { recordAudit } from "../audit/audit.ts";
import { hasAnyRole, KE_ROLES } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { events } from "../events.ts";
import { id, shortText } from "../plans/schemas.ts";
import { changePlan } from "../plans/write.ts";
import { AppError } from "../trpc/errors.ts";

export const assignCoordinatorInput = z.object({
  planId: id,
  coordinatorId: id,
  /** Required when someone is handed over from: what the new coordinator needs to know. */
  handoverNote: z.string().trim().max(5000).optional(),
});

export const requestChangeInput = z.object({ planId: id, reason: shortText(2000) });

/**
 * Appoints a coordinator: the coordinating unit for any plan in its municipality, a unit
 * leader for coordinators of their own unit. One transaction closes the old term and opens the
 * new one at the same instant; a partial unique index allows only one open term per plan, so
 * the plan is never without a coordinator and never has two.
 */
export async function assignCoordinator(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof assignCoordinatorInput>, meta: RequestMeta) {
  const result = await prisma
    .$transaction((tx) => assignCoordinatorInTx(tx, actor, input, meta))
    .catch((error: unknown) => {
      // Someone else appointed a coordinator at the same moment: the one-open-term index refused ours.
      if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "coordinator.concurrent");
      throw error;
    });
  announceCoordinatorChange(actor, input.planId, result);
  return result.assignment;
}

/**
 * The handover itself, inside the caller's transaction (a case decision appoints a coordinator
 * in the same transaction as it records the decision). Call announceCoordinatorChange after commit.
 */
export async function assignCoordinatorInTx(
  tx: Prisma.TransactionClient,
  actor: SessionUser,
  input: z.infer<typeof assignCoordinatorInput>,
  meta: RequestMeta,
) {
  const isKe = hasAnyRole(actor, KE_ROLES);
  if (!isKe && !actor.roles.includes("UNIT_LEADER")) throw new AppError("FORBIDDEN", "coordinator.whoMayAssign");
  const plan = await tx.plan.findFirst({ where: { id: input.planId, municipalityId: actor.municipalityId }, select: { id: true, ownerId: true } });
  if (!plan) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  const coordinator = await tx.user.findFirst({
    where: { id: input.coordinatorId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: "COORDINATOR" } } },
    select: { id: true, unitId: true },
  });
  if (!coordinator || coordinator.id === plan.ownerId) throw new AppError("BAD_REQUEST", "coordinator.notACoordinator");
  if (!isKe && (!actor.leadsUnitId || coordinator.unitId !== actor.leadsUnitId)) throw new AppError("FORBIDDEN", "coordinator.ownUnitOnly");

  const current = await tx.coordinatorAssignment.findFirst({ where: { planId: plan.id, endedAt: null } });
  if (current?.coordinatorId === coordinator.id) throw new AppError("CONFLICT", "coordinator.alreadyCurrent");
  if (current && !input.handoverNote) throw new AppError("BAD_REQUEST", "coordinator.handoverNoteRequired");
  const now = new Date();
  if (current) await tx.coordinatorAssignment.update({ where: { id: current.id }, data: { endedAt: now } });
  const assignment = await tx.coordinatorAssignment.create({
    data: { planId: plan.id, coordinatorId: coordinator.id, startedAt: now, handoverNote: input.handoverNote ?? null, assignedById: actor.id },
  });
  await tx.coordinatorChangeRequest.updateMany({ where: { planId: plan.id, resolvedAt: null }, data: { resolvedAt: now } });
  await tx.plan.update({ where: { id: plan.id }, data: { lastActivityAt: now } });
  await recordAudit(tx, {
    action: "coordinator.assign",
    municipalityId: actor.municipalityId,
    actorId: actor.id,
    planId: plan.id,
    targetType: "coordinator",
    targetId: assignment.id,
    details: { from: current?.coordinatorId ?? null, to: coordinator.id },
    meta,
  });
  return { assignment, previous: current?.coordinatorId ?? null };
}

export function announceCoordinatorChange(actor: SessionUser, planId: string, result: { assignment: { id: string }; previous: string | null }) {
  events.emit("plan.changed", { planId, municipalityId: actor.municipalityId, entity: "coordinator", entityId: result.assignment.id, actorId: actor.id, action: "coordinator.assign" });
  if (result.previous) events.emit("plan.accessRevoked", { planId, userId: result.previous });
}

/** The user (or representative) asks for another coordinator; recorded on the plan for the coordinating unit. */
export async function requestCoordinatorChange(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof requestChangeInput>, meta: RequestMeta) {
  return changePlan(
    prisma,
    actor,
    meta,
    input.planId,
    { action: "coordinator.request_change", entity: "coordinator", allowed: (a) => a.canDecideConsent, forbiddenKey: "coordinator.userAsks" },
    async (tx) => {
      const request = await tx.coordinatorChangeRequest.create({ data: { planId: input.planId, requestedById: actor.id, reason: input.reason } });
      return { result: request, entityId: request.id };
    },
  );
}

/** Coordinators the caller may appoint: the whole municipality for KE, their own unit for a unit leader. */
export async function listCoordinatorCandidates(prisma: PrismaClient, actor: SessionUser) {
  const isKe = hasAnyRole(actor, KE_ROLES);
  if (!isKe && !actor.leadsUnitId) throw new AppError("FORBIDDEN", "coordinator.whoMayAssign");
  return prisma.user.findMany({
    where: {
      municipalityId: actor.municipalityId,
      active: true,
      roles: { some: { role: "COORDINATOR" } },
      ...(isKe ? {} : { unitId: actor.leadsUnitId }),
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, title: true, unit: { select: { name: true } } },
  });
}
