import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { events, type DomainEvents } from "../events.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { endSessions } from "./accounts.ts";
import type { UpdateUnitInput } from "./schemas.ts";
import { uniqueViolation } from "../db/unique.ts";

// The municipality's units: the administrator creates, renames, closes and reopens them and
// names who leads each. A closed unit keeps its history (measures, its members' past) and takes
// no new members. Naming or removing a leader changes that person's roles, so their sessions
// end as with any change of roles.

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

export async function createUnit(prisma: PrismaClient, actor: SessionUser, input: { name: string }, meta: RequestMeta) {
  return write(prisma, actor, meta, ADMIN_ONLY, "unit.create", async (tx, { municipalityId }) => {
    await refuseTakenName(tx, municipalityId, input.name);
    const unit = await tx.unit.create({ data: { municipalityId, name: input.name }, select: { id: true, name: true } }).catch(nameRefusal);
    return { result: unit, target: { type: "unit", id: unit.id } };
  });
}

export async function updateUnit(prisma: PrismaClient, actor: SessionUser, input: UpdateUnitInput, meta: RequestMeta) {
  const ended: DomainEvents["auth.sessionsEnded"][] = [];
  const result = await write(prisma, actor, meta, ADMIN_ONLY, "unit.update", async (tx, { municipalityId }) => {
    const unit = await tx.unit.findFirst({ where: { id: input.unitId, municipalityId }, select: { id: true, name: true, closedAt: true } });
    if (!unit) throw notFound();
    const fields: string[] = [];
    const data: { name?: string; closedAt?: Date | null } = {};
    if (input.name !== undefined && input.name !== unit.name) {
      await refuseTakenName(tx, municipalityId, input.name, unit.id);
      data.name = input.name;
      fields.push("name");
    }
    if (input.closed !== undefined && input.closed !== (unit.closedAt !== null)) {
      data.closedAt = input.closed ? new Date() : null;
      fields.push(input.closed ? "closed" : "reopened");
    }
    if (Object.keys(data).length) await tx.unit.update({ where: { id: unit.id }, data }).catch(nameRefusal);

    let added: string[] = [];
    let removed: string[] = [];
    if (input.leaderIds) {
      const wanted = [...new Set(input.leaderIds)];
      const people = await tx.user.findMany({ where: { id: { in: wanted }, municipalityId }, select: { id: true } });
      if (people.length !== wanted.length) throw notFound();
      const current = (await tx.userRole.findMany({ where: { unitId: unit.id, role: "UNIT_LEADER" }, select: { userId: true } })).map((r) => r.userId);
      added = wanted.filter((id) => !current.includes(id));
      removed = current.filter((id) => !wanted.includes(id));
      const closedAfter = data.closedAt !== undefined ? data.closedAt !== null : unit.closedAt !== null;
      if (added.length && closedAfter) throw new DomainError("BAD_REQUEST", "adm.error.unitClosed");
      for (const userId of added) {
        // One UNIT_LEADER role per person: naming them here moves it from a unit they led before.
        await tx.userRole.upsert({ where: { userId_role: { userId, role: "UNIT_LEADER" } }, create: { userId, role: "UNIT_LEADER", unitId: unit.id }, update: { unitId: unit.id } });
      }
      if (removed.length) await tx.userRole.deleteMany({ where: { userId: { in: removed }, role: "UNIT_LEADER", unitId: unit.id } });
      for (const userId of [...added, ...removed]) ended.push(await endSessions(tx, userId, actor));
      if (added.length || removed.length) fields.push("leaders");
    }
    return { result: { id: unit.id }, target: { type: "unit", id: unit.id }, details: { fields, addedLeaders: added, removedLeaders: removed } };
  });
  for (const payload of ended) events.emit("auth.sessionsEnded", payload);
  return result;
}

async function refuseTakenName(tx: Tx, municipalityId: string, name: string, exceptUnitId?: string) {
  const taken = await tx.unit.findFirst({
    where: { municipalityId, name: { equals: name, mode: "insensitive" }, ...(exceptUnitId ? { id: { not: exceptUnitId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new DomainError("CONFLICT", "adm.error.unitNameTaken", { name });
}

function nameRefusal(error: unknown): never {
  if (uniqueViolation(error)) throw new DomainError("CONFLICT", "adm.error.unitNameTakenPlain");
  throw error;
}
