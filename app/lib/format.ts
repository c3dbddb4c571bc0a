import { LOCALE_TAG, type Lang } from "../i18n/resources.ts";

/** A date as people write it ("3. mars 2027"); plan dates are calendar dates, shown as such. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Oslo" }).format(
    new Date(value),
  );
}
