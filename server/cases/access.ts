import { KE_ROLES } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { Case } from "../db/generated/client.ts";
import { notFound, requireRight } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";

// Who may see and handle a case. The coordinating unit handles every case of its municipality;
// the person a case is about and the one who sent it see its public part. Anyone else: NOT_FOUND.

export interface CaseScope extends Scope {
  caseId: string;
  found: Case;
  /** The coordinating unit: sees notes and handling, and may change the case. */
  handles: boolean;
}

/** Reading a case: the coordinating unit, or a party to it. */
export function caseReadPolicy(caseId: string): Policy<CaseScope> {
  return {
    async resolve(tx, actor) {
      const found = await tx.case.findFirst({ where: { id: caseId, municipalityId: actor.municipalityId } });
      const handles = hasAnyRole(actor, KE_ROLES);
      if (!found || (!handles && found.subjectUserId !== actor.id && found.submittedById !== actor.id)) throw notFound();
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
