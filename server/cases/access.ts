import { KE_ROLES } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { Case, Prisma } from "../db/generated/client.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Tx } from "../db/types.ts";
import { notFound, requireRight } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";

// Who may see and handle a case. The coordinating unit handles every case of its municipality;
// the person a case is about, the one who sent it, and the person's representative (in a plan of
// theirs that is not closed) see its public part. Anyone else: NOT_FOUND.

export interface CaseScope extends Scope {
  caseId: string;
  found: Case;
  /** The coordinating unit: sees notes and handling, and may change the case. */
  handles: boolean;
}

/** The people this person represents: owners of plans (not closed) where they are an active representative. */
async function representedBy(tx: Tx, actor: SessionUser): Promise<string[]> {
  const plans = await tx.plan.findMany({
    where: { municipalityId: actor.municipalityId, status: { not: "CLOSED" }, participants: { some: { userId: actor.id, active: true, kind: "REPRESENTATIVE" } } },
    select: { ownerId: true },
  });
  return plans.map((p) => p.ownerId);
}

/** The cases this person is a party to, as a query ("Mine saker"). */
export async function casePartyWhere(tx: Tx, actor: SessionUser): Promise<Prisma.CaseWhereInput> {
  const represented = await representedBy(tx, actor);
  return {
    municipalityId: actor.municipalityId,
    OR: [{ subjectUserId: actor.id }, { submittedById: actor.id }, ...(represented.length ? [{ subjectUserId: { in: represented } }] : [])],
  };
}

/** Reading a case: the coordinating unit, or a party to it. */
export function caseReadPolicy(caseId: string): Policy<CaseScope> {
  return {
    async resolve(tx, actor) {
      const handles = hasAnyRole(actor, KE_ROLES);
      const found = await tx.case.findFirst({ where: handles ? { id: caseId, municipalityId: actor.municipalityId } : { id: caseId, ...(await casePartyWhere(tx, actor)) } });
      if (!found) throw notFound();
      return scopeOf(found, handles);
    },
  };
}

/** Handling a case: the coordinating unit only (others are refused before the case is looked up). */
export function caseHandlingPolicy(caseId: string): Policy<CaseScope> {
  return {
    async resolve(tx, actor) {
      requireRight(hasAnyRole(actor, KE_ROLES));
      const found = await tx.case.findFirst({ where: { id: caseId, municipalityId: actor.municipalityId } });
      if (!found) throw notFound();
      return scopeOf(found, true);
    },
  };
}

function scopeOf(found: Case, handles: boolean): CaseScope {
  return { municipalityId: found.municipalityId, planId: found.planId, planRole: null, caseId: found.id, target: { type: "case", id: found.id }, found, handles };
}
