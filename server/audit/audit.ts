import { randomUUID } from "node:crypto";
import { AUDIT_ACTIONS, type AuditAction } from "../../app/domain/audit-actions.ts";
import type { PlanRole } from "../../app/domain/schemas.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";

/** Who did something, and from where: every service function receives this. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The request (or connection) it came with: the same id is on its log lines. */
  requestId?: string | null;
  /** The portal's address as the browser sees it (PUBLIC_URL or the request's): for links back to us. Not stored. */
  origin?: string;
}

export interface AuditInput {
  action: AuditAction;
  municipalityId?: string | null;
  actorId?: string | null;
  planRole?: PlanRole | null;
  targetType?: string;
  targetId?: string;
  planId?: string | null;
  purpose?: string;
  details?: Prisma.InputJsonValue;
  meta?: RequestMeta;
  createdAt?: Date;
}

/**
 * Writes one audit row, with the kind its action has (app/domain/audit-actions.ts). A change's
 * row goes in the change's transaction (server/records/write.ts, and signing in); a read's row
 * is stored before the content is returned (server/records/read.ts).
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  // Every read and every change stores one such row, so it is one statement Prisma passes on as
  // written (decision 051); the same row as auditRow() below, which createMany uses.
  const row = auditRow(input);
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "municipalityId", "actorId", "action", "kind", "planRole", "targetType", "targetId", "planId", "purpose", "ip", "userAgent", "requestId", "details", "createdAt")
    VALUES (${randomUUID()}, ${row.municipalityId}, ${row.actorId}, ${row.action}, ${row.kind}::"AuditKind", ${row.planRole}::"PlanRole", ${row.targetType ?? null}, ${row.targetId ?? null},
      ${row.planId ?? null}, ${row.purpose ?? null}, ${row.ip}, ${row.userAgent}, ${row.requestId}, ${row.details === undefined ? null : JSON.stringify(row.details)}::jsonb, ${input.createdAt ?? new Date()})`;
}

/** Rows per insert when many are stored at once. */
export const AUDIT_BATCH = 1000;

/**
 * Many audit rows in a few statements (one read row per plan a list or a file showed). One row,
 * the common case, goes through recordAudit: Prisma's query plan cache skips `createMany`, so it
 * compiled that query again on every read.
 */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 1) return recordAudit(tx, inputs[0]);
  for (let i = 0; i < inputs.length; i += AUDIT_BATCH) await tx.auditEvent.createMany({ data: inputs.slice(i, i + AUDIT_BATCH).map(auditRow) });
}

function auditRow(input: AuditInput) {
  return {
    action: input.action,
    kind: AUDIT_ACTIONS[input.action].kind,
    municipalityId: input.municipalityId ?? null,
    actorId: input.actorId ?? null,
    planRole: input.planRole ?? null,
    targetType: input.targetType,
    targetId: input.targetId,
    planId: input.planId ?? undefined,
    purpose: input.purpose,
    details: input.details,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent?.slice(0, 500) ?? null,
    requestId: input.meta?.requestId ?? null,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  };
}
