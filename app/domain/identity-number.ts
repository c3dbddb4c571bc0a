// Norwegian national identity numbers: fødselsnummer and D-nummer (11 digits, two check digits,
// Skatteetaten's rules). Synthetic test numbers (month + 40 from NAV, month + 80 from Tenor/
// Skatteetaten's test register) are real in form but belong to nobody: only outside production.
// Shared by the forms (to say what is wrong while typing) and the server (which decides).

export type IdentityNumberKind = "FNR" | "DNR";

export interface IdentityNumber {
  /** The 11 digits, without spaces. */
  value: string;
  kind: IdentityNumberKind;
  /** A synthetic test number (NAV's or Tenor's). */
  synthetic: boolean;
  /** YYYY-MM-DD. */
  birthDate: string;
}

export type IdentityNumberProblem = "format" | "checkDigit" | "date" | "synthetic";

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

/** The century from the individual number (digits 7–9) and the two-digit year. */
function fullYear(individual: number, yy: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (individual >= 500 && yy <= 39) return 2000 + yy;
  if (individual >= 900 && yy >= 40) return 1900 + yy;
  return null;
}

/**
 * Reads an identity number, or says what is wrong with it. `allowSynthetic` is false in
 * production: a synthetic number there is a mistake.
 */
export function parseIdentityNumber(input: string, { allowSynthetic }: { allowSynthetic: boolean }): { ok: true; number: IdentityNumber } | { ok: false; problem: IdentityNumberProblem } {
  const value = input.replace(/[\s.-]/g, "");
  if (!/^\d{11}$/.test(value)) return { ok: false, problem: "format" };
  const digits = [...value].map(Number);
  const k1 = checkDigit(digits, W1);
  const k2 = k1 === null ? null : checkDigit([...digits.slice(0, 9), k1], W2);
  if (k1 === null || k2 === null || k1 !== digits[9] || k2 !== digits[10]) return { ok: false, problem: "checkDigit" };

  let day = digits[0]! * 10 + digits[1]!;
  let month = digits[2]! * 10 + digits[3]!;
  const kind: IdentityNumberKind = day > 40 ? "DNR" : "FNR";
  if (kind === "DNR") day -= 40;
  let synthetic = false;
  if (month > 80) {
    month -= 80;
    synthetic = true;
  } else if (month > 40) {
    month -= 40;
    synthetic = true;
  }
  const year = fullYear(Number(value.slice(6, 9)), Number(value.slice(4, 6)));
  if (year === null || month < 1 || month > 12 || day < 1) return { ok: false, problem: "date" };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return { ok: false, problem: "date" };
  if (synthetic && !allowSynthetic) return { ok: false, problem: "synthetic" };
  const birthDate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, number: { value, kind, synthetic, birthDate } };
}

/** As shown anywhere but the archive: the first six digits, the rest hidden ("010190 *****"). */
export function maskIdentityNumber(value: string): string {
  return `${value.slice(0, 6)} *****`;
}

/** Whole years of age on an Oslo calendar day (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Makes a valid number for a birth date (tests, the demo's synthetic persons): the first
 * individual number from `individual` up (within the same hundred, so the century holds) whose
 * check digits exist. `synthetic` adds 80 to the month as Tenor does.
 */
export function makeIdentityNumber(birthDate: string, individual: number, { dnr = false, synthetic = false } = {}): string {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  for (let n = individual; n < Math.floor(individual / 100) * 100 + 100; n++) {
    const base = [
      String(d + (dnr ? 40 : 0)).padStart(2, "0"),
      String(m + (synthetic ? 80 : 0)).padStart(2, "0"),
      String(y % 100).padStart(2, "0"),
      String(n).padStart(3, "0"),
    ].join("");
    const digits = [...base].map(Number);
    const k1 = checkDigit(digits, W1);
    const k2 = k1 === null ? null : checkDigit([...digits, k1], W2);
    if (k1 !== null && k2 !== null) return `${base}${k1}${k2}`;
  }
  throw new Error(`no identity number for ${birthDate} from ${individual}`);
}
