import { calendarDay, endOfOsloDay } from "../../app/domain/oslo-time.ts";
import { AVERAGE_MONTH_MS } from "../../app/domain/working-days.ts";
import type { Tx } from "../db/types.ts";
import type { OutOfDateReason } from "./view.ts";

// When a plan's assessment is out of date (issue 15 part 4): none yet; older than the
// municipality's limit (12 months unless it says otherwise); or older than a change in the
// person's services or a new decision about them. Services and decisions already in the portal
// are used, never typed again.

/** Assessed before this day is too old: the same rule for the plan page and the dashboard figure. */
export function assessmentAgeLimit(today: Date, maxAgeMonths: number): Date {
  return new Date(today.getTime() - maxAgeMonths * AVERAGE_MONTH_MS);
}

const DAY_MS = 86_400_000;

/**
 * The first calendar day that is not out of date, for queries: assessments are dates (UTC
 * midnight), so a day is before the limit exactly when it is before the limit's next midnight.
 */
export function assessmentFreshFrom(today: Date, maxAgeMonths: number): Date {
  return new Date(Math.ceil(assessmentAgeLimit(today, maxAgeMonths).getTime() / DAY_MS) * DAY_MS);
}

export interface OutOfDate {
  reason: OutOfDateReason;
  /** The day it became out of date: the change's day, or the assessment's for AGE; null for NONE_YET. */
  since: string | null;
}

export async function outOfDate(tx: Tx, plan: { id: string; ownerId: string }, latest: Date | null, maxAgeMonths: number, today: Date): Promise<OutOfDate | null> {
  if (!latest) return { reason: "NONE_YET", since: null };
  if (latest < assessmentAgeLimit(today, maxAgeMonths)) return { reason: "AGE", since: calendarDay(latest) };
  // Instants after the assessed day; calendar days after it and up to today.
  const after = endOfOsloDay(calendarDay(latest));
  const dayAfter = { gt: latest, lte: today };
  const service = await tx.planService.findFirst({
    where: {
      planId: plan.id,
      OR: [
        // Started or ended since (a service registered late, with an earlier start, is no change since).
        { deletedAt: null, fromDate: dayAfter },
        { deletedAt: null, fromDate: null, createdAt: { gt: after } },
        { deletedAt: null, toDate: dayAfter },
        // Taken out of the plan since.
        { deletedAt: { gt: after } },
      ],
    },
    select: { fromDate: true, toDate: true, createdAt: true, deletedAt: true },
  });
  if (service) {
    const changed = [service.fromDate, service.toDate, service.deletedAt, service.fromDate ? null : service.createdAt].filter((d): d is Date => d !== null && d > latest);
    return { reason: "SERVICE_CHANGE", since: calendarDay(new Date(Math.min(...changed.map((d) => d.getTime())))) };
  }
  const decision = await tx.case.findFirst({
    where: { OR: [{ planId: plan.id }, { subjectUserId: plan.ownerId }], decidedAt: { gt: after } },
    orderBy: { decidedAt: "asc" },
    select: { decidedAt: true },
  });
  if (decision?.decidedAt) return { reason: "DECISION", since: calendarDay(decision.decidedAt) };
  return null;
}
