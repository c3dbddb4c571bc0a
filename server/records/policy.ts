import type { PlanRole, Role } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Tx } from "../db/types.ts";
import { requireRight } from "../errors.ts";

// Who may do a thing is decided inside the service (in a change's transaction; first in a read,
// decision 045) by a policy: the plan's rules (planPolicy in server/plans/access.ts), a
// meeting's (meetingPolicy in server/meetings/access.ts), a case's (server/cases/access.ts), a
// role in the municipality (rolePolicy), or one's own things (selfPolicy). A policy answers with
// the scope the change or read happens in, or throws NOT_FOUND / FORBIDDEN.

export interface Scope {
  municipalityId: string;
  /** The plan the change or read is in, if any: its activity and its access log. */
  planId: string | null;
  /** What the actor is in that plan. */
  planRole: PlanRole | null;
  meetingId?: string;
  caseId?: string;
  /** What the audit row is about when the change does not say (the plan, the meeting, the case). */
  target?: { type: string; id: string };
  /** Why the coordinating unit opened a plan it takes no part in; recorded with the read. */
  purpose?: string;
}

export interface Policy<S extends Scope = Scope> {
  resolve(tx: Tx, actor: SessionUser): Promise<S>;
}

/** The person acting on their own things (their account, their notices, what they send in). */
export const selfPolicy: Policy = {
  async resolve(_tx, actor) {
    return { municipalityId: actor.municipalityId, planId: null, planRole: null };
  },
};

/** Work that belongs to a role in the municipality: the coordinating unit, unit leaders, administrators. */
export function rolePolicy(roles: readonly Role[], forbiddenKey?: string): Policy {
  return {
    async resolve(_tx, actor) {
      requireRight(hasAnyRole(actor, roles), forbiddenKey);
      return { municipalityId: actor.municipalityId, planId: null, planRole: null };
    },
  };
}
