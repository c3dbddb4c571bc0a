import { z } from "zod";
import { id, PLAN_CLOSER_ROLES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { openPlanOf } from "../cases/persons.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { uniqueViolation } from "../db/unique.ts";
import { DomainError } from "../errors.ts";
import { processArchiveQuietly, requestArchive } from "../archive/service.ts";
import { write } from "../records/write.ts";
import { planPolicy, type PlanAccess } from "./access.ts";
import { isoDate, shortText, version } from "./schemas.ts";
import { applyVersioned, assertCurrentVersion } from "./versioned.ts";

// A plan's life cycle (issue 13): closing asks why and on what date, and makes the plan
// read-only for everyone (server/plans/access.ts, and write() refuses every change to its
// content); its coordinator or the coordinating unit opens it again, also with a reason.

const mayCloseOrReopen = (access: PlanAccess) => (PLAN_CLOSER_ROLES as readonly string[]).includes(access.role);

export const closePlanInput = z.object({ planId: id, version, reason: shortText(2000), endedOn: isoDate });
export const reopenPlanInput = z.object({ planId: id, version, reason: shortText(2000) });

/** Everyone with a part in the plan: their open pages and texts are checked again (now read-only, or editable again). */
async function peopleIn(tx: Tx, planId: string): Promise<string[]> {
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: { ownerId: true, coordinators: { where: { endedAt: null }, select: { coordinatorId: true } }, participants: { where: { active: true }, select: { userId: true } } },
  });
  const ids = [plan.ownerId, ...plan.coordinators.map((c) => c.coordinatorId), ...plan.participants.map((p) => p.userId)];
  return [...new Set(ids.filter((userId): userId is string => userId !== null))];
}

export async function closePlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof closePlanInput>, meta: RequestMeta) {
  // The archive copy is requested in the closing's transaction and made after commit; closing
  // never waits on the archive's failure (the archive job tries again: decision 027).
  let archiveId: string | null = null;
  const result = await write(prisma, actor, meta, planPolicy(input.planId, mayCloseOrReopen, { forbiddenKey: "plan.close.notAllowed" }), "plan.close", async (tx) => {
    const current = await tx.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { version: true, status: true, startDate: true } });
    assertCurrentVersion(current, input.version);
    if (current.startDate && input.endedOn < current.startDate) throw new DomainError("BAD_REQUEST", "plan.close.beforeStart");
    await applyVersioned(
      tx.plan.updateMany({
        where: { id: input.planId, version: input.version },
        data: { status: "CLOSED", endDate: input.endedOn, closedAt: new Date(), closedById: actor.id, closedReason: input.reason, version: { increment: 1 } },
      }),
      () => tx.plan.findUnique({ where: { id: input.planId }, select: { version: true, status: true, endDate: true } }),
    );
    archiveId = await requestArchive(tx, { planId: input.planId, reason: "CLOSED", createdById: actor.id });
    return { result: { ok: true as const }, details: { reason: input.reason, endedOn: input.endedOn.toISOString().slice(0, 10) }, revoked: await peopleIn(tx, input.planId) };
  });
  await processArchiveQuietly(prisma, archiveId);
  return result;
}

/** Open again; a person has one open individual plan (decision 017), so not while they have another. */
export async function reopenPlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof reopenPlanInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, mayCloseOrReopen, { forbiddenKey: "plan.close.notAllowed" }), "plan.reopen", async (tx) => {
    const current = await tx.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { version: true, status: true, type: true, municipalityId: true, ownerId: true } });
    if (current.status !== "CLOSED") throw new DomainError("CONFLICT", "plan.reopen.notClosed");
    assertCurrentVersion(current, input.version);
    if (current.type === "IP") {
      const open = await openPlanOf(tx, current.municipalityId, current.ownerId);
      if (open && open.id !== input.planId) throw new DomainError("CONFLICT", "plan.openIpExists");
    }
    await applyVersioned(
      tx.plan.updateMany({
        where: { id: input.planId, version: input.version },
        data: { status: "ACTIVE", endDate: null, closedAt: null, closedById: null, closedReason: null, version: { increment: 1 } },
      }),
      () => tx.plan.findUnique({ where: { id: input.planId }, select: { version: true, status: true } }),
    );
    return { result: { ok: true as const }, details: { reason: input.reason }, revoked: await peopleIn(tx, input.planId) };
  }).catch((error: unknown) => {
    throw uniqueViolation(error)?.model === "Plan" ? new DomainError("CONFLICT", "plan.openIpExists") : error;
  });
}
