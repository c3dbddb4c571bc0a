import type { ReadAction } from "../../app/domain/audit-actions.ts";
import { recordAudit, recordAudits, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import type { Policy, Scope } from "./policy.ts";

// The one way plan content (and a case) is read: the policy decides in the transaction, the
// content is read, and one read audit row is written with it, with the coordinating unit's
// purpose when it gave one. A read is never activity (server/records/activity.ts).

export interface Read<T> {
  result: T;
  /** What the audit row is about, when not the policy's own target. */
  target?: { type: string; id: string };
  details?: Prisma.InputJsonValue;
  /**
   * A list that shows content of several plans or cases ("Mine tiltak", "Mine saker"): one row
   * per item shown (none when nothing is shown), instead of one for the policy's scope.
   */
  rows?: { planId: string | null; target: { type: string; id: string } }[];
}

/** One read row per plan shown. */
export const planRows = (planIds: Iterable<string>) => [...new Set(planIds)].map((planId) => ({ planId, target: { type: "plan", id: planId } }));

export async function read<S extends Scope, T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  policy: Policy<S>,
  action: ReadAction,
  fn: (tx: Prisma.TransactionClient, scope: S) => Promise<Read<T>>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const scope = await policy.resolve(tx, actor);
    const outcome = await fn(tx, scope);
    const rows = outcome.rows ?? [{ planId: scope.planId, target: outcome.target ?? scope.target }];
    await recordAudits(
      tx,
      rows.map((row) => ({
        action,
        actorId: actor.id,
        municipalityId: scope.municipalityId,
        planId: row.planId,
        planRole: outcome.rows ? null : scope.planRole,
        targetType: row.target?.type,
        targetId: row.target?.id,
        purpose: scope.purpose,
        details: outcome.details,
        meta,
      })),
    );
    return outcome.result;
  });
}

export interface ReadRecord {
  action: ReadAction;
  actorId: string;
  municipalityId: string;
  planId: string | null;
  planRole: Scope["planRole"];
  target?: { type: string; id: string };
  purpose?: string;
  details?: Prisma.InputJsonValue;
  meta: RequestMeta;
}

/** The read audit row itself, for read() and for the co-editing server when it opens a text. */
export function recordRead(tx: Tx, row: ReadRecord): Promise<void> {
  return recordAudit(tx, {
    action: row.action,
    municipalityId: row.municipalityId,
    actorId: row.actorId,
    planId: row.planId,
    planRole: row.planRole,
    targetType: row.target?.type,
    targetId: row.target?.id,
    purpose: row.purpose,
    details: row.details,
    meta: row.meta,
  });
}
