/**
 * Case-processing deadlines for the coordinating unit (forvaltningsloven).
 *
 * Pure functions, no I/O. Deadlines are calendar dates in Norwegian local time
 * (Europe/Oslo): a case received at 23:30 Oslo time on 30 April was received on
 * 30 April, even though it is still 21:30 UTC. Dates are passed around as
 * "YYYY-MM-DD" strings; calendar arithmetic on them is done on UTC midnights so
 * that neither the machine's time zone nor daylight saving can shift a date.
 * Only the two boundaries between instants and Oslo dates (`osloDate` and
 * `endOfOsloDay`, app/domain/oslo-time.ts) look at the time zone.
 *
 * Counting rules:
 * - Day 0 is the Oslo calendar date of receipt.
 * - "N calendar days": the date N days after day 0.
 * - "N working days": step forward one calendar day at a time from day 0,
 *   counting only working days (not Saturday, Sunday or a public holiday),
 *   until N are counted; the deadline is that date.
 * - Interim reply (§ 11 a): same day-of-month in the next month, or the last
 *   day of that month when the day does not exist (31 Jan → 28/29 Feb). A case's
 *   interim reply is never due after its decision (caseDeadlines): when the
 *   decision is due within the month, a reply is due only if the decision is late.
 * - A deadline that lands on a weekend or holiday is kept as is unless
 *   `rollForwardToWorkingDay` is set, which moves it to the next working day
 *   (the statutory rule for deadlines that run out on a holiday).
 * - A deadline runs until the end of its Oslo day: `endsAt` is the instant of
 *   the next day's 00:00 Europe/Oslo.
 */

import { endOfOsloDay, osloDate } from "../../app/domain/oslo-time.ts";
import type { DeadlineUnit } from "../../app/domain/schemas.ts";
import { addCalendarDays, addWorkingDays, assertCount, daysInMonth, formatYmd, nextWorkingDay, parseYmd } from "../../app/domain/working-days.ts";

export interface DeadlineRule {
  amount: number;
  unit: DeadlineUnit;
}

export interface Deadline {
  /** The last day of the deadline, "YYYY-MM-DD" in Europe/Oslo. */
  date: string;
  /** The instant the deadline runs out: the end of `date` in Oslo (next day 00:00 Europe/Oslo). */
  endsAt: Date;
}

export interface DeadlineOptions {
  /** Move a deadline that lands on a Saturday, Sunday or public holiday to the next working day. Default false. */
  rollForwardToWorkingDay?: boolean;
}

function toDeadline(date: string, options: DeadlineOptions | undefined): Deadline {
  const final = options?.rollForwardToWorkingDay ? nextWorkingDay(date) : date;
  return { date: final, endsAt: endOfOsloDay(final) };
}

/**
 * Decision deadline for a case received at `receivedAt` under a case type's rule. Calendar-day deadlines are
 * not moved off weekends and holidays unless `rollForwardToWorkingDay` is set; working-day deadlines (N >= 1)
 * always land on a working day.
 */
export function decisionDeadline(receivedAt: Date, rule: DeadlineRule, options?: DeadlineOptions): Deadline {
  assertCount(rule.amount, "amount");
  const received = osloDate(receivedAt);
  switch (rule.unit) {
    case "CALENDAR_DAYS":
      return toDeadline(addCalendarDays(received, rule.amount), options);
    case "WORKING_DAYS":
      return toDeadline(addWorkingDays(received, rule.amount), options);
    default:
      throw new RangeError(`Unknown deadline unit: ${String(rule.unit satisfies never)}`);
  }
}

/**
 * When an interim reply (foreløpig svar, forvaltningsloven § 11 a) is due if the case is not decided by then:
 * one month after receipt, on the same day of the month, or the last day of the next month if that day does
 * not exist there (received 31 January → 28 or 29 February).
 */
export function interimReplyDeadline(receivedAt: Date, options?: DeadlineOptions): Deadline {
  const { year, month, day } = parseYmd(osloDate(receivedAt));
  const dueYear = month === 12 ? year + 1 : year;
  const dueMonth = month === 12 ? 1 : month + 1;
  const due = formatYmd({ year: dueYear, month: dueMonth, day: Math.min(day, daysInMonth(dueYear, dueMonth)) });
  return toDeadline(due, options);
}

/**
 * A case's two deadlines. The interim reply is owed when the case cannot be answered within a
 * month (§ 11 a): a decision due sooner makes one owed only once the decision is late, so the
 * interim reply falls due with the decision, never after it.
 */
export function caseDeadlines(receivedAt: Date, rule: DeadlineRule, options?: DeadlineOptions): { decision: Deadline; interimReply: Deadline } {
  const decision = decisionDeadline(receivedAt, rule, options);
  const oneMonth = interimReplyDeadline(receivedAt, options);
  return { decision, interimReply: oneMonth.date <= decision.date ? oneMonth : decision };
}
