// Text that cannot be stored: PostgreSQL refuses U+0000 in text, and a lone UTF-16 surrogate is
// not a character at all. Inputs with them are refused as bad input; texts from the co-editor,
// which arrive as Yjs updates, are cleaned instead (the person keeps what they can see).

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const hasUnstorableCharacters = (text: string) => UNSTORABLE.test(text);

/** U+0000 dropped, a lone surrogate replaced by U+FFFD. */
export const storable = (text: string) => text.replace(UNSTORABLE_ALL, (c) => (c === "\u0000" ? "" : "\uFFFD"));

/** Whether any string anywhere in a value (an input object) has characters that cannot be stored. */
export function anyUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return hasUnstorableCharacters(value);
  if (depth > 20 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => anyUnstorable(v, depth + 1));
  return Object.entries(value).some(([k, v]) => hasUnstorableCharacters(k) || anyUnstorable(v, depth + 1));
}

const graphemes = new Intl.Segmenter("nb", { granularity: "grapheme" });

/**
 * At most `max` UTF-16 units of `text`, cut between characters as people see them (an emoji, a
 * flag or a letter with its accent is never split into something that cannot be stored), with
 * `ending` (say "…") counted in when the text was cut. A character longer than `max` by itself
 * is left out whole; an ending that does not fit is left out.
 */
export function shorten(text: string, max: number, ending = ""): string {
  if (text.length <= max) return text;
  if (ending.length > max) return shorten(text, max);
  let kept = "";
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length + ending.length > max) break;
    kept += segment;
  }
  return kept + ending;
}
