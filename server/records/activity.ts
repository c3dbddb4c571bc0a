import { AUDIT_ACTIONS, PLAN_ACTIVITY_ACTIONS, type AuditAction } from "../../app/domain/audit-actions.ts";
import { DomainError } from "../errors.ts";
import { osloMonth, startOfOsloMonth } from "../../app/domain/oslo-time.ts";
import { USER_SIDE_ROLES } from "../../app/domain/schemas.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";

// Activity in a plan, by one rule: a committed change whose action is plan activity
// (app/domain/audit-actions.ts) moves the plan's last activity, and when the user or their
// representative made it, it is "new from the user" for the people following the plan. Reads,
// page views, live revalidations and opening a text in the co-editor never are.

/** Last activity moves at most once a minute: many texts of one plan stored together would otherwise queue on its row. */
const RESOLUTION_MS = 60_000;

export const isPlanActivity = (action: AuditAction) => AUDIT_ACTIONS[action].planActivity;

/**
 * Moves the plan's last activity to `at`, and when it moved, records the Oslo month as one with
 * activity (PlanActivityMonth, for "plans without activity" over time: docs/decisions/022). The
 * first activity of a month always moves it, even within the minute, so no month is missed.
 */
/**
 * A closed plan's content does not change (issue 13): every change that is work in a plan is
 * refused, whichever service asks, except opening it again. Who may see it and consent still
 * change (ACCESS actions), so the user can always withdraw consent.
 */
export async function refuseChangeToClosedPlan(tx: Tx, planId: string | null, action: AuditAction): Promise<void> {
  if (!planId || action === "plan.reopen" || AUDIT_ACTIONS[action].kind !== "CHANGE" || !isPlanActivity(action)) return;
  const plan = await tx.plan.findUnique({ where: { id: planId }, select: { status: true } });
  if (plan?.status === "CLOSED") throw new DomainError("FORBIDDEN", "plan.closedReadOnly");
}

export async function noteActivity(tx: Tx, planId: string, at = new Date()): Promise<void> {
  const month = osloMonth(at);
  const moved = await tx.plan.updateMany({
    where: { id: planId, OR: [{ lastActivityAt: { lt: new Date(at.getTime() - RESOLUTION_MS) } }, { lastActivityAt: { lt: startOfOsloMonth(month) } }] },
    data: { lastActivityAt: at },
  });
  if (moved.count > 0) {
    await tx.$executeRaw`INSERT INTO "PlanActivityMonth" ("planId", "month") VALUES (${planId}, ${`${month}-01`}::date) ON CONFLICT DO NOTHING`;
  }
}

/**
 * Per plan: changes the user or their representative made since the viewer last opened the plan
 * (their last "plan.view"), not counting the viewer's own. Read from the audit trail, so nothing
 * extra has to be kept in step.
 */
export async function newFromUserCounts(tx: Tx, viewerId: string, planIds: string[]): Promise<Map<string, number>> {
  if (!planIds.length) return new Map();
  // Each plan's last view by the viewer first, then only the rows after it (the (planId, createdAt) index).
  const rows = await tx.$queryRaw<{ planId: string; count: number }[]>`
    WITH seen AS (
      SELECT p."planId",
             (SELECT max(v."createdAt") FROM "AuditEvent" v WHERE v."planId" = p."planId" AND v."actorId" = ${viewerId} AND v."action" = 'plan.view') AS at
      FROM (VALUES ${Prisma.join(planIds.map((planId) => Prisma.sql`(${planId})`))}) AS p("planId")
    )
    SELECT s."planId", count(*)::int AS count
    FROM seen s
    JOIN "AuditEvent" a ON a."planId" = s."planId" AND a."createdAt" > COALESCE(s.at, 'epoch'::timestamp)
    WHERE a."planRole"::text IN (${Prisma.join(USER_SIDE_ROLES)})
      AND a."action" IN (${Prisma.join(PLAN_ACTIVITY_ACTIONS)})
      AND a."actorId" <> ${viewerId}
    GROUP BY s."planId"`;
  return new Map(rows.map((r) => [r.planId, Number(r.count)]));
}
