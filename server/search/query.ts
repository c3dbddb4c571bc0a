import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";

// What a person types into a search field, read once: birth dates ("12.03.1985", "1985-03-12"),
// plan numbers ("P2026-0042", "2026-0042", "2026-42"), case references ("2026-0042") and the
// rest as words. Every part must match (AND). Words become a prefix text search query
// ("kari:* & nord:*") built only from letters and digits, so nothing typed can change the
// query's syntax (docs/decisions/026).

export const SEARCH_LIMIT = 50;

export const searchText = z.string().trim().min(2).max(100);
export const searchInput = z.object({ q: searchText }).strict();
export const searchInPlanInput = z.object({ planId: id, q: searchText }).strict();

export interface ParsedQuery {
  /** "1985-03-12" */
  birthDate: string | null;
  /** "2026-0042": the year and running number, as plan numbers ("P" + this) and case references have them. */
  number: string | null;
  /** Letters-and-digits words, lower-cased, in the order typed. */
  words: string[];
}

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function asBirthDate(token: string): string | null {
  const nordic = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(token);
  if (nordic) return validDate(Number(nordic[3]), Number(nordic[2]), Number(nordic[1]));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

function asNumber(token: string): string | null {
  const match = /^p?-?(\d{4})-(\d{1,6})$/i.exec(token);
  if (!match) return null;
  const running = Number(match[2]);
  if (running < 1) return null;
  return `${match[1]}-${running < 10000 ? String(running).padStart(4, "0") : String(running)}`;
}

export function parseQuery(q: string): ParsedQuery {
  const parsed: ParsedQuery = { birthDate: null, number: null, words: [] };
  for (const token of q.normalize("NFC").split(/\s+/).filter(Boolean)) {
    const date = asBirthDate(token);
    if (date && !parsed.birthDate) {
      parsed.birthDate = date;
      continue;
    }
    const number = asNumber(token);
    if (number && !parsed.number) {
      parsed.number = number;
      continue;
    }
    for (const word of token.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) parsed.words.push(word);
  }
  // A handful of words is plenty; more only makes a slower query.
  parsed.words = [...new Set(parsed.words)].slice(0, 8);
  return parsed;
}

/** "kari:* & nord:*", or null without words. Safe to hand to to_tsquery: letters, digits, ":*" and "&" only. */
export function prefixQuery(words: string[]): string | null {
  const safe = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
  return safe.length ? safe.map((w) => `${w}:*`).join(" & ") : null;
}

export const hasCriteria = (p: ParsedQuery) => p.birthDate !== null || p.number !== null || p.words.length > 0;
