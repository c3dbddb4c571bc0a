import { z } from "zod";
import { id, KE_ROLES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { invalidateUserSessions, type SessionUser } from "../auth/sessions.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError, notFound } from "../errors.ts";
import { events } from "../events.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";

/**
 * Every account in the administrator's municipality, with roles and unit; `query` finds people
 * by name, e-mail or title.
 */
export async function listUsers(prisma: PrismaClient, actor: SessionUser, query?: string) {
  await rolePolicy(["ADMIN"]).resolve(prisma, actor);
  const words = (query ?? "").split(/\s+/).filter(Boolean).slice(0, 5);
  const users = await prisma.user.findMany({
    where: {
      municipalityId: actor.municipalityId,
      AND: words.map((word) => ({
        OR: [
          { name: { contains: word, mode: "insensitive" as const } },
          { email: { contains: word, mode: "insensitive" as const } },
          { title: { contains: word, mode: "insensitive" as const } },
        ],
      })),
    },
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

const UNIT_READERS = ["ADMIN", ...KE_ROLES, "UNIT_LEADER", "COORDINATOR", "STAFF"] as const;
const unitReaders = rolePolicy(UNIT_READERS);

/** Whether unit.names answers `actor`: the plan page asks so before reading the names with the plan. */
export const mayListUnitNames = (actor: SessionUser) => hasAnyRole(actor, UNIT_READERS);

/** The open units by name: unit.names' read, and a relation of the plan page's (via the plan's municipality). */
export const OPEN_UNIT_NAMES = { where: { closedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } } satisfies Prisma.Municipality$unitsArgs;

/**
 * Unit names are not sensitive; staff need them to name a measure's responsible unit. Closed
 * units only when asked for (the administrator's list); leaders by name.
 */
export async function listUnits(prisma: PrismaClient, actor: SessionUser, options: { includeClosed?: boolean } = {}) {
  await unitReaders.resolve(prisma, actor);
  const units = await prisma.unit.findMany({
    where: { municipalityId: actor.municipalityId, ...(options.includeClosed ? {} : { closedAt: null }) },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      closedAt: true,
      _count: { select: { members: true } },
      roles: { where: { role: "UNIT_LEADER" }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
    },
  });
  return units.map(({ roles, ...unit }) => ({ ...unit, leaders: roles.map((r) => r.user) }));
}

/** The open units by name only, to choose one from (a measure's unit, the overview's filter). */
export async function listUnitNames(prisma: PrismaClient, actor: SessionUser) {
  await unitReaders.resolve(prisma, actor);
  return prisma.unit.findMany({ ...OPEN_UNIT_NAMES, where: { ...OPEN_UNIT_NAMES.where, municipalityId: actor.municipalityId } });
}

export const setUserActiveInput = z.object({ userId: id, active: z.boolean() });

/**
 * The administrator turns an account off (or on again). Turning it off ends every session at
 * once: open pages, live rooms and texts are closed (auth.sessionsEnded), and it cannot sign in.
 */
export async function setUserActive(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof setUserActiveInput>, meta: RequestMeta) {
  const result = await write(prisma, actor, meta, rolePolicy(["ADMIN"]), input.active ? "user.activate" : "user.deactivate", async (tx, { municipalityId }) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, municipalityId }, select: { id: true } });
    if (!user) throw notFound();
    if (user.id === actor.id) throw new DomainError("BAD_REQUEST", "admin.notYourself");
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    if (!input.active) await invalidateUserSessions(tx, user.id);
    return { result: { ok: true as const }, target: { type: "user", id: user.id } };
  });
  if (!input.active) events.emit("auth.sessionsEnded", { userId: input.userId, sessionIds: "all" });
  return result;
}
