import { z } from "zod";
import type { RequestMeta } from "./audit.ts";
import { recordAudit } from "./audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { resolvePlanAccess, requireRight } from "../plans/access.ts";
import { id } from "../plans/schemas.ts";

export const auditForPlanInput = z.object({
  planId: id,
  purpose: z.string().trim().min(3).max(500).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

/**
 * "Hvem har sett planen min": who opened or changed the plan, and when. For the user, their
 * representative, the coordinator and the coordinating unit. Looking is itself recorded.
 */
export async function listPlanAudit(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof auditForPlanInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const access = await resolvePlanAccess(tx, actor, input.planId, { auditPurpose: input.purpose });
    requireRight(access.canSeeAccessLog);
    const rows = await tx.auditEvent.findMany({
      where: { planId: input.planId, municipalityId: access.municipalityId },
      orderBy: { createdAt: "desc" },
      take: input.limit,
      select: { id: true, action: true, actorId: true, purpose: true, createdAt: true },
    });
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((a): a is string => a !== null))];
    const actors = await tx.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, name: true, roles: { select: { role: true } } },
    });
    const byId = new Map(actors.map((a) => [a.id, a]));
    await recordAudit(tx, {
      action: "audit.view",
      municipalityId: access.municipalityId,
      actorId: actor.id,
      planId: input.planId,
      purpose: input.purpose,
      meta,
    });
    return rows.map((row) => ({
      ...row,
      actorName: row.actorId ? (byId.get(row.actorId)?.name ?? "") : "",
      actorRoles: row.actorId ? (byId.get(row.actorId)?.roles.map((r) => r.role) ?? []) : [],
    }));
  });
}
