import { z } from "zod";
import type { SessionUser } from "../auth/sessions.ts";
import type { TemplatePlanType } from "../../app/domain/schemas.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { birthDateOf, findOrCreatePerson, isChild, openPlanOf, PARENTAL_LEGAL_BASIS, sealTypedIdentity, type SealedIdentity } from "./persons.ts";
import type { CaseRow } from "./read.ts";
import { uniqueViolation } from "../db/unique.ts";

// Granting an individual plan (a use case of deciding a case, server/cases/handling.ts): the
// person, their one open plan, and for a child the parents or guardians who act for them.
//
// - A person who already has an open plan (draft or active): the case is linked to that plan.
//   Never a second one; the database holds the same rule ("Plan_one_open_ip_per_owner"), so two
//   grants at the same moment end in one plan and a CONFLICT for the other.
// - A person not yet known: made from the case (name and identity number), without an account;
//   their first sign-in with that number binds the account and shows the plan.
// - A child under 16: at least one parent or guardian, found or made by identity number the same
//   way, becomes a representative in the plan with the legal basis given.

export const representativeInput = z.object({
  name: z.string().trim().min(2).max(200),
  identityNumber: z.string().trim().max(20),
  /** Why they act for the person; for a parent, "Foreldreansvar (barneloven § 30)" if not given. */
  legalBasis: z.string().trim().max(500).optional(),
});

export type RepresentativeInput = z.infer<typeof representativeInput>;
export type TypedRepresentative = Omit<RepresentativeInput, "identityNumber"> & SealedIdentity;

/** Checks each representative's identity number before anything is written; says which one is wrong. */
export function sealRepresentatives(representatives: RepresentativeInput[] | undefined): TypedRepresentative[] {
  return (representatives ?? []).map(({ identityNumber, ...rest }, index) => {
    try {
      const { identityEnc, identityHash } = sealTypedIdentity(identityNumber);
      return { ...rest, identityEnc, identityHash };
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError("BAD_REQUEST", error.messageKey.replace("identity.problem.", "casePerson.guardianProblem."), { number: index + 1 });
      }
      throw error;
    }
  });
}

export interface Grant {
  planId: string;
  planCreated: boolean;
  /** The person already had an open plan: the case now points to it. */
  planLinked: boolean;
  personId: string;
  personCreated: boolean;
  representatives: number;
  /** The identity number the case was given now, to be stored on it. */
  identity: SealedIdentity | null;
}

export async function grantIndividualPlan(
  tx: Tx,
  actor: SessionUser,
  current: CaseRow,
  typed: SealedIdentity | null,
  representatives: TypedRepresentative[],
  /** The kind of plan granted (docs/decisions/028); an IP unless the decision says otherwise. */
  type: TemplatePlanType = "IP",
): Promise<Grant> {
  const municipalityId = actor.municipalityId;
  const stored = current.subjectIdentityEnc && current.subjectIdentityHash ? { identityEnc: current.subjectIdentityEnc, identityHash: current.subjectIdentityHash } : null;
  if (stored && typed && stored.identityHash !== typed.identityHash) throw new DomainError("BAD_REQUEST", "casePerson.identityMismatch");
  const identity = stored ?? typed;

  // The person: the one the case is linked to, else the one with its identity number, else a new one.
  let person = current.subjectUserId ? await tx.user.findFirst({ where: { id: current.subjectUserId, municipalityId } }) : null;
  let personCreated = false;
  if (person && identity && person.identityHash && person.identityHash !== identity.identityHash) throw new DomainError("BAD_REQUEST", "casePerson.identityMismatch");
  if (!person) {
    if (!identity) throw new DomainError("BAD_REQUEST", "casePerson.identityRequired");
    const made = await findOrCreatePerson(tx, municipalityId, identity, current.subjectName, "USER");
    person = made.person;
    personCreated = made.created;
  }
  const newIdentity = stored ? null : (typed ?? (person.identityEnc && person.identityHash ? { identityEnc: person.identityEnc, identityHash: person.identityHash } : null));
  const base = { personId: person.id, personCreated, identity: newIdentity };

  const open = await openPlanOf(tx, municipalityId, person.id, type);
  if (open) return { ...base, planId: open.id, planCreated: false, planLinked: true, representatives: 0 };

  const child = isChild(birthDateOf(person.identityEnc ?? identity?.identityEnc));
  if (child && !representatives.length) throw new DomainError("BAD_REQUEST", "casePerson.guardiansRequired");
  if (!child && representatives.some((r) => !r.legalBasis)) throw new DomainError("BAD_REQUEST", "casePerson.legalBasisRequired");

  // Representatives first: who they are decides whether the application was the user's side's.
  const chosen: { id: string; legalBasis: string }[] = [];
  for (const rep of representatives) {
    if (rep.identityHash === person.identityHash) throw new DomainError("BAD_REQUEST", "casePerson.guardianIsPerson");
    const { person: found } = await findOrCreatePerson(tx, municipalityId, rep, rep.name, "RELATIVE");
    if (!chosen.some((c) => c.id === found.id)) chosen.push({ id: found.id, legalBasis: rep.legalBasis || PARENTAL_LEGAL_BASIS });
  }

  // The application is the consent to the plan when the person (or, for a child, their parent) sent it.
  const byUserSide = current.submittedById !== null && (current.submittedById === person.id || chosen.some((c) => c.id === current.submittedById));
  const plan = await tx.plan.create({
    data: {
      municipalityId,
      ownerId: person.id,
      type,
      status: "DRAFT",
      consentGivenAt: byUserSide ? current.receivedAt : null,
      consentGivenBy: byUserSide ? current.submittedById : null,
      participants: { create: chosen.map((c) => ({ userId: c.id, kind: "REPRESENTATIVE" as const, legalBasis: c.legalBasis, access: "EDIT_PLAN" as const })) },
    },
  });
  return { ...base, planId: plan.id, planCreated: true, planLinked: false, representatives: chosen.length };
}

/**
 * Two grants at the same moment: the database's unique rules answer, and the person reads what
 * happened instead of an error page. The one open plan per person, the one person per identity
 * number, and otherwise the coordinator's one open term.
 */
export function conflictOfConcurrentGrant(error: unknown): DomainError | null {
  const unique = uniqueViolation(error);
  if (!unique) return null;
  if (unique.model === "Plan") return new DomainError("CONFLICT", "casePerson.planConcurrent");
  if (unique.model === "User") return new DomainError("CONFLICT", "casePerson.personConcurrent");
  return new DomainError("CONFLICT", "coordinator.concurrent");
}
