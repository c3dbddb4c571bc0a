// Meeting times. A meeting is stored as an instant (UTC); people type and read it as Oslo wall
// time. These are the only places that convert between the two, through Intl (the tz database),
// so daylight saving is handled by the same rules everywhere.

const TIME_ZONE = "Europe/Oslo";

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
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

/** The Oslo wall-clock time of an instant. */
export function osloWallTime(instant: Date): WallTime {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD" in Oslo. */
export function osloDay(instant: Date): string {
  const w = osloWallTime(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant of an Oslo wall time ("2027-03-29T10:00"). Null when that time does not exist
 * (the hour skipped when clocks go forward). In the repeated hour in October the first
 * occurrence (summer time) is taken.
 */
export function osloLocalToInstant(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
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

/** iCalendar local form of an instant in Oslo: 20270329T100000. */
export function icsOsloLocal(instant: Date): string {
  const w = osloWallTime(instant);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** iCalendar UTC form: 20270329T080000Z. */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const humanFormat = new Intl.DateTimeFormat("nb-NO", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "mandag 29. mars 2027 kl. 10:00" for notifications (Oslo time). */
export function formatMeetingTime(instant: Date): string {
  return humanFormat.format(instant);
}

export const OSLO_TIME_ZONE = TIME_ZONE;
