import type { ReadAction } from "../../app/domain/audit-actions.ts";
import { AUDIT_BATCH, recordAudit, recordAudits, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import type { Policy, Scope } from "./policy.ts";

// The one way plan content (and a case) is read: the policy decides, the content is read, and
// one read audit row is written for it, with the coordinating unit's purpose when it gave one,
// before anything is returned. A read is never activity (server/records/activity.ts).

export interface Read<T> {
  result: T;
  /** What the audit row is about, when not the policy's own target. */
  target?: { type: string; id: string };
  details?: Prisma.InputJsonValue;
  /**
   * A list that shows content of several plans or cases ("Mine tiltak", "Mine saker"): one row
   * per item shown (none when nothing is shown), instead of one for the policy's scope. A row
   * may name the caller's role in its plan and details of its own ("Min plan": the plan shown in full).
   */
  rows?: ReadRow[];
}

export interface ReadRow {
  planId: string | null;
  target: { type: string; id: string };
  planRole?: Scope["planRole"];
  details?: Prisma.InputJsonValue;
}

/** One read row per plan shown. */
export const planRows = (planIds: Iterable<string>) => [...new Set(planIds)].map((planId) => ({ planId, target: { type: "plan", id: planId } }));

export async function read<S extends Scope, T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  policy: Policy<S>,
  action: ReadAction,
  fn: (db: Tx, scope: S) => Promise<Read<T>>,
): Promise<T> {
  // No transaction (decision 045): its BEGIN and COMMIT would add nothing a read needs. The
  // content is returned only once its audit row is stored, so nothing is shown unlogged.
  const scope = await policy.resolve(prisma, actor);
  const outcome = await fn(prisma, scope);
  const rows: Partial<ReadRow>[] = outcome.rows ?? [{ planId: scope.planId, target: outcome.target ?? scope.target }];
  const audits = rows.map((row) => ({
    action,
    actorId: actor.id,
    municipalityId: scope.municipalityId,
    planId: row.planId,
    planRole: outcome.rows ? (row.planRole ?? null) : scope.planRole,
    targetType: row.target?.type,
    targetId: row.target?.id,
    purpose: scope.purpose,
    details: row.details ?? outcome.details,
    meta,
  }));
  // A list long enough to take several inserts stores its rows all or none.
  if (audits.length > AUDIT_BATCH) await prisma.$transaction((tx) => recordAudits(tx, audits));
  else await recordAudits(prisma, audits);
  return outcome.result;
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
