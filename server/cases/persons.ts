import { ageOn, maskIdentityNumber, parseIdentityNumber } from "../../app/domain/identity-number.ts";
import { todayInOslo } from "../../app/domain/oslo-time.ts";
import type { PlanType, Role } from "../../app/domain/schemas.ts";
import type { Tx } from "../db/types.ts";
import { allowSyntheticNumbers, birthDateOfSealed, identityHash, protectIdentityNumber, requireIdentityNumber, unseal } from "../identity/protect.ts";

// Persons by national identity number, as the coordinating unit meets them in cases: the number
// a case was given (sealed and hashed on the Case), the person it belongs to (a User row, with or
// without an account), and what that person already has (plans, cases). A person without an
// account is a User row with no e-mail, no password and no sign-in yet; the first sign-in with
// the same identity number binds it (server/auth), and the person finds their plan at once.
// The number itself is never returned, logged or put in a link: only masked (first six digits).

/** Under this age a plan names the parents or guardians as representatives. */
export const CHILD_AGE_LIMIT = 16;

/** The default legal basis for a parent's part in a child's plan. */
export const PARENTAL_LEGAL_BASIS = "Foreldreansvar (barneloven § 30)";

export interface SealedIdentity {
  identityEnc: string;
  identityHash: string;
}

/** A typed identity number, checked (BAD_REQUEST with what is wrong), sealed and hashed. */
export function sealTypedIdentity(typed: string): SealedIdentity & { birthDate: string } {
  const number = requireIdentityNumber(typed);
  return { ...protectIdentityNumber(number.value), birthDate: number.birthDate };
}

/** The birth date an identity number says, from its sealed form; null when there is none. */
export function birthDateOf(identityEnc: string | null | undefined): string | null {
  if (!identityEnc) return null;
  const parsed = parseIdentityNumber(unseal(identityEnc), { allowSynthetic: allowSyntheticNumbers() });
  return parsed.ok ? parsed.number.birthDate : null;
}

/** A child in the sense of the plan's representatives: under 16 on today's Oslo date. */
export function isChild(birthDate: string | null, today = todayInOslo()): boolean {
  return birthDate !== null && ageOn(birthDate, today) < CHILD_AGE_LIMIT;
}

/** "010190 *****", from the sealed form. */
export function maskedIdentity(identityEnc: string | null | undefined): string | null {
  return identityEnc ? maskIdentityNumber(unseal(identityEnc)) : null;
}

/** The person with this identity number in the municipality, if there is one. */
export function findPersonByHash(tx: Tx, municipalityId: string, hash: string) {
  return tx.user.findFirst({ where: { municipalityId, identityHash: hash } });
}

export function findPersonByNumber(tx: Tx, municipalityId: string, value: string) {
  return findPersonByHash(tx, municipalityId, identityHash(value));
}

/**
 * The person with this identity number, or a new one without an account (no e-mail, no password)
 * with the given name. `role` is given to a found person who lacks it (a parent who is also staff
 * becomes a relative too), so the pages they will see fit what they are here.
 */
export async function findOrCreatePerson(tx: Tx, municipalityId: string, identity: SealedIdentity, name: string, role: Role) {
  const found = await findPersonByHash(tx, municipalityId, identity.identityHash);
  if (found) {
    await tx.userRole.createMany({ data: [{ userId: found.id, role }], skipDuplicates: true });
    return { person: found, created: false };
  }
  const person = await tx.user.create({
    data: {
      municipalityId,
      name,
      email: null,
      passwordHash: null,
      identityEnc: identity.identityEnc,
      identityHash: identity.identityHash,
      birthDate: birthDateOfSealed(identity.identityEnc),
      roles: { create: [{ role }] },
    },
  });
  return { person, created: true };
}

/**
 * A plan that counts as the person's one open individual plan (the partial unique index's rule);
 * with another type, their open plan of that type (a grant links to it rather than make another).
 */
export function openPlanOf(tx: Tx, municipalityId: string, ownerId: string, type: PlanType = "IP") {
  return tx.plan.findFirst({ where: { municipalityId, ownerId, type, status: { in: ["DRAFT", "ACTIVE"] } } });
}

/**
 * What the person a case is about already has: their plans and their other cases, found by the
 * linked person or by the case's identity number. For the coordinating unit's case page.
 */
export async function recordsOfCaseSubject(
  tx: Tx,
  found: { id: string; municipalityId: string; subjectUserId: string | null; subjectIdentityHash: string | null },
) {
  const personId =
    found.subjectUserId ?? (found.subjectIdentityHash ? ((await findPersonByHash(tx, found.municipalityId, found.subjectIdentityHash))?.id ?? null) : null);
  const sameCase = [
    ...(personId ? [{ subjectUserId: personId }] : []),
    ...(found.subjectIdentityHash ? [{ subjectIdentityHash: found.subjectIdentityHash }] : []),
  ];
  const plans = personId
    ? await tx.plan.findMany({
          where: { municipalityId: found.municipalityId, ownerId: personId },
          orderBy: { createdAt: "desc" },
          take: 20,
          select: {
            id: true,
            type: true,
            status: true,
            createdAt: true,
            coordinators: { where: { endedAt: null }, select: { coordinator: { select: { name: true } } } },
          },
        })
    : [];
  const cases = sameCase.length
    ? await tx.case.findMany({
        where: { municipalityId: found.municipalityId, id: { not: found.id }, OR: sameCase },
        orderBy: { receivedAt: "desc" },
        take: 20,
        select: { id: true, reference: true, type: true, status: true, receivedAt: true, planId: true },
      })
    : [];
  return {
    personId,
    plans: plans.map((p) => ({ id: p.id, type: p.type, status: p.status, createdAt: p.createdAt, coordinatorName: p.coordinators[0]?.coordinator.name ?? null })),
    cases,
  };
}
