// The Norwegian working-day calendar: Easter and the public holidays, weekends, and arithmetic on
// "YYYY-MM-DD" calendar dates (done on UTC midnights, so neither the machine's time zone nor
// daylight saving can shift a date). Pure, shared by the server (case deadlines, reminders) and
// the pages (a new meeting's default day).

const DAY_MS = 86_400_000;
/** A month on average (365.25 / 12 days): for "no activity for N months". */
export const AVERAGE_MONTH_MS = 30.44 * DAY_MS;
export interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function formatYmd({ year, month, day }: Ymd): string {
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

export function parseYmd(date: string): Ymd {
  toDayNumber(date); // validates
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function assertCount(value: number, what: string): void {
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
