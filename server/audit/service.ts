import { z } from "zod";
import { byTableOrder, isAuditAction, USER_SIDE_AND_KE_ONLY, type AuditAction, type AuditKind } from "../../app/domain/audit-actions.ts";
import { isUserSide, seesCoordinatorRequests, type PlanRole, type Role } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import { OSLO_TIME_ZONE } from "../../app/domain/oslo-time.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { planPolicy } from "../plans/access.ts";
import { decodeCursor, encodeCursor } from "../records/cursor.ts";
import { read } from "../records/read.ts";
import type { RequestMeta } from "./audit.ts";

// "Hvem har sett planen min": the plan's whole audit history, for the user, their representative,
// the coordinator and the coordinating unit. Nothing is ever cut off: every row is in exactly
// one line, newest first, paged by a cursor (the user's request for another coordinator is shown
// only to the user's side and the coordinating unit). Reads by one person on one Oslo day (with
// the same purpose) fold into one line with a count and the first and last time; every change
// is a line of its own. Looking is itself recorded.

export const auditForPlanInput = z.object({
  planId: id,
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Only this person's rows. */
  actorId: id.optional(),
  /** Only reads, or only changes (changes to the plan and to who may see it). */
  kind: z.enum(["READ", "CHANGE"]).optional(),
});

export interface AccessLogLine {
  key: string;
  actorId: string | null;
  kind: AuditKind;
  /** The actions in the line: one for a change, every kind of read for a folded line. */
  actions: AuditAction[];
  purpose: string | null;
  planRole: PlanRole | null;
  firstAt: Date;
  lastAt: Date;
  count: number;
}

interface LineRow {
  key: string;
  actorId: string | null;
  kind: string;
  actions: string[];
  purpose: string | null;
  planRole: string | null;
  firstAt: Date;
  lastAt: Date;
  count: number;
}

function filters(input: { actorId?: string; kind?: "READ" | "CHANGE"; hidden?: readonly AuditAction[] }) {
  return Prisma.sql`${input.actorId ? Prisma.sql`AND "actorId" = ${input.actorId}` : Prisma.empty}
    ${input.kind === "READ" ? Prisma.sql`AND kind = 'READ'` : input.kind === "CHANGE" ? Prisma.sql`AND kind <> 'READ'` : Prisma.empty}
    ${input.hidden?.length ? Prisma.sql`AND action NOT IN (${Prisma.join([...input.hidden])})` : Prisma.empty}`;
}

async function accessLogLines(tx: Tx, planId: string, municipalityId: string, input: z.infer<typeof auditForPlanInput> & { hidden: readonly AuditAction[] }) {
  const after = decodeCursor(input.cursor);
  // The first page fixes the snapshot (the newest row then): later pages show the log as it was,
  // so the reads recorded while paging neither shift nor hide a line.
  const [{ asOf }] = after?.asOf
    ? [{ asOf: after.asOf }]
    : await tx.$queryRaw<{ asOf: Date | null }[]>`SELECT max("createdAt") AS "asOf" FROM "AuditEvent" WHERE "planId" = ${planId} AND "municipalityId" = ${municipalityId}`;
  if (!asOf) return { lines: [], nextCursor: null, asOf: null };
  const rows = await tx.$queryRaw<LineRow[]>`
    WITH base AS (
      SELECT id, "actorId", action, kind, purpose, "planRole", "createdAt",
             (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${OSLO_TIME_ZONE})::date AS day
      FROM "AuditEvent"
      WHERE "planId" = ${planId} AND "municipalityId" = ${municipalityId} AND "createdAt" <= ${asOf.toISOString()}::timestamp ${filters(input)}
    ), lines AS (
      SELECT 'c:' || id AS key, "actorId", kind::text AS kind, ARRAY[action] AS actions, purpose, "planRole"::text AS "planRole",
             "createdAt" AS "firstAt", "createdAt" AS "lastAt", 1 AS count
      FROM base WHERE kind <> 'READ'
      UNION ALL
      SELECT 'r:' || COALESCE("actorId", '-') || ':' || day::text || ':' || md5(COALESCE(purpose, '')), "actorId", 'READ',
             array_agg(DISTINCT action), purpose, max("planRole"::text), min("createdAt"), max("createdAt"), count(*)::int
      FROM base WHERE kind = 'READ'
      GROUP BY "actorId", day, purpose
    )
    SELECT * FROM lines
    ${after ? Prisma.sql`WHERE ("lastAt", key) < (${after.at.toISOString()}::timestamp, ${after.id})` : Prisma.empty}
    ORDER BY "lastAt" DESC, key DESC
    LIMIT ${input.limit + 1}`;
  const lines: AccessLogLine[] = rows.slice(0, input.limit).map((r) => ({
    key: r.key,
    actorId: r.actorId,
    kind: r.kind as AuditKind,
    actions: r.actions.filter(isAuditAction).sort(byTableOrder),
    purpose: r.purpose,
    planRole: r.planRole as PlanRole | null,
    firstAt: r.firstAt,
    lastAt: r.lastAt,
    count: Number(r.count),
  }));
  const last = lines.at(-1);
  return { lines, nextCursor: rows.length > input.limit && last ? encodeCursor(last.lastAt, last.key, asOf) : null, asOf };
}

/** Names and account roles of the people in the log, to say who did it when the plan role is not known. */
async function peopleIn(tx: Tx, municipalityId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  const users = await tx.user.findMany({ where: { id: { in: wanted }, municipalityId }, select: { id: true, name: true, roles: { select: { role: true } } } });
  return new Map(users.map((u) => [u.id, { name: u.name, roles: u.roles.map((r) => r.role) as Role[] }]));
}

export async function listPlanAudit(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof auditForPlanInput>, meta: RequestMeta) {
  const policy = planPolicy(input.planId, (a) => a.canSeeAccessLog);
  return read(prisma, actor, meta, policy, "audit.view", async (tx, { municipalityId, access }) => {
    // Read before this visit's own row is written, so a page never shows the visit asking for it.
    // What is for the user's side and the coordinating unit only is not in others' log.
    const hidden = seesCoordinatorRequests(access.role) ? [] : USER_SIDE_AND_KE_ONLY;
    const { lines, nextCursor, asOf } = await accessLogLines(tx, input.planId, municipalityId, { ...input, hidden });
    const [{ total }] = asOf
      ? await tx.$queryRaw<{ total: number }[]>`
          SELECT count(*)::int AS total FROM "AuditEvent"
          WHERE "planId" = ${input.planId} AND "municipalityId" = ${municipalityId} AND "createdAt" <= ${asOf.toISOString()}::timestamp ${filters({ ...input, hidden })}`
      : [{ total: 0 }];
    const actorRows = await tx.$queryRaw<{ actorId: string | null }[]>`
      SELECT DISTINCT "actorId" FROM "AuditEvent" WHERE "planId" = ${input.planId} AND "municipalityId" = ${municipalityId}`;
    const people = await peopleIn(tx, municipalityId, [...lines.map((l) => l.actorId), ...actorRows.map((r) => r.actorId)]);
    return {
      result: {
        lines: lines.map((line) => ({ ...line, actorName: line.actorId ? (people.get(line.actorId)?.name ?? "") : "", actorRoles: line.actorId ? (people.get(line.actorId)?.roles ?? []) : [] })),
        nextCursor,
        /** Rows matching the filter (each folded line counts all its rows). */
        total: Number(total),
        /** The user and their representative may download their own copy. */
        canExport: isUserSide(access.role),
        /** Everyone who appears in the plan's log, for the person filter. */
        people: [...people].map(([personId, p]) => ({ id: personId, name: p.name })).sort((a, b) => a.name.localeCompare(b.name, "nb")),
      },
    };
  });
}

export const auditExportInput = z.object({ planId: id, cursor: z.string().max(500).optional() });

export interface AccessLogRow {
  at: Date;
  actorName: string;
  planRole: PlanRole | null;
  actorRoles: Role[];
  /** One of app/domain/audit-actions.ts (every action ever written is defined there). */
  action: string;
  purpose: string | null;
}

/**
 * The user's (or representative's) own copy of the plan's access log: every row, unfolded, newest
 * first, 1,000 at a time (the download streams the pages). Each page is a read of the log, so it
 * is recorded (and folds with the others in the log).
 */
export async function exportPlanAudit(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof auditExportInput>, meta: RequestMeta) {
  const policy = planPolicy(input.planId, (a) => isUserSide(a.role), { forbiddenKey: "accessLog.exportUserOnly" });
  return read(prisma, actor, meta, policy, "audit.export", async (tx, { municipalityId }) => {
    const after = decodeCursor(input.cursor);
    const plan = await tx.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { owner: { select: { name: true } } } });
    const page = await tx.auditEvent.findMany({
      where: {
        planId: input.planId,
        municipalityId,
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: EXPORT_PAGE + 1,
      select: { id: true, createdAt: true, actorId: true, action: true, purpose: true, planRole: true },
    });
    const rows = page.slice(0, EXPORT_PAGE);
    const people = await peopleIn(tx, municipalityId, rows.map((r) => r.actorId));
    const last = rows.at(-1);
    return {
      result: {
        owner: plan.owner.name,
        rows: rows.map(
          (r): AccessLogRow => ({
            at: r.createdAt,
            actorName: r.actorId ? (people.get(r.actorId)?.name ?? "") : "",
            planRole: r.planRole,
            actorRoles: r.actorId ? (people.get(r.actorId)?.roles ?? []) : [],
            action: r.action,
            purpose: r.purpose,
          }),
        ),
        nextCursor: page.length > EXPORT_PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
      },
    };
  });
}

const EXPORT_PAGE = 1000;
