import { LOCALE_TAG, type Lang } from "./lang.ts";

// Numbers as people read them in the language of the page: "39,6" and "12 345" in bokmål.

const formats = new Map<string, Intl.NumberFormat>();

/** A number with at most `fractionDigits` decimals, in the page's language. */
export function formatNumber(value: number, lang: Lang, fractionDigits = 1): string {
  const key = `${lang}:${fractionDigits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(LOCALE_TAG[lang], { maximumFractionDigits: fractionDigits })));
  return f.format(value);
}
