import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { hasAnyRole, KE_ROLES } from "../auth/roles.ts";

// The plan's overview for lists. The plan's content (goals, measures, texts) is never
// part of a list; opening a plan reads content and is audit-logged.

const currentCoordinator = {
  where: { endedAt: null },
  select: { coordinator: { select: { id: true, name: true } } },
} satisfies Prisma.Plan$coordinatorsArgs;

/** Plans the person takes part in: as owner, coordinator or active participant, in their own municipality. */
function memberOf(actor: SessionUser): Prisma.PlanWhereInput {
  return {
    municipalityId: actor.municipalityId,
    OR: [
      { ownerId: actor.id },
      { coordinators: { some: { coordinatorId: actor.id, endedAt: null } } },
      { participants: { some: { userId: actor.id, active: true } } },
    ],
  };
}

/**
 * The plans the caller takes part in; for coordinating-unit roles every plan in their
 * municipality. Overview fields only.
 */
export async function listPlans(prisma: PrismaClient, actor: SessionUser) {
  const where = hasAnyRole(actor, KE_ROLES) ? { municipalityId: actor.municipalityId } : memberOf(actor);
  const plans = await prisma.plan.findMany({
    where,
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    take: 500,
    select: {
      id: true,
      type: true,
      status: true,
      nextReviewAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true } },
      coordinators: currentCoordinator,
    },
  });
  return plans.map(({ coordinators, ...plan }) => ({ ...plan, coordinator: coordinators[0]?.coordinator ?? null }));
}

/**
 * The service user's own plans with who is in the group, for "Min plan". Each plan shown
 * is a read of plan content and gets an audit row in the same transaction.
 */
export async function getMyPlans(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const plans = await tx.plan.findMany({
      where: { municipalityId: actor.municipalityId, ownerId: actor.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        type: true,
        status: true,
        startDate: true,
        endDate: true,
        nextReviewAt: true,
        coordinators: {
          where: { endedAt: null },
          select: { coordinator: { select: { id: true, name: true, phone: true, email: true, title: true } } },
        },
        participants: {
          where: { active: true },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            kind: true,
            displayName: true,
            organisation: true,
            contribution: true,
            user: { select: { name: true } },
          },
        },
      },
    });
    for (const plan of plans) {
      await recordAudit(tx, {
        action: "plan.view",
        municipalityId: actor.municipalityId,
        actorId: actor.id,
        planId: plan.id,
        targetType: "plan",
        targetId: plan.id,
        meta,
      });
    }
    return plans.map(({ coordinators, participants, ...plan }) => ({
      ...plan,
      coordinator: coordinators[0]?.coordinator ?? null,
      participants: participants.map(({ user, displayName, ...p }) => ({ ...p, name: user?.name ?? displayName ?? "" })),
    }));
  });
}

/** Counts for the coordinating unit's overview, scoped to the caller's municipality. */
export async function getMunicipalityPlanStats(prisma: PrismaClient, actor: SessionUser) {
  const municipalityId = actor.municipalityId;
  const [byStatus, activeWithoutCoordinator, reviewDue] = await Promise.all([
    prisma.plan.groupBy({ by: ["status"], where: { municipalityId }, _count: { _all: true } }),
    prisma.plan.count({ where: { municipalityId, status: "ACTIVE", coordinators: { none: { endedAt: null } } } }),
    prisma.plan.count({ where: { municipalityId, status: "ACTIVE", nextReviewAt: { lte: new Date() } } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    active: count("ACTIVE"),
    draft: count("DRAFT"),
    closed: count("CLOSED"),
    activeWithoutCoordinator,
    reviewDue,
  };
}
