import { z } from "zod";
import { KE_ROLES } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { planPolicy } from "../plans/access.ts";
import { shortText } from "../plans/schemas.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { uniqueViolation } from "../db/unique.ts";

export const assignCoordinatorInput = z.object({
  planId: id,
  coordinatorId: id,
  /** Required when someone is handed over from: what the new coordinator needs to know. */
  handoverNote: z.string().trim().max(5000).optional(),
});

export const requestChangeInput = z.object({ planId: id, reason: shortText(2000) });

/** Who appoints coordinators: the coordinating unit for any plan, a unit leader for their own unit's coordinators. */
export const appointersPolicy = rolePolicy([...KE_ROLES, "UNIT_LEADER"], "coordinator.whoMayAssign");

/**
 * Appoints a coordinator: the coordinating unit for any plan in its municipality, a unit
 * leader for coordinators of their own unit. One transaction closes the old term and opens the
 * new one at the same instant; a partial unique index allows only one open term per plan, so
 * the plan is never without a coordinator and never has two.
 */
export async function assignCoordinator(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof assignCoordinatorInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, appointersPolicy, "coordinator.assign", async (tx) => {
    const handover = await handOver(tx, actor, input);
    return {
      result: handover.assignment,
      planId: input.planId,
      target: { type: "coordinator", id: handover.assignment.id },
      details: { from: handover.previous, to: handover.assignment.coordinatorId },
      revoked: handover.previous ? [handover.previous] : [],
    };
  }).catch((error: unknown) => {
    // Someone else appointed a coordinator at the same moment: the one-open-term index refused ours.
    if (uniqueViolation(error)) throw new DomainError("CONFLICT", "coordinator.concurrent");
    throw error;
  });
}

/**
 * The handover itself, inside the caller's transaction (a case decision appoints a coordinator in
 * the same transaction as it records the decision). The caller's policy has checked the role.
 */
export async function handOver(tx: Tx, actor: SessionUser, input: z.infer<typeof assignCoordinatorInput>) {
  const isKe = hasAnyRole(actor, KE_ROLES);
  const plan = await tx.plan.findFirst({ where: { id: input.planId, municipalityId: actor.municipalityId }, select: { id: true, ownerId: true } });
  if (!plan) throw notFound();
  const coordinator = await tx.user.findFirst({
    where: { id: input.coordinatorId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: "COORDINATOR" } } },
    select: { id: true, unitId: true },
  });
  if (!coordinator || coordinator.id === plan.ownerId) throw new DomainError("BAD_REQUEST", "coordinator.notACoordinator");
  if (!isKe && (!actor.leadsUnitId || coordinator.unitId !== actor.leadsUnitId)) throw new DomainError("FORBIDDEN", "coordinator.ownUnitOnly");

  const current = await tx.coordinatorAssignment.findFirst({ where: { planId: plan.id, endedAt: null } });
  if (current?.coordinatorId === coordinator.id) throw new DomainError("CONFLICT", "coordinator.alreadyCurrent");
  if (current && !input.handoverNote) throw new DomainError("BAD_REQUEST", "coordinator.handoverNoteRequired");
  const now = new Date();
  if (current) await tx.coordinatorAssignment.update({ where: { id: current.id }, data: { endedAt: now } });
  const assignment = await tx.coordinatorAssignment.create({
    data: { planId: plan.id, coordinatorId: coordinator.id, startedAt: now, handoverNote: input.handoverNote ?? null, assignedById: actor.id },
  });
  await tx.coordinatorChangeRequest.updateMany({ where: { planId: plan.id, resolvedAt: null }, data: { resolvedAt: now } });
  return { assignment, previous: current?.coordinatorId ?? null };
}

/** The user (or representative) asks for another coordinator; recorded on the plan for the coordinating unit. */
export async function requestCoordinatorChange(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof requestChangeInput>, meta: RequestMeta) {
  const policy = planPolicy(input.planId, (a) => a.canDecideConsent, { forbiddenKey: "coordinator.userAsks" });
  return write(prisma, actor, meta, policy, "coordinator.request_change", async (tx) => {
    const request = await tx.coordinatorChangeRequest.create({ data: { planId: input.planId, requestedById: actor.id, reason: input.reason } });
    return { result: request, target: { type: "coordinatorRequest", id: request.id } };
  });
}

/** Coordinators the caller may appoint: the whole municipality for KE, their own unit for a unit leader. */
export async function listCoordinatorCandidates(prisma: PrismaClient, actor: SessionUser) {
  await appointersPolicy.resolve(prisma, actor);
  const isKe = hasAnyRole(actor, KE_ROLES);
  if (!isKe && !actor.leadsUnitId) throw new DomainError("FORBIDDEN", "coordinator.whoMayAssign");
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
