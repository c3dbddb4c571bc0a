import { LOCALE_TAG, type Lang } from "./lang.ts";

// Norwegian time, in one place. Instants are stored in UTC; people read and type Oslo wall-clock
// time; calendar dates (deadlines, plan dates) are "YYYY-MM-DD" and stored as that day's UTC
// midnight. Every conversion between the two goes through Intl (the tz database), so summer time
// is handled by the same rules on the server and in the browser. Pure: no I/O.

export const OSLO_TIME_ZONE = "Europe/Oslo";
const DAY_MS = 86_400_000;

// "en-US" with numeric parts gives plain ASCII digits; h23 avoids the "24" hour some engines emit at midnight.
const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: OSLO_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError("Invalid instant");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The Oslo wall-clock time of an instant, from the tz database through Intl. */
function osloWallTimeByIntl(instant: Date): WallTime {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const HOUR_MS = 3_600_000;
// Oslo's UTC offset per UTC hour, asked of Intl once per hour: formatToParts was a few per cent
// of a plan page's CPU (issue 16). Only an hour with the same offset at its first and last second
// is kept (clocks change on the hour); at most a year of hours.
const offsetByHour = new Map<number, number>();

function offsetInHour(instantMs: number): number | null {
  const hour = Math.floor(instantMs / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const atStart = wallClockMsByIntl(start) - start;
    if (wallClockMsByIntl(start + HOUR_MS - 1000) - (start + HOUR_MS - 1000) !== atStart) return null;
    if (offsetByHour.size >= 9_000) offsetByHour.clear();
    offsetByHour.set(hour, (offset = atStart));
  }
  return offset;
}

function wallClockMsByIntl(ms: number): number {
  const w = osloWallTimeByIntl(new Date(ms));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The Oslo wall-clock time of an instant. */
export function osloWallTime(instant: Date): WallTime {
  assertInstant(instant);
  const offset = offsetInHour(instant.getTime());
  if (offset === null) return osloWallTimeByIntl(instant);
  const wall = new Date(instant.getTime() + offset);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() };
}

/** The wall-clock time read as if it were UTC, in milliseconds (seconds precision). */
function wallClockMs(instant: Date): number {
  const w = osloWallTime(instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Oslo's UTC offset in ms at an instant: +1 h in winter, +2 h in summer. */
function offsetMs(instantMs: number): number {
  const whole = Math.floor(instantMs / 1000) * 1000; // formatToParts drops milliseconds
  return wallClockMs(new Date(whole)) - whole;
}

/** The calendar date of an instant in Oslo, "YYYY-MM-DD". */
export function osloDate(instant: Date): string {
  const w = osloWallTime(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Today in Norway, "YYYY-MM-DD". */
export function todayInOslo(now = new Date()): string {
  return osloDate(now);
}

/** Now in Oslo as a date field and a time field want it: { date: "2027-03-01", time: "14:05" }. */
export function osloNow(now = new Date()): { date: string; time: string } {
  const w = osloWallTime(now);
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/**
 * The instant of an Oslo wall time ("2027-03-29T10:00"). Null when that time does not exist
 * (the hour skipped when clocks go forward) or is not a time. In the repeated hour in October
 * the first occurrence (summer time) is taken.
 */
export function osloLocalToInstant(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  // Oslo is UTC+1 or UTC+2: try summer time first so an ambiguous time gets its first occurrence.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(naive - offsetHours * 3_600_000);
    const w = osloWallTime(candidate);
    if (w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi && w.second === s) return candidate;
  }
  return null;
}

/**
 * A date (YYYY-MM-DD) and a time (HH:MM) on an Oslo clock as ISO 8601 with the offset that
 * applied then ("2027-07-01T09:30:00+02:00"); null when either is missing or not a real time.
 */
export function osloDateTimeToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = osloLocalToInstant(`${date}T${time}`);
  if (!instant) return null;
  const offset = Math.round(offsetMs(instant.getTime()) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  return `${date}T${time}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * The instant an Oslo calendar day ends, i.e. the next day's 00:00 in Oslo, as a UTC Date.
 * 22:00Z on summer-time days, 23:00Z in winter; the day summer time starts is 23 hours long.
 */
export function endOfOsloDay(date: string): Date {
  const nextMidnightAsUtc = calendarDate(date).getTime() + DAY_MS; // next day's 00:00 wall clock, read as UTC
  // Guess with the offset at the wall-clock value, then correct with the offset at the guess. Oslo changes
  // clocks at 02:00/03:00, so local midnight always exists exactly once and this settles after one correction.
  let instant = nextMidnightAsUtc - offsetMs(nextMidnightAsUtc);
  instant = nextMidnightAsUtc - offsetMs(instant);
  return new Date(instant);
}

/** A calendar date as it is stored: that day's UTC midnight. Throws for anything that is not a real date. */
export function calendarDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const value = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!value || value.toISOString().slice(0, 10) !== date) throw new RangeError(`Invalid date "${date}"`);
  return value;
}

/** The "YYYY-MM-DD" of a stored calendar date (or of an ISO string's date part). */
export function calendarDay(value: Date | string): string {
  return (typeof value === "string" ? value : value.toISOString()).slice(0, 10);
}

/** The Oslo calendar month of an instant, "YYYY-MM". */
export function osloMonth(instant: Date): string {
  return osloDate(instant).slice(0, 7);
}

/** The month `count` months after (or before, when negative) a month "YYYY-MM". */
export function addMonths(month: string, count: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`Invalid month "${month}"`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + count;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** The instant an Oslo month "YYYY-MM" begins: its first day's 00:00 in Oslo. */
export function startOfOsloMonth(month: string): Date {
  const instant = /^\d{4}-\d{2}$/.test(month) ? osloLocalToInstant(`${month}-01T00:00`) : null;
  if (!instant) throw new RangeError(`Invalid month "${month}"`);
  return instant;
}

/** Whether a calendar date (YYYY-MM-DD…) is today or earlier, in Norway. */
export function isDue(value: string | null | undefined, today = todayInOslo()): boolean {
  return Boolean(value) && value!.slice(0, 10) <= today;
}

// ---------------------------------------------------------------------------------------------
// In words, in the reader's language, on an Oslo clock.

// Each kind of format is made once per language (making an Intl format is costly).
const FORMATS = {
  date: { day: "numeric", month: "long", year: "numeric" },
  dateTime: { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" },
  month: { month: "long", year: "numeric" },
  monthShort: { month: "short", year: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  weekdayDate: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  numericDate: { day: "2-digit", month: "2-digit", year: "numeric" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, kind: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALE_TAG[lang], { timeZone: OSLO_TIME_ZONE, ...FORMATS[kind] })));
  return f;
}

/** A date as people write it ("3. mars 2027"). A stored calendar date is that day in Oslo too. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return format(lang, "date").format(new Date(value));
}

/** A moment with time of day ("3. mars 2027 kl. 14:05"). */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return format(lang, "dateTime").format(new Date(value));
}

/** A calendar month "YYYY-MM" as people write it ("august 2026"). */
export function formatMonth(month: string, lang: Lang): string {
  return format(lang, "month").format(new Date(`${month}-15T12:00:00Z`));
}

/** A calendar month "YYYY-MM" short, for a chart's axis ("aug. 26"). */
export function formatMonthShort(month: string, lang: Lang): string {
  return format(lang, "monthShort").format(new Date(`${month}-15T12:00:00Z`));
}

/** A time of day ("14:05"). */
export function formatTime(value: string | Date, lang: Lang): string {
  return format(lang, "time").format(new Date(value));
}

/** A meeting's day and its start and end ("mandag 29. mars 2027 kl. 10:00–11:30"). */
export function formatMeetingWhen(startsAt: string | Date, durationMinutes: number, lang: Lang): string {
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const day = format(lang, "weekdayDate").format(start);
  return lang === "nb" ? `${day} kl. ${formatTime(start, lang)}–${formatTime(end, lang)}` : `${day}, ${formatTime(start, lang)}–${formatTime(end, lang)}`;
}

/** A meeting's start for lists ("29. mars 2027 kl. 10:00"). */
export function formatMeetingStart(startsAt: string | Date, lang: Lang): string {
  const day = formatDate(startsAt, lang);
  return lang === "nb" ? `${day} kl. ${formatTime(startsAt, lang)}` : `${day}, ${formatTime(startsAt, lang)}`;
}

/** A meeting's start with the weekday, for notices ("mandag 29. mars 2027 kl. 10:00"). */
export function formatMeetingTime(startsAt: string | Date, lang: Lang = "nb"): string {
  const day = format(lang, "weekdayDate").format(new Date(startsAt));
  return lang === "nb" ? `${day} kl. ${formatTime(startsAt, lang)}` : `${day}, ${formatTime(startsAt, lang)}`;
}

/** A date in digits ("30.11.2026"; "30/11/2026" in English), where space is short. */
export function formatNumericDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return format(lang, "numericDate").format(new Date(value));
}
