// Kartlegging: how a person manages daily life, scored per variable on the IPLOS scale, with the
// person's own view beside it (issue 15, docs/decisions/030). Pure data and rules, shared by the
// pages and the server. The municipality's administrator keeps the variables as a versioned code
// list; version 0 is the default below, shipped with the product and never changed in place.

/** 1 = manages alone … 5 = needs help with all of it; 9 = not relevant. */
export const ASSESSMENT_SCORES = [1, 2, 3, 4, 5, 9] as const;
export type AssessmentScore = (typeof ASSESSMENT_SCORES)[number];
export const NOT_RELEVANT = 9;
/** Staff's and the person's own score this far apart or more: flagged for the next meeting. */
export const DIFFERENCE_FLAG = 2;
/** An assessment older than this (months) is out of date, unless the municipality says otherwise. */
export const DEFAULT_ASSESSMENT_MAX_AGE_MONTHS = 12;

export const ASSESSMENT_METHODS = ["CONVERSATION", "OBSERVATION", "RELATIVE_PRESENT", "OTHER"] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/** The words for each level, as the scoring guide says them (staff) and in plain language (the person). */
export interface LevelWords {
  1: string;
  2: string;
  3: string;
  4: string;
  5: string;
  9: string;
}

export interface CodeListArea {
  key: string;
  name: string;
  /** The area in the person's own words, for "Slik ser jeg det". */
  plain: string;
}

export interface CodeListVariable {
  /** "IPLOS" for the national register's variables, "LOKAL" for the municipality's own. */
  system: string;
  code: string;
  text: string;
  /** The question in plain language, for the person and their representative. */
  plain: string;
  area: string;
  /** The matching ICF code, where there is one (room for ICF, SNOMED CT later). */
  icf?: string;
  /** The level words when this variable's differ from the scale's (vision and hearing). */
  levels?: Partial<LevelWords>;
}

export interface CodeList {
  version: number;
  areas: CodeListArea[];
  variables: CodeListVariable[];
}

/** One variable's key in scores, own views and goals: "IPLOS:06". */
export const variableKey = (v: { system: string; code: string }) => `${v.system}:${v.code}`;

export const STAFF_LEVELS: LevelWords = {
  1: "Ingen problemer, trenger ikke personbistand",
  2: "Klarer seg selv, eventuelt med hjelpemidler, men har vansker eller endret standard; trenger ikke personbistand",
  3: "Middels behov: utfører deler av aktiviteten, hjelperen kan gå og komme",
  4: "Stort behov: hjelperen må være til stede hele tiden",
  5: "Fullt behov for hjelp til hele aktiviteten",
  9: "Ikke relevant",
};

export const PLAIN_LEVELS: LevelWords = {
  1: "Jeg klarer det selv",
  2: "Jeg klarer det selv, men det er vanskeligere enn før",
  3: "Jeg trenger litt hjelp",
  4: "Jeg trenger mye hjelp",
  5: "Jeg trenger hjelp til alt",
  9: "Gjelder ikke meg",
};

/** Staff's score told to the person it is about, on "Min plan". */
export const YOU_LEVELS: LevelWords = {
  1: "Du klarer det selv",
  2: "Du klarer det selv, men det er vanskeligere enn før",
  3: "Du trenger litt hjelp",
  4: "Du trenger mye hjelp",
  5: "Du trenger hjelp til alt",
  9: "Gjelder ikke deg",
};

const SENSE_LEVELS: Partial<LevelWords> = {
  1: "Ingen problemer",
  2: "Noe nedsatt, klarer seg med hjelpemidler",
  3: "Nedsatt, hjelpemidler gir ikke full kompensasjon",
  4: "Sterkt nedsatt",
  5: "Ingen funksjon",
};

const iplos = (code: string, area: string, text: string, plain: string, extra: Partial<CodeListVariable> = {}): CodeListVariable => ({ system: "IPLOS", code, area, text, plain, ...extra });
const local = (code: string, area: string, text: string, plain: string, extra: Partial<CodeListVariable> = {}): CodeListVariable => ({ system: "LOKAL", code, area, text, plain, ...extra });

/**
 * Version 0: the IPLOS functional variables and the two sensory ones as named in the research
 * notes (shared/docs/research/seed-000.md §2.4), grouped into life areas so a whole area can be
 * "all fine" in one step, plus local variables the research recommends testing (seed-002 §1.3).
 */
export const DEFAULT_CODE_LIST: CodeList = {
  version: 0,
  areas: [
    { key: "sosialt", name: "Sosialt liv og beslutninger", plain: "Å være sammen med andre og bestemme selv" },
    { key: "hjem", name: "Hjem og husholdning", plain: "Hjemme og i hverdagen" },
    { key: "egenomsorg", name: "Egenomsorg og helse", plain: "Å ta vare på meg selv" },
    { key: "bevegelse", name: "Bevegelse", plain: "Å komme seg rundt" },
    { key: "kognisjon", name: "Hukommelse og kommunikasjon", plain: "Å huske og å snakke med andre" },
    { key: "sanser", name: "Syn og hørsel", plain: "Å se og å høre" },
    { key: "trygghet", name: "Trygghet og initiativ", plain: "Å føle seg trygg og komme i gang" },
  ],
  variables: [
    iplos("01", "sosialt", "Sosial deltakelse", "Å være sammen med andre"),
    iplos("02", "sosialt", "Beslutninger i dagliglivet", "Å bestemme over min egen hverdag"),
    iplos("03", "sosialt", "Styre atferd", "Å styre hvordan jeg oppfører meg"),
    iplos("04", "hjem", "Alminnelig husarbeid", "Å gjøre husarbeid"),
    iplos("05", "hjem", "Skaffe seg varer og tjenester", "Å handle og ordne ting jeg trenger"),
    iplos("09", "hjem", "Lage mat", "Å lage mat"),
    iplos("06", "egenomsorg", "Personlig hygiene", "Å vaske meg"),
    iplos("07", "egenomsorg", "Av- og påkledning", "Å kle på meg og av meg"),
    iplos("08", "egenomsorg", "Spise", "Å spise"),
    iplos("15", "egenomsorg", "Gå på toalettet", "Å gå på do"),
    iplos("12", "egenomsorg", "Ivareta egen helse", "Å passe på helsa mi"),
    iplos("10", "bevegelse", "Bevege seg innendørs", "Å bevege meg inne"),
    iplos("11", "bevegelse", "Bevege seg utendørs", "Å komme meg ut og rundt"),
    iplos("13", "kognisjon", "Hukommelse", "Å huske det som har skjedd nylig"),
    iplos("14", "kognisjon", "Kommunikasjon", "Å gjøre meg forstått og forstå andre"),
    iplos("16", "sanser", "Syn", "Å se", { levels: SENSE_LEVELS }),
    iplos("17", "sanser", "Hørsel", "Å høre", { levels: SENSE_LEVELS }),
    local("TRYGGHET", "trygghet", "Følelse av trygghet", "Å føle meg trygg", { icf: "b1528" }),
    local("INITIATIV", "trygghet", "Initiativ", "Å komme i gang med ting selv"),
  ],
};

/** Whose words: the scoring guide's (staff), the person's own ("Jeg …"), or staff's told to the person ("Du …"). */
export type LevelVoice = "staff" | "own" | "you";

/**
 * The words for one level of one variable: its own where it has them (vision and hearing are
 * about function, not help, in every voice), else the scale's in the voice asked for.
 */
export function levelWords(variable: CodeListVariable, score: AssessmentScore, voice: LevelVoice | boolean): string {
  const own = variable.levels?.[score];
  if (own) return own;
  const chosen = voice === true ? "own" : voice === false ? "staff" : voice;
  return (chosen === "staff" ? STAFF_LEVELS : chosen === "own" ? PLAIN_LEVELS : YOU_LEVELS)[score];
}

/** Two scores that differ by DIFFERENCE_FLAG or more; "not relevant" is not a difference in degree. */
export function scoresDiffer(staff: number | null | undefined, own: number | null | undefined): boolean {
  if (staff == null || own == null || staff === NOT_RELEVANT || own === NOT_RELEVANT) return false;
  return Math.abs(staff - own) >= DIFFERENCE_FLAG;
}

/**
 * Movement against a goal on the IPLOS scale, where a lower score is less need: positive when the
 * need went down since the baseline. Null when either score is missing or "not relevant".
 */
export function improvement(baseline: number | null | undefined, now: number | null | undefined): number | null {
  if (baseline == null || now == null || baseline === NOT_RELEVANT || now === NOT_RELEVANT) return null;
  return baseline - now;
}
