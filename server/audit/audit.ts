import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";

/** Who did something, and from where: every service function receives this. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditInput {
  action: string;
  municipalityId?: string | null;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  planId?: string;
  purpose?: string;
  details?: Prisma.InputJsonValue;
  meta?: RequestMeta;
}

/** Writes one audit event. Call it with the same transaction client as the change it records. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      municipalityId: input.municipalityId ?? null,
      actorId: input.actorId ?? null,
      targetType: input.targetType,
      targetId: input.targetId,
      planId: input.planId,
      purpose: input.purpose,
      details: input.details,
      ip: input.meta?.ip ?? null,
      userAgent: input.meta?.userAgent?.slice(0, 500) ?? null,
    },
  });
}
