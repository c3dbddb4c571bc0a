import type { PrismaClient } from "../db/database.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { hasAnyRole, KE_ROLES } from "../auth/roles.ts";
import { AppError } from "../trpc/errors.ts";

/** Every account in the administrator's municipality, with roles and unit. */
export async function listUsers(prisma: PrismaClient, actor: SessionUser) {
  const users = await prisma.user.findMany({
    where: { municipalityId: actor.municipalityId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      title: true,
      active: true,
      unit: { select: { id: true, name: true } },
      roles: { select: { role: true } },
    },
  });
  return users.map(({ roles, ...user }) => ({ ...user, roles: roles.map((r) => r.role) }));
}

export async function listUnits(prisma: PrismaClient, actor: SessionUser) {
  return prisma.unit.findMany({
    where: { municipalityId: actor.municipalityId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
}

/**
 * The coordinators of one unit and how many active plans each coordinates. A unit leader
 * sees only the unit they lead; the coordinating unit and the administrator see any unit
 * of their municipality.
 */
export async function getCoordinatorLoad(prisma: PrismaClient, actor: SessionUser, requestedUnitId?: string) {
  const seesAllUnits = hasAnyRole(actor, [...KE_ROLES, "ADMIN"]);
  const unitId = requestedUnitId ?? actor.leadsUnitId;
  if (!unitId || (!seesAllUnits && unitId !== actor.leadsUnitId)) throw new AppError("FORBIDDEN", "errors.code.FORBIDDEN");
  const unit = await prisma.unit.findFirst({ where: { id: unitId, municipalityId: actor.municipalityId } });
  if (!unit) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  const coordinators = await prisma.user.findMany({
    where: { unitId: unit.id, municipalityId: actor.municipalityId, roles: { some: { role: "COORDINATOR" } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      title: true,
      _count: { select: { coordinatorTerms: { where: { endedAt: null, plan: { status: { not: "CLOSED" } } } } } },
    },
  });
  return {
    unit: { id: unit.id, name: unit.name },
    coordinators: coordinators.map(({ _count, ...c }) => ({ ...c, activePlans: _count.coordinatorTerms })),
  };
}
