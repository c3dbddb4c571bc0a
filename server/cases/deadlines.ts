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

const DAY_MS = 86_400_000;
interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function formatYmd({ year, month, day }: Ymd): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 for a "YYYY-MM-DD" date; throws RangeError for anything that is not a real date. */
function toDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Invalid date "${date}": expected YYYY-MM-DD`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Round-tripping rejects 2027-02-30 and years below 100 (which Date.UTC maps to 19xx).
  if (fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`Invalid date "${date}"`);
  return ms / DAY_MS;
}

function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  return formatYmd({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function parseYmd(date: string): Ymd {
  toDayNumber(date); // validates
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}

/** Easter Sunday in the Gregorian calendar, computed with the anonymous (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatYmd({ year, month, day });
}

/**
 * Norwegian public holidays (helligdager and the two offentlige høytidsdager) in a year, sorted by date.
 * Easter Sunday and Whit Sunday are listed although they are Sundays anyway.
 * A date can appear twice when two holidays coincide (17 May 2027 is also Whit Monday).
 * 24 and 31 December are not public holidays.
 */
export function norwegianHolidays(year: number): { date: string; name: string }[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number) => addCalendarDays(easter, days);
  const fixed = (month: number, day: number) => formatYmd({ year, month, day });
  const holidays = [
    { date: fixed(1, 1), name: "1. nyttårsdag" },
    { date: fromEaster(-3), name: "Skjærtorsdag" },
    { date: fromEaster(-2), name: "Langfredag" },
    { date: easter, name: "1. påskedag" },
    { date: fromEaster(1), name: "2. påskedag" },
    { date: fixed(5, 1), name: "Arbeidernes dag" },
    { date: fixed(5, 17), name: "Grunnlovsdag" },
    { date: fromEaster(39), name: "Kristi himmelfartsdag" },
    { date: fromEaster(49), name: "1. pinsedag" },
    { date: fromEaster(50), name: "2. pinsedag" },
    { date: fixed(12, 25), name: "1. juledag" },
    { date: fixed(12, 26), name: "2. juledag" },
  ];
  // Stable sort: coinciding holidays keep the order above.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Working-day counting asks about the same few years over and over.
const holidayCache = new Map<number, ReadonlySet<string>>();

function holidaySet(year: number): ReadonlySet<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(norwegianHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

/** Whether the date is a Norwegian public holiday (not whether it is a weekend). */
export function isHoliday(date: string): boolean {
  return holidaySet(parseYmd(date).year).has(date);
}

/** Monday–Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isHoliday(date);
}

/** The date `days` calendar days later (earlier if negative). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The date on which the `days`-th working day after `date` falls; `date` itself is day 0 and never counts.
 * With 0 days the date is returned unchanged (even if it is not a working day).
 */
export function addWorkingDays(date: string, days: number): string {
  assertCount(days, "days");
  let current = addCalendarDays(date, 0); // validates
  let counted = 0;
  while (counted < days) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) counted++;
  }
  return current;
}

/**
 * The date reached by counting `days` working days backwards from `date` (which itself never counts); for
 * "remind N working days before the deadline". For any d and n, going forward then back,
 * subtractWorkingDays(addWorkingDays(d, n), n), gives a date ≤ d with the same addWorkingDays result.
 */
export function subtractWorkingDays(date: string, days: number): string {
  assertCount(days, "days");
  let current = addCalendarDays(date, 0); // validates
  let counted = 0;
  while (counted < days) {
    current = addCalendarDays(current, -1);
    if (isWorkingDay(current)) counted++;
  }
  return current;
}

/** The date itself if it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: string): string {
  let current = addCalendarDays(date, 0); // validates
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/**
 * Working days after `from` up to and including `to` (0 if `to` <= `from`), so that
 * workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDay(fromDayNumber(day))) count++;
  }
  return count;
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
