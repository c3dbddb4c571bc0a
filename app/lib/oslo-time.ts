// Norwegian wall-clock time for forms: what "now" is in Oslo, and a date and time typed there as
// an ISO timestamp with its offset (summer time included). Pure: used by loaders and actions.

const TIME_ZONE = "Europe/Oslo";

function osloParts(instant: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Now in Oslo as a date field and a time field want it: { date: "2027-03-01", time: "14:05" }. */
export function osloNow(now = new Date()): { date: string; time: string } {
  const p = osloParts(now);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Minutes Oslo is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = osloParts(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A date (YYYY-MM-DD) and a time (HH:MM) on an Oslo clock as ISO 8601 with the offset that
 * applied then ("2027-07-01T09:30:00+02:00"); null when either is missing or not a real time.
 */
export function osloDateTimeToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive) || new Date(naive).toISOString().slice(0, 16) !== `${date}T${time}`) return null;
  // The offset at the naive instant, then at the corrected one (right on both sides of a change).
  let offset = offsetMinutes(new Date(naive));
  offset = offsetMinutes(new Date(naive - offset * 60_000));
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}
