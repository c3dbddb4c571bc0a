import { LOCALE_TAG, type Lang } from "../i18n/resources.ts";

// Meeting times in words, on an Oslo clock: "mandag 29. mars 2027 kl. 10:00–11:30". Pure.

const TIME_ZONE = "Europe/Oslo";

/** The day and the start and end times of a meeting. */
export function formatMeetingWhen(startsAt: string | Date, durationMinutes: number, lang: Lang): string {
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const day = new Intl.DateTimeFormat(LOCALE_TAG[lang], { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(start);
  const clock = new Intl.DateTimeFormat(LOCALE_TAG[lang], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE });
  const from = clock.format(start);
  const to = clock.format(end);
  return lang === "nb" ? `${day} kl. ${from}–${to}` : `${day}, ${from}–${to}`;
}

/** A shorter form for lists: "29. mars 2027 kl. 10:00". */
export function formatMeetingStart(startsAt: string | Date, lang: Lang): string {
  const start = new Date(startsAt);
  const day = new Intl.DateTimeFormat(LOCALE_TAG[lang], { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(start);
  const from = new Intl.DateTimeFormat(LOCALE_TAG[lang], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE }).format(start);
  return lang === "nb" ? `${day} kl. ${from}` : `${day}, ${from}`;
}
