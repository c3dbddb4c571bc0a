import { maskIdentityNumber } from "../../app/domain/identity-number.ts";
import type { Role } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hashPassword } from "../auth/password.ts";
import { normaliseEmail } from "../auth/rate-limit.ts";
import { invalidateUserSessions, type SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { events, type DomainEvents } from "../events.ts";
import { protectIdentityNumber, requireIdentityNumber, unseal } from "../identity/protect.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import type { CreateUserInput, UpdateUserInput } from "./schemas.ts";
import { setUserActive } from "./service.ts";
import { uniqueViolation } from "../db/unique.ts";

// The administrator's accounts: create, edit (roles included), deactivate and reactivate.
// Everything goes through write() with rolePolicy(["ADMIN"]), scoped to the administrator's
// municipality; a person in another municipality is NOT_FOUND. A change of roles ends the
// person's sessions, live connections and open texts at once, like a deactivation: their
// sockets carry the roles they signed in with. docs/decisions/016-administration.md.

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

type SessionsEnded = DomainEvents["auth.sessionsEnded"];

/** One person, as the administrator edits them: the identity number only masked. */
export async function getUser(prisma: PrismaClient, actor: SessionUser, userId: string) {
  const { municipalityId } = await ADMIN_ONLY.resolve(prisma, actor);
  const user = await prisma.user.findFirst({
    where: { id: userId, municipalityId },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      title: true,
      active: true,
      identityEnc: true,
      passwordHash: true,
      totpEnabledAt: true,
      lastSignInAt: true,
      unitId: true,
      roles: { select: { role: true, unitId: true } },
    },
  });
  if (!user) throw notFound();
  const { identityEnc, passwordHash, totpEnabledAt, roles, ...rest } = user;
  return {
    ...rest,
    hasSecondFactor: totpEnabledAt !== null,
    identityMasked: identityEnc ? maskIdentityNumber(unseal(identityEnc)) : null,
    hasPassword: passwordHash !== null,
    roles: roles.map((r) => r.role),
    leadsUnitId: roles.find((r) => r.role === "UNIT_LEADER")?.unitId ?? null,
  };
}

/** A new person with an account (docs/decisions/016-administration.md: who signs in how). */
export async function createUser(prisma: PrismaClient, actor: SessionUser, input: CreateUserInput, meta: RequestMeta) {
  // argon2 outside the transaction: it takes a while and needs no row.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return write(prisma, actor, meta, ADMIN_ONLY, "user.create", async (tx, { municipalityId }) => {
    const municipality = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { passwordSignIn: true } });
    if (passwordHash && !municipality.passwordSignIn) throw new DomainError("BAD_REQUEST", "adm.error.passwordSignInOff");
    const email = normaliseEmail(input.email);
    const identity = input.identityNumber ? requireIdentityNumber(input.identityNumber).value : null;
    if (!email && !identity) throw new DomainError("BAD_REQUEST", "adm.error.noWayToSignIn");
    await checkPlacement(tx, municipalityId, { unitId: input.unitId ?? null, roles: input.roles, leadsUnitId: input.leadsUnitId ?? null });
    await refuseDuplicates(tx, municipalityId, { email, identity });
    const user = await tx.user
      .create({
        data: {
          municipalityId,
          name: input.name,
          email,
          phone: input.phone || null,
          title: input.title || null,
          unitId: input.unitId ?? null,
          passwordHash,
          ...(identity ? protectIdentityNumber(identity) : {}),
          roles: { create: roleRows(input.roles, input.leadsUnitId ?? null) },
        },
        select: { id: true, name: true },
      })
      .catch(duplicateRefusal);
    return {
      result: user,
      target: { type: "user", id: user.id },
      details: { roles: [...input.roles], withPassword: passwordHash !== null, withIdentityNumber: identity !== null },
    };
  });
}

/**
 * Changes a person. When their roles (or the unit they lead) or their identity number change,
 * every session of theirs ends after commit, with its sockets and texts on every instance; one's
 * own change keeps the session making it. A new identity number also removes the person's
 * bindings to identity providers.
 */
export async function updateUser(prisma: PrismaClient, actor: SessionUser, input: UpdateUserInput, meta: RequestMeta) {
  let ended = null as SessionsEnded | null;
  const result = await write(prisma, actor, meta, ADMIN_ONLY, "user.update", async (tx, { municipalityId }) => {
    const before = await tx.user.findFirst({
      where: { id: input.userId, municipalityId },
      select: { id: true, name: true, email: true, phone: true, title: true, unitId: true, identityHash: true, roles: { select: { role: true, unitId: true } } },
    });
    if (!before) throw notFound();
    if (before.id === actor.id && !input.roles.includes("ADMIN")) throw new DomainError("BAD_REQUEST", "adm.error.ownAdminRole");
    // A field left out keeps its value; null empties it.
    const keep = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
    const email = input.email === undefined ? before.email : normaliseEmail(input.email);
    const phone = keep(input.phone, before.phone) || null;
    const title = keep(input.title, before.title) || null;
    const unitId = keep(input.unitId, before.unitId);
    const oldLeads = before.roles.find((r) => r.role === "UNIT_LEADER")?.unitId ?? null;
    const newLeads = input.roles.includes("UNIT_LEADER") ? keep(input.leadsUnitId, oldLeads) : null;
    const identity = input.identityNumber ? requireIdentityNumber(input.identityNumber).value : null;
    // A unit the person is already in may be closed since; a new one must be open.
    await checkPlacement(tx, municipalityId, { unitId, roles: input.roles, leadsUnitId: newLeads }, before);
    await refuseDuplicates(tx, municipalityId, { email, identity }, before.id);

    const rolesChanged = !sameRoles(before.roles.map((r) => r.role), input.roles) || oldLeads !== newLeads;
    const identityRow = identity ? protectIdentityNumber(identity) : null;
    const identityChanged = identityRow !== null && identityRow.identityHash !== before.identityHash;
    const fields = [
      before.name !== input.name && "name",
      before.email !== email && "email",
      before.phone !== phone && "phone",
      before.title !== title && "title",
      before.unitId !== unitId && "unit",
      identityChanged && "identityNumber",
      rolesChanged && "roles",
    ].filter((f): f is string => typeof f === "string");

    await tx.user
      .update({
        where: { id: before.id },
        data: { name: input.name, email, phone, title, unitId, ...(identityRow ?? {}) },
      })
      .catch(duplicateRefusal);
    if (rolesChanged) {
      await tx.userRole.deleteMany({ where: { userId: before.id } });
      await tx.userRole.createMany({ data: roleRows(input.roles, newLeads).map((r) => ({ ...r, userId: before.id })) });
    }
    // Another number is another person: the bindings to identity providers (made for the old
    // number, or none) go, and so do the sessions; the next sign-in binds by the new number.
    if (identityChanged) await tx.userIdentity.deleteMany({ where: { userId: before.id } });
    if (rolesChanged || identityChanged) ended = await endSessions(tx, before.id, actor);
    return {
      result: { id: before.id, rolesChanged },
      target: { type: "user", id: before.id },
      details: { fields, ...(rolesChanged ? { roles: [...input.roles] } : {}) },
    };
  });
  if (ended) events.emit("auth.sessionsEnded", ended);
  return result;
}

/** Deactivation ends every session of the person at once, with their sockets and texts (setUserActive). */
export const deactivateUser = (prisma: PrismaClient, actor: SessionUser, userId: string, meta: RequestMeta) =>
  setUserActive(prisma, actor, { userId, active: false }, meta);

export const reactivateUser = (prisma: PrismaClient, actor: SessionUser, userId: string, meta: RequestMeta) =>
  setUserActive(prisma, actor, { userId, active: true }, meta);

/**
 * The person lost their authenticator (or someone else set it up first): the second factor,
 * its recovery codes and any sign-in waiting for a code are removed, and their sessions end. At
 * the next password sign-in they set up a new one. The administrator's own session is kept.
 */
export async function resetSecondFactor(prisma: PrismaClient, actor: SessionUser, userId: string, meta: RequestMeta) {
  const { result, ended } = await write(prisma, actor, meta, ADMIN_ONLY, "user.second_factor_reset", async (tx, { municipalityId }) => {
    const user = await tx.user.findFirst({ where: { id: userId, municipalityId }, select: { id: true, totpEnabledAt: true, totpKeyEnc: true } });
    if (!user) throw notFound();
    if (!user.totpEnabledAt && !user.totpKeyEnc) throw new DomainError("BAD_REQUEST", "adm.user.noSecondFactor");
    await tx.user.update({ where: { id: user.id }, data: { totpKeyEnc: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.pendingSignIn.deleteMany({ where: { userId: user.id } });
    const ended = await endSessions(tx, user.id, actor);
    return { result: { result: { ok: true as const }, ended }, target: { type: "user", id: user.id } };
  });
  events.emit("auth.sessionsEnded", ended);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Shared by the form, the import and the units.

/** The rows of a person's roles: a UNIT_LEADER's names the unit led. */
export function roleRows(roles: readonly Role[], leadsUnitId: string | null): { role: Role; unitId: string | null }[] {
  return [...new Set(roles)].map((role) => ({ role, unitId: role === "UNIT_LEADER" ? leadsUnitId : null }));
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => new Set(a).size === new Set(b).size && a.every((r) => b.includes(r));

/** The unit worked in and the unit led are the municipality's; new placements only in open units. */
async function checkPlacement(
  tx: Tx,
  municipalityId: string,
  wanted: { unitId: string | null; roles: readonly Role[]; leadsUnitId: string | null },
  before?: { unitId: string | null; roles: { role: Role; unitId: string | null }[] },
) {
  const open = async (unitId: string, keptFrom: string | null) => {
    const unit = await tx.unit.findFirst({ where: { id: unitId, municipalityId }, select: { closedAt: true } });
    if (!unit) throw notFound();
    if (unit.closedAt && unitId !== keptFrom) throw new DomainError("BAD_REQUEST", "adm.error.unitClosed");
  };
  if (wanted.unitId) await open(wanted.unitId, before?.unitId ?? null);
  if (wanted.roles.includes("UNIT_LEADER")) {
    if (!wanted.leadsUnitId) throw new DomainError("BAD_REQUEST", "adm.error.leaderUnitRequired");
    await open(wanted.leadsUnitId, before?.roles.find((r) => r.role === "UNIT_LEADER")?.unitId ?? null);
  }
}

/** One account per e-mail address (across the country: it signs in) and one person per identity number in a municipality. */
export async function refuseDuplicates(tx: Tx, municipalityId: string, { email, identity }: { email: string | null; identity: string | null }, exceptUserId?: string) {
  if (email) {
    const taken = await tx.user.findFirst({ where: { email, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) }, select: { id: true } });
    if (taken) throw new DomainError("CONFLICT", "adm.error.emailTaken", { email });
  }
  if (identity) {
    const { identityHash } = protectIdentityNumber(identity);
    const taken = await tx.user.findFirst({ where: { municipalityId, identityHash, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) }, select: { id: true } });
    if (taken) throw new DomainError("CONFLICT", "adm.error.identityTaken");
  }
}

/** Two administrators saving the same address at once: the unique index answers the second. */
export function duplicateRefusal(error: unknown): never {
  const unique = uniqueViolation(error);
  if (unique) throw new DomainError("CONFLICT", unique.target.includes("identity") ? "adm.error.identityTaken" : "adm.error.emailTakenPlain");
  throw error;
}

/**
 * Ends a person's sessions in the transaction and says which, for the event after commit.
 * The administrator's own change keeps the session they are making it in.
 */
export async function endSessions(tx: Tx, userId: string, actor: SessionUser): Promise<SessionsEnded> {
  if (userId !== actor.id || !actor.sessionId) {
    await invalidateUserSessions(tx, userId);
    return { userId, sessionIds: "all" };
  }
  const others = await tx.session.findMany({ where: { userId, id: { not: actor.sessionId } }, select: { id: true } });
  await invalidateUserSessions(tx, userId, actor.sessionId);
  return { userId, sessionIds: others.map((s) => s.id) };
}
