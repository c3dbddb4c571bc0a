import { calendarDay, endOfOsloDay, osloDate } from "../../app/domain/oslo-time.ts";
import type { Tx } from "../db/types.ts";
import type { OutOfDateReason } from "./view.ts";

// When a plan's assessment is out of date (issue 15 part 4): none yet; older than the
// municipality's limit (12 months unless it says otherwise); or older than a change in the
// person's services or a new decision about them. Services and decisions already in the portal
// are used, never typed again.

/**
 * Assessed before this day is too old: the same calendar day `maxAgeMonths` months before today
 * (the month's last day when it is shorter), so "older than 12 months" means what it says in
 * leap years too. The same rule for the plan page, the coordinator's notice and the dashboard.
 */
export function assessmentAgeLimit(today: Date, maxAgeMonths: number): Date {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() - maxAgeMonths;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), lastDay)));
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
  const services = await tx.planService.findMany({
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
  // The earliest change since, whichever service it was: the same answer every time it is asked.
  // Calendar dates (start, end) and instants (registered, taken out) by the same rules as above.
  const changed = services
    .flatMap((s) => [
      ...(s.deletedAt === null ? [s.fromDate, s.toDate].filter((d): d is Date => d !== null && d > latest && d <= today).map(calendarDay) : []),
      ...(s.deletedAt === null && s.fromDate === null && s.createdAt > after ? [osloDate(s.createdAt)] : []),
      ...(s.deletedAt && s.deletedAt > after ? [osloDate(s.deletedAt)] : []),
    ])
    .sort();
  if (changed.length) return { reason: "SERVICE_CHANGE", since: changed[0] };
  const decision = await tx.case.findFirst({
    where: { OR: [{ planId: plan.id }, { subjectUserId: plan.ownerId }], decidedAt: { gt: after } },
    orderBy: { decidedAt: "asc" },
    select: { decidedAt: true },
  });
  if (decision?.decidedAt) return { reason: "DECISION", since: osloDate(decision.decidedAt) };
  return null;
}
