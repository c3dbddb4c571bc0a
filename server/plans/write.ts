import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { events, type PlanEntity } from "../events.ts";
import { resolvePlanAccess, requireRight, type PlanAccess } from "./access.ts";

export interface PlanChange<T> {
  result: T;
  entityId: string | null;
  details?: Prisma.InputJsonValue;
  /** People who lost access through this change. */
  revoked?: string[];
}

/**
 * The one way plan content changes: in a transaction, resolve the caller's access, check the
 * right, make the change, mark the plan as active, and write the audit row. After commit,
 * announce it so open pages update.
 */
export async function changePlan<T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  planId: string,
  spec: { action: string; entity: PlanEntity; allowed: (access: PlanAccess) => boolean; forbiddenKey?: string },
  fn: (tx: Prisma.TransactionClient, access: PlanAccess) => Promise<PlanChange<T>>,
): Promise<T> {
  const change = await prisma.$transaction(async (tx) => {
    const access = await resolvePlanAccess(tx, actor, planId);
    requireRight(spec.allowed(access), spec.forbiddenKey);
    const outcome = await fn(tx, access);
    await tx.plan.update({ where: { id: planId }, data: { lastActivityAt: new Date() } });
    await recordAudit(tx, {
      action: spec.action,
      municipalityId: access.municipalityId,
      actorId: actor.id,
      planId,
      targetType: spec.entity,
      targetId: outcome.entityId ?? undefined,
      details: outcome.details,
      meta,
    });
    return outcome;
  });
  events.emit("plan.changed", { planId, municipalityId: actor.municipalityId, entity: spec.entity, entityId: change.entityId, actorId: actor.id, action: spec.action });
  for (const userId of change.revoked ?? []) events.emit("plan.accessRevoked", { planId, userId });
  return change.result;
}
