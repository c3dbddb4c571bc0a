import { LOCALE_TAG, type Lang } from "../i18n/resources.ts";

/** A date as people write it ("3. mars 2027"); plan dates are calendar dates, shown as such. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Oslo" }).format(
    new Date(value),
  );
}

/** A moment with time of day, in Norwegian time ("3. mars 2027 kl. 14:05"). */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Oslo",
  }).format(new Date(value));
}

/** Whether a calendar date (YYYY-MM-DD…) is today or earlier, in Norway. */
export function isDue(value: string | null | undefined, today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(new Date())): boolean {
  return Boolean(value) && value!.slice(0, 10) <= today;
}
