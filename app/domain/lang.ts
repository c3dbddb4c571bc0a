// The languages of the portal: Norwegian bokmål first, English second.
export const LANGS = ["nb", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "nb";

/** BCP 47 tag for dates and numbers. */
export const LOCALE_TAG: Record<Lang, string> = { nb: "nb-NO", en: "en-GB" };

export function parseLang(value: string | null | undefined): Lang {
  return (LANGS as readonly string[]).includes(value ?? "") ? (value as Lang) : DEFAULT_LANG;
}
