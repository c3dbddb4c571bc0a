import { ASSESSMENT_SCORES, DEFAULT_CODE_LIST, STAFF_LEVELS } from "../../app/domain/assessment.ts";
import { describe, expect, it } from "vitest";
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";
import { makeIdentityNumber } from "../../app/domain/identity-number.ts";
import { isNoticeKind, NOTICE_KIND_LIST } from "../../app/domain/notice-kinds.ts";
import { hasUnstorableCharacters } from "../../app/domain/text.ts";
import { hashPassword, verifyPassword } from "../../server/auth/password.ts";
import { generateTotpKey } from "../../server/auth/second-factor.ts";
import { createSession, SESSION_COOKIE, validateSessionToken } from "../../server/auth/sessions.ts";
import { seal } from "../../server/identity/protect.ts";
import { appRouter, createCaller, type AppRouter, type Caller } from "../../server/router.ts";
import { createContextInner } from "../../server/trpc/context.ts";
import { createPlan, createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { anonymousCaller, startServer } from "./helpers.ts";
import { createPlanWorld, scheduleMeeting, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Every procedure that takes free text gets random Unicode: U+0000, lone surrogates, bidi
// overrides, zero-width joiners, emoji and astral characters, combining marks, line breaks,
// 100,000 characters, nothing, only whitespace, and plain Norwegian. Each call must succeed or be
// refused with a 4xx, never a 500 or an error that is not tRPC's; a refused call leaves every
// table as it was and writes no change to the audit log; an accepted one stores what was sent
// (trimmed, where the field trims), which PostgreSQL could store.
//
// The generator is seeded: FUZZ_SEED=<n> repeats a run (a failure prints its seed and input).

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const RANDOM_INPUTS = 8;
const NORWEGIAN = "Blåbærsyltetøy på Ærøskøbing – ÆØÅ æøå";
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------
// The procedures, from the router's type and at run time.

type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [A in keyof Inputs & string]: { [B in keyof Inputs[A] & string]: `${A}.${B}` }[keyof Inputs[A] & string] }[keyof Inputs & string];
type InputOf<P extends string> = P extends `${infer A extends keyof Inputs & string}.${infer B}` ? (B extends keyof Inputs[A] ? Inputs[A][B] : never) : never;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** A string in a procedure's input: an id, a calendar date, or text (anything else a person or client can type). */
interface Leaf {
  sort: "id" | "date" | "text";
  minLength?: number;
  maxLength?: number;
}

const UUID_PATTERN_START = "^[0-9a-f]{8}-";

function walk(schema: JsonSchema | undefined, path: string, out: Map<string, Leaf>) {
  if (!schema) return;
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(alternative, path, out);
  if (schema.type === "object") for (const [key, value] of Object.entries(schema.properties ?? {})) walk(value, path ? `${path}.${key}` : key, out);
  if (schema.type === "array") walk(schema.items, `${path}[]`, out);
  if (schema.type === "string" && !schema.enum && schema.const === undefined) {
    const sort = schema.pattern?.startsWith(UUID_PATTERN_START) ? "id" : schema.format === "date" ? "date" : "text";
    out.set(path, { sort, minLength: schema.minLength, maxLength: schema.maxLength });
  }
}

type RuntimeProcedure = { _def: { type: string; inputs?: unknown[] } };
const procedures = () => appRouter._def.procedures as unknown as Record<string, RuntimeProcedure>;

/** The strings in a procedure's input (all of its parsers), by field path ("changes.title", "guests[].name"). */
function stringLeaves(path: string): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const parser of procedures()[path]._def.inputs ?? []) {
    walk(z.toJSONSchema(parser as z.ZodType, { unrepresentable: "any", io: "input" }) as JsonSchema, "", out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The seeded generator.

type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const hashOf = (text: string) => {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h >>> 0;
};
const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const LONG = 100_000;
const toLength = (piece: string, length: number) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);

/** Named inputs every procedure gets (spread over its fields). */
const SPECIALS: [string, string][] = [
  ["U+0000 inside", "før\u0000etter"],
  ["U+0000 alone", "\u0000"],
  ["lone high surrogate", "ab\uD800cd"],
  ["lone low surrogate", "\uDC00"],
  ["high surrogate at the end", "slutt\uD83D"],
  ["surrogates in the wrong order", "\uDE00\uD83D"],
  ["right-to-left marks", "\u200Fمرحبا بالعالم\u200F"],
  ["right-to-left override", "faktura\u202Efdp.exe\u202C"],
  ["bidi isolates and embeddings", "\u2066Kari\u2069 \u202Bskrev\u202C \u202Ahei\u202C \u061C"],
  ["zero-width joiners", "👩\u200D👩\u200D👧\u200D👦 🧑🏿\u200D🦽 🏳️\u200D🌈"],
  ["zero-width and BOM", "\u200Bu\u200Csynlig\u200D\u2060\uFEFF"],
  ["emoji", "😀🎉🇳🇴👍🏽 møte"],
  ["astral", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱𡃁 \u{1F9FF}\u{10FFFF}"],
  ["combining marks", "e\u0301\u0302\u0303\u0304 Z̴̡̛̤͍̈́ḁ̷̈l̶̢̈g̸̱̈́ȍ̵ å\u030A"],
  ["CR, LF and CRLF", "linje 1\r\nlinje 2\rlinje 3\nlinje 4"],
  ["Unicode line separators", "a\u2028b\u2029c\u0085d"],
  ["control characters", "\u0001\u0007\u001B[31mrød\u001B[0m\u007F\u009F"],
  ["empty", ""],
  ["spaces", "   "],
  ["whitespace only", " \t\n\r\u00A0\u3000\u2003\u205F "],
  ["Norwegian", "Kari klarer morgenen selv. Æ, ø og å – «sitat»"],
  ["100,000 ASCII", toLength("a", LONG)],
  ["100,000 Norwegian", toLength("æøå ", LONG)],
  ["100,000 code units of emoji", toLength("😀", LONG)],
  ["100,000 with U+0000 at the end", `${toLength("x", LONG - 1)}\u0000`],
  ["markup and SQL", "<script>alert(1)</script>'; DROP TABLE \"User\"; --"],
  ["LIKE wildcards and backslashes", "%_\\%\\_\\\\"],
  ["replacement patterns and templates", "$& $' $` $$ $1 {{reference}} $t(errors.internal) %s"],
  ["noncharacters and U+FFFD", "\uFFFE\uFFFF\uFDD0 \uFFFD"],
  ["fullwidth and compatibility forms", "ＫＡＲＩ ﬁ ℌ ① ²"],
];

const ATOMS: ((rng: Rng) => string)[] = [
  (rng) => pick(rng, ["Kari", "Ola", "møte", "tiltak", "Ærlig talt", "blåbær", "øl", "Å", " og ", "."]),
  (rng) => pick(rng, ["😀", "🎉", "🇳🇴", "👍🏽", "👩\u200D👩\u200D👧\u200D👦", "🧑🏿\u200D🦽", "❤️"]),
  (rng) => String.fromCodePoint(between(rng, 0x10000, 0x10ffff)),
  (rng) => String.fromCodePoint(between(rng, 0x20, 0xd7ff)),
  (rng) => String.fromCodePoint(between(rng, 0xe000, 0xfffd)),
  (rng) => `e${"\u0301\u0308\u0323\u036F\u20DD".slice(0, between(rng, 1, 5))}`,
  (rng) => pick(rng, ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"]),
  (rng) => pick(rng, ["\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C"]),
  (rng) => pick(rng, ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\t", "\v", "\f"]),
  (rng) => pick(rng, [" ", "\u00A0", "\u3000", "\u2003", "  "]),
  (rng) => String.fromCharCode(between(rng, 1, 31)),
  (rng) => pick(rng, ["'", '"', "\\", "%", "_", "<", ">", "&", "`", "$&", "$'", "{{x}}", "\\u0000", "NULL", "\\"]),
];
/** What PostgreSQL cannot store: rarer, so that most random inputs reach the database. */
const UNSTORABLE_ATOMS: ((rng: Rng) => string)[] = [
  () => "\u0000",
  (rng) => String.fromCharCode(between(rng, 0xd800, 0xdbff)),
  (rng) => String.fromCharCode(between(rng, 0xdc00, 0xdfff)),
];

function randomText(rng: Rng): string {
  const roll = rng();
  if (roll < 0.03) return "";
  let text = "";
  const atoms = between(rng, 1, 14);
  for (let i = 0; i < atoms; i++) text += rng() < 0.08 ? pick(rng, UNSTORABLE_ATOMS)(rng) : pick(rng, ATOMS)(rng);
  // Some very long ones (cut anywhere, so sometimes through a surrogate pair).
  if (roll > 0.92) text = toLength(text, between(rng, 5_000, LONG));
  return text;
}

/** How a field's values are made from a generated string. */
type Kind = "text" | "secret" | "email" | "url" | "time" | "cursor" | "token" | "base64";

const TIMES = [
  "2027-03-28T02:30",
  "2027-02-29T10:00",
  "2027-13-01T10:00",
  "2027-06-01T24:00",
  "2027-06-01T10:00:60",
  "0000-01-01T00:00:00Z",
  "1899-12-31T23:59:59Z",
  "2100-12-31T23:59:59+14:00",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "2027-06-01T10:00:00-00:00",
  "2027-06-01T10:00:00.123456789Z",
  "２０２７-０６-０１T10:00",
  "2027-06-01T10:00",
  "2020-06-01T10:00:00+02:00",
];
const CURSOR_DATES: unknown[] = [
  "2027-01-01T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "0001-01-01T00:00:00.000Z",
  "-000001-01-01T00:00:00Z",
  "1970-01-01",
  8.64e15,
  0,
  null,
  true,
  [],
];
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
let uniqueCounter = 0;

function shape(kind: Kind, text: string, rng: Rng): string {
  switch (kind) {
    case "text":
    case "secret":
      return text;
    case "email":
      // A fresh domain each time: a sign-in's failures are counted per address.
      return rng() < 0.3 ? text : `${text}@x${uniqueCounter++}.eksempel.no`;
    case "url":
      return rng() < 0.3 ? text : `https://møte.eksempel.no/${text}`;
    case "time": {
      const roll = rng();
      if (roll < 0.4) return text;
      if (roll < 0.7) return pick(rng, TIMES);
      return rng() < 0.5 ? `${pick(rng, TIMES)}${text}` : `${text}${pick(rng, TIMES)}`;
    }
    case "cursor": {
      // Ours are base64url JSON [at, key, asOf?]; a client can send anything.
      const roll = rng();
      if (roll < 0.25) return text;
      if (roll < 0.5) return base64url(JSON.stringify([pick(rng, CURSOR_DATES), text]));
      if (roll < 0.7) return base64url(JSON.stringify([pick(rng, CURSOR_DATES), "00000000-0000-4000-8000-000000000000", pick(rng, CURSOR_DATES)]));
      if (roll < 0.85) return base64url(JSON.stringify(["2027-01-01T00:00:00.000Z", text, "2027-01-01T00:00:00.000Z"]));
      return base64url(text);
    }
    case "token":
      return rng() < 0.5 ? text : `${pick(rng, NOTICE_KIND_LIST)}${text}`;
    case "base64":
      return rng() < 0.5 ? text : Buffer.from(text, "utf8").toString("base64");
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

type Person = Who | "anonymous";
/** Ids made for a case: by `setup` once, or by `each` before every call. */
type Fixture = Record<string, string>;

interface Text {
  (field: string, fallback: string): string;
  (field: string, fallback?: undefined): string | undefined;
}

interface FuzzCase<I> {
  who: Person;
  /** Every string field of the input that is not an id or a calendar date, and how its values are made. */
  fields: Record<string, Kind>;
  /** More world than createPlanWorld gives, made once. */
  setup?: (w: PlanWorld) => Promise<Fixture>;
  /** Something fresh to act on before every call, for what can be done only once (cancel, decide). */
  each?: (w: PlanWorld, s: Fixture) => Promise<Fixture>;
  /** Readies the world for the values about to be sent (the password that will be typed). */
  before?: (w: PlanWorld, s: Fixture, values: Record<string, string>) => Promise<void>;
  /** A valid input with `text(field, fallback)` in each text field. */
  input: (w: PlanWorld, s: Fixture, text: Text) => I | Promise<I>;
  /** What the call changes besides adding rows (a version, a hash): a refusal leaves it. */
  probe?: (w: PlanWorld, s: Fixture) => Promise<unknown>;
  /** The row written, or the fuzzed fields as stored (by field), after an accepted call. */
  stored?: (w: PlanWorld, s: Fixture, result: unknown) => Promise<object>;
  /** Fields stored inside a longer text (a letter) instead of as themselves. */
  containedIn?: string[];
  /** Another check of an accepted call; returns what is wrong, or null. */
  verify?: (w: PlanWorld, s: Fixture, values: Record<string, string>, result: unknown) => Promise<string | null>;
  /** An accepted call ends the caller's sessions (a new password): sign in again. */
  endsSessions?: boolean;
  /** Fewer inputs for slow procedures (argon2, meetings made for every call). */
  specials?: number;
  /** A caller of its own for every call instead of `who`'s: a browser half-way through signing in. */
  caller?: (s: Fixture, ip: string) => Caller;
}

type Table = { [P in ProcedurePath]?: FuzzCase<InputOf<P>> };

// World helpers (as write-path.test.ts has them).
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const idOf = (result: unknown) => (result as { id: string }).id;
const goalRow = (w: PlanWorld) => prisma().goal.findUniqueOrThrow({ where: { id: w.goal.id } });
const measureRow = (w: PlanWorld) => prisma().measure.findUniqueOrThrow({ where: { id: w.measure.id } });
const participantRow = (w: PlanWorld) => prisma().planParticipant.findUniqueOrThrow({ where: { id: w.external.id } });
const meetingRow = (meetingId: string) => prisma().meeting.findUniqueOrThrow({ where: { id: meetingId } });
const caseRow = (caseId: string) => prisma().case.findUniqueOrThrow({ where: { id: caseId } });
const currentAssignment = (w: PlanWorld) => prisma().coordinatorAssignment.findFirstOrThrow({ where: { planId: w.plan.id, endedAt: null } });
const ownerRow = (w: PlanWorld) => prisma().user.findUniqueOrThrow({ where: { id: w.people.owner.id } });

async function meetingWithAttendance(w: PlanWorld): Promise<Fixture> {
  const { meetingId } = await scheduleMeeting(w);
  await prisma().meeting.update({ where: { id: meetingId }, data: { startsAt: new Date(Date.now() - 2 * HOUR) } });
  const invitees = await prisma().meetingInvitee.findMany({ where: { meetingId, removedAt: null } });
  await w.callers.coordinator.meeting.recordAttendance({ meetingId, attendance: invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
  return { meetingId };
}

/** A valid identity number (a synthetic test number: tests run outside production). */
const FUZZ_IDENTITY_NUMBER = makeIdentityNumber("1990-05-17", 123, { synthetic: true });

/** A participant from outside, invited to the address of the one who will accept (staffOutside). */
async function invitationFor(w: PlanWorld): Promise<Fixture> {
  const participant = await w.callers.coordinator.participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Dr. Lund", organisation: "Fastlege" });
  const { path } = await w.callers.coordinator.participant.invite({ participantId: participant.id, email: w.people.staffOutside.email });
  return { token: path.slice("/invitasjon/".length) };
}

/** The user asks for another coordinator: a case for the coordinating unit. */
async function ownersCase(w: PlanWorld): Promise<Fixture> {
  const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." });
  return { caseId: c.id };
}

/** The other of the two coordinators: appointing the current one again is a conflict, not what is fuzzed. */
async function nextCoordinator(w: PlanWorld) {
  const current = await currentAssignment(w);
  return current.coordinatorId === w.people.coordinator.id ? w.people.staffOutside.id : w.people.coordinator.id;
}

const hashes = new Map<string, Promise<string>>();
const hashFor = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};
/** A password someone could have: the procedures take 1 to 200 characters, and PostgreSQL stores its hash. */
const plausiblePassword = (password: string | undefined): password is string =>
  password !== undefined && password.length >= 1 && password.length <= 200 && !hasUnstorableCharacters(password);
async function setOwnersPassword(w: PlanWorld, password: string) {
  await prisma().user.update({ where: { id: w.people.owner.id }, data: { passwordHash: await hashFor(password) } });
}

/** A browser holding a pending sign-in's cookie. */
function browserWithPendingSignIn(token: string | undefined, ip: string): Caller {
  const pendingSignIn = { token: token ?? null, set() {}, clear() {} };
  return createCaller(createContextInner({ db: t.db, meta: { ip, userAgent: "vitest-fuzz" }, pendingSignIn }));
}

/** A new person in a municipality outside the demo, signed in with the password: at the set-up, or (set up already) at the code. */
async function personAtSecondStep(w: PlanWorld, step: "setup" | "code"): Promise<Fixture> {
  await prisma().municipality.update({ where: { id: w.home.id }, data: { demo: false } });
  const person = await createUser(prisma(), { municipalityId: w.home.id, roles: ["STAFF"] });
  const signIn = async () => {
    let pending: string | undefined;
    const caller = createCaller(
      createContextInner({ db: t.db, meta: { ip: nextIp() }, pendingSignIn: { token: null, set: (token) => (pending = token), clear() {} } }),
    );
    await caller.auth.login({ email: person.email, password: TEST_PASSWORD });
    return pending!;
  };
  const first = await signIn();
  const shown = await browserWithPendingSignIn(first, nextIp()).auth.secondFactorPending();
  if (shown?.step !== "setup") throw new Error("no set-up pending");
  const key = decodeBase32IgnorePadding(shown.key.replace(/ /g, ""));
  const step30 = Math.floor(Date.now() / 30_000);
  if (step === "setup") return { userId: person.id, pending: first, code: generateHOTP(key, BigInt(step30), 6) };
  await browserWithPendingSignIn(first, nextIp()).auth.secondFactorConfirm({ code: generateHOTP(key, BigInt(step30), 6) });
  return { userId: person.id, pending: await signIn(), code: generateHOTP(key, BigInt(step30 + 1), 6) };
}

/** The owner with an authenticator of their own, fresh for every call (each step is taken once; wrong codes count per account). */
async function ownerWithAuthenticator(w: PlanWorld): Promise<Fixture> {
  const key = generateTotpKey();
  await prisma().user.update({ where: { id: w.people.owner.id }, data: { totpKeyEnc: seal(Buffer.from(key).toString("base64")), totpEnabledAt: new Date(), totpLastStep: null } });
  await prisma().loginAttempt.deleteMany({ where: { emailKey: `second-factor:${w.people.owner.id}` } });
  return { code: generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6) };
}

/** A delete of plan content: a fresh item (made by `make`) for every call, its reason stored on the row. */
function deleteCase(who: Person, make: (w: PlanWorld) => Promise<string>, table: "goal" | "measure" | "planService" | "logEntry" | "planComment"): FuzzCase<{ id: string; reason: string }> {
  return {
    who,
    fields: { reason: "text" },
    each: async (w) => ({ id: await make(w) }),
    input: (_w, s, text) => ({ id: s.id, reason: text("reason", "Skrevet inn to ganger") }),
    stored: async (_w, s) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one column of five tables
      const row = (await (prisma()[table] as any).findUniqueOrThrow({ where: { id: s.id } })) as { deletedReason: string | null };
      return { reason: row.deletedReason };
    },
  };
}

const CASES: Table = {
  // Signing in and one's own account.
  "auth.login": {
    who: "anonymous",
    fields: { email: "email", password: "secret", redirectTo: "text" },
    // The owner's password becomes the one typed, so an ordinary password is accepted.
    before: async (w, _s, values) => {
      if (plausiblePassword(values.password)) await setOwnersPassword(w, values.password);
    },
    input: (w, _s, text) => ({ email: text("email", w.people.owner.email), password: text("password", TEST_PASSWORD), redirectTo: text("redirectTo") }),
    specials: 12,
  },
  // The second step of a password sign-in outside the demo: a fresh person half-way through it
  // for every call (a code can be taken once, and wrong codes count per account).
  "auth.secondFactorConfirm": {
    who: "anonymous",
    fields: { code: "secret" },
    each: (w) => personAtSecondStep(w, "setup"),
    caller: (s, ip) => browserWithPendingSignIn(s.pending, ip),
    input: (_w, s, text) => ({ code: text("code", s.code) }),
    probe: async (_w, s) => (await prisma().user.findUniqueOrThrow({ where: { id: s.userId } })).totpEnabledAt,
    specials: 12,
  },
  "auth.secondFactorVerify": {
    who: "anonymous",
    fields: { code: "secret" },
    each: (w) => personAtSecondStep(w, "code"),
    caller: (s, ip) => browserWithPendingSignIn(s.pending, ip),
    input: (_w, s, text) => ({ code: text("code", s.code) }),
    probe: async (_w, s) => (await prisma().user.findUniqueOrThrow({ where: { id: s.userId } })).totpLastStep,
    specials: 12,
  },
  "auth.recoveryCodesRenew": {
    who: "owner",
    fields: { code: "secret" },
    each: (w) => ownerWithAuthenticator(w),
    input: (_w, s, text) => ({ code: text("code", s.code) }),
    probe: async (w) => (await prisma().recoveryCode.findMany({ where: { userId: w.people.owner.id } })).map((r) => r.codeHash).sort(),
    specials: 12,
  },
  "auth.changePassword": {
    who: "owner",
    fields: { currentPassword: "secret", newPassword: "secret" },
    endsSessions: true,
    before: async (w, _s, values) => setOwnersPassword(w, plausiblePassword(values.currentPassword) ? values.currentPassword : TEST_PASSWORD),
    input: (_w, _s, text) => ({ currentPassword: text("currentPassword", TEST_PASSWORD), newPassword: text("newPassword", "nytt-passord-123") }),
    probe: async (w) => (await ownerRow(w)).passwordHash,
    verify: async (w, _s, values) =>
      (await verifyPassword((await ownerRow(w)).passwordHash ?? "", values.newPassword ?? "nytt-passord-123")) ? null : "the new password does not verify against the stored hash",
    specials: 12,
  },

  // The plan.
  "plan.statePurpose": {
    who: "keLeader",
    fields: { purpose: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, purpose: text("purpose", "Årlig gjennomgang") }),
    stored: async (w) => ({
      purpose: (await prisma().purposeStatement.findFirstOrThrow({ where: { planId: w.plan.id }, orderBy: { createdAt: "desc" } })).purpose,
    }),
  },
  // Closing and opening again: each call starts from the plan open (or closed), at its version.
  // Deleting: a fresh item for every call, the reason stored on its row.
  "goal.delete": deleteCase("coordinator", async (w) => (await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Mål" })).id, "goal"),
  "measure.delete": deleteCase("coordinator", async (w) => (await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Tiltak" })).id, "measure"),
  "service.delete": deleteCase("coordinator", async (w) => (await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Avlastning", provider: "Bo og aktivitet" })).id, "planService"),
  "log.delete": deleteCase("coordinator", async (w) => (await w.callers.coordinator.log.create({ planId: w.plan.id, body: "Notat" })).id, "logEntry"),
  "comment.delete": deleteCase("staffInGroup", async (w) => (await w.callers.staffInGroup.comment.create({ planId: w.plan.id, targetType: "about", body: "Fint" })).id, "planComment"),
  "plan.close": {
    who: "coordinator",
    fields: { reason: "text" },
    each: async (w) => {
      const plan = await prisma().plan.update({ where: { id: w.plan.id }, data: { status: "ACTIVE", closedAt: null, closedReason: null, closedById: null } });
      return { version: String(plan.version) };
    },
    input: (w, s, text) => ({ planId: w.plan.id, version: Number(s.version), reason: text("reason", "Målene er nådd."), endedOn: "2026-11-30" }),
    stored: async (w) => ({ reason: (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).closedReason }),
  },
  "plan.reopen": {
    who: "coordinator",
    fields: { reason: "text" },
    each: async (w) => {
      const plan = await prisma().plan.update({ where: { id: w.plan.id }, data: { status: "CLOSED", closedAt: new Date(), closedReason: "Ferdig" } });
      return { version: String(plan.version) };
    },
    input: (w, s, text) => ({ planId: w.plan.id, version: Number(s.version), reason: text("reason", "Ny periode.") }),
    stored: async (w) => ({
      reason: ((await prisma().auditEvent.findFirstOrThrow({ where: { planId: w.plan.id, action: "plan.reopen" }, orderBy: { createdAt: "desc" } })).details as { reason: string }).reason,
    }),
  },
  "goal.create": {
    who: "owner",
    fields: { title: "text", description: "text", ownView: "text", othersInput: "text" },
    input: (w, _s, text) => ({
      planId: w.plan.id,
      lifeArea: "SOCIAL" as const,
      title: text("title", "Treffe venner"),
      description: text("description"),
      ownView: text("ownView"),
      othersInput: text("othersInput"),
    }),
    stored: async (_w, _s, result) => prisma().goal.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "goal.update": {
    who: "representative",
    fields: { "changes.title": "text", "changes.ownView": "text", "changes.othersInput": "text" },
    input: async (w, _s, text) => ({
      goalId: w.goal.id,
      version: (await goalRow(w)).version,
      changes: { title: text("changes.title"), ownView: text("changes.ownView"), othersInput: text("changes.othersInput") },
    }),
    probe: goalRow,
    stored: async (w) => {
      const goal = await goalRow(w);
      return { "changes.title": goal.title, "changes.ownView": goal.ownView, "changes.othersInput": goal.othersInput };
    },
  },
  "measure.create": {
    who: "coordinator",
    fields: { title: "text", description: "text", amount: "text" },
    input: (w, _s, text) => ({
      goalId: w.goal.id,
      title: text("title", "Ukentlig tur"),
      description: text("description"),
      amount: text("amount"),
      responsibleUserId: w.people.staffInGroup.id,
    }),
    stored: async (_w, _s, result) => prisma().measure.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "measure.update": {
    who: "coordinator",
    fields: { "changes.title": "text", "changes.amount": "text" },
    input: async (w, _s, text) => ({
      measureId: w.measure.id,
      version: (await measureRow(w)).version,
      changes: { title: text("changes.title"), amount: text("changes.amount") },
    }),
    probe: measureRow,
    stored: async (w) => {
      const measure = await measureRow(w);
      return { "changes.title": measure.title, "changes.amount": measure.amount };
    },
  },
  "evaluation.create": {
    who: "staffInGroup",
    fields: { participants: "text", achieved: "text", nextStep: "text" },
    input: (w, _s, text) => ({
      measureId: w.measure.id,
      date: "2026-11-20",
      participants: text("participants", "Kari og Jonas"),
      achieved: text("achieved", "Gikk bra"),
      nextStep: text("nextStep"),
    }),
    stored: async (_w, _s, result) => prisma().evaluation.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },

  // Who may see the plan.
  "participant.candidates": {
    who: "coordinator",
    fields: { query: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, query: text("query", "Per") }),
  },
  "participant.add": {
    who: "coordinator",
    fields: { displayName: "text", organisation: "text", contribution: "text", phone: "text", email: "email", legalBasis: "text" },
    input: (w, _s, text) => ({
      planId: w.plan.id,
      kind: "PROVIDER" as const,
      displayName: text("displayName", "Lærer Lise"),
      organisation: text("organisation", "Skolen"),
      contribution: text("contribution"),
      phone: text("phone"),
      email: text("email"),
      legalBasis: text("legalBasis"),
    }),
    stored: async (_w, _s, result) => prisma().planParticipant.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "participant.update": {
    who: "coordinator",
    fields: { "changes.organisation": "text", "changes.contribution": "text", "changes.phone": "text", "changes.email": "email", "changes.legalBasis": "text" },
    input: async (w, _s, text) => ({
      participantId: w.external.id,
      version: (await participantRow(w)).version,
      changes: {
        organisation: text("changes.organisation"),
        contribution: text("changes.contribution"),
        phone: text("changes.phone"),
        email: text("changes.email"),
        legalBasis: text("changes.legalBasis"),
      },
    }),
    probe: participantRow,
    stored: async (w) => {
      const p = await participantRow(w);
      return {
        "changes.organisation": p.organisation,
        "changes.contribution": p.contribution,
        "changes.phone": p.phone,
        "changes.email": p.email,
        "changes.legalBasis": p.legalBasis,
      };
    },
  },
  "participant.invite": {
    who: "coordinator",
    fields: { email: "email" },
    input: (w, _s, text) => ({ participantId: w.external.id, email: text("email", "dr.lund@legesenter.no") }),
  },
  "participant.invitation": {
    who: "staffOutside",
    fields: { token: "secret" },
    setup: invitationFor,
    input: (_w, s, text) => ({ token: text("token", s.token) }),
  },
  "participant.acceptInvite": {
    who: "staffOutside",
    fields: { token: "secret" },
    // A link works once: a fresh participant and link before every call.
    each: invitationFor,
    input: (_w, s, text) => ({ token: text("token", s.token) }),
    specials: 12,
  },
  "consent.grant": {
    who: "owner",
    fields: { note: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, participantId: w.external.id, validTo: "2030-01-01", note: text("note", "Gjelder skoleåret") }),
    stored: async (w) => ({
      note: (await prisma().participantConsent.findFirstOrThrow({ where: { participantId: w.external.id }, orderBy: { createdAt: "desc" } })).note,
    }),
  },
  "coordinator.assign": {
    who: "keLeader",
    fields: { handoverNote: "text" },
    input: async (w, _s, text) => ({ planId: w.plan.id, coordinatorId: await nextCoordinator(w), handoverNote: text("handoverNote", "Kari ønsker møter før 12.") }),
    probe: currentAssignment,
    stored: async (w) => ({ handoverNote: (await currentAssignment(w)).handoverNote }),
  },
  "coordinator.requestChange": {
    who: "owner",
    fields: { reason: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, reason: text("reason", "Vi får ikke til samarbeidet") }),
    stored: async (_w, _s, result) => prisma().coordinatorChangeRequest.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "assessment.record": {
    who: "coordinator",
    fields: { note: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, assessedOn: "2026-11-02", methods: ["CONVERSATION" as const], note: text("note", "Samtale hjemme hos Kari"), scores: { "IPLOS:01": 2 } }),
    stored: async (_w, _s, result) => prisma().assessment.findUniqueOrThrow({ where: { id: (result as { assessmentId: string }).assessmentId } }),
  },
  "assessment.ownView": {
    who: "owner",
    // A variable is a code from the municipality's code list, refused unless it is one.
    fields: { "views[].words": "text", "views[].variable": "token" },
    input: (w, _s, text) => ({ planId: w.plan.id, views: [{ variable: text("views[].variable", "IPLOS:13"), score: 3, words: text("views[].words", "Jeg glemmer avtaler") }] }),
    stored: async (w) => {
      const row = await prisma().assessmentOwnView.findFirstOrThrow({ where: { planId: w.plan.id }, orderBy: { createdAt: "desc" } });
      return { "views[].words": row.words };
    },
  },
  "assessment.tieGoal": {
    who: "coordinator",
    fields: { "variables[]": "token" },
    input: (w, _s, text) => ({ goalId: w.goal.id, variables: [text("variables[]", "IPLOS:06")] }),
  },
  "log.create": {
    who: "relativeWithConsent",
    fields: { body: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, body: text("body", "Ukas notat") }),
    stored: async (_w, _s, result) => prisma().logEntry.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "comment.create": {
    who: "staffInGroup",
    fields: { body: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, targetType: "about" as const, body: text("body", "Fint skrevet") }),
    stored: async (_w, _s, result) => prisma().planComment.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "service.add": {
    who: "representative",
    fields: { name: "text", provider: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, name: text("name", "Støttekontakt"), provider: text("provider", "Kulturtjenesten") }),
    stored: async (_w, _s, result) => prisma().planService.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },

  // The access log: opaque cursors, which a client can send as anything.
  "audit.forPlan": {
    who: "owner",
    fields: { cursor: "cursor" },
    // The plan has a history to page through.
    setup: async (w) => {
      await w.callers.owner.plan.byId({ planId: w.plan.id });
      await w.callers.owner.log.create({ planId: w.plan.id, body: "Hei" });
      return {};
    },
    input: (w, _s, text) => ({ planId: w.plan.id, cursor: text("cursor"), limit: 1 }),
  },
  "audit.exportForPlan": {
    who: "owner",
    fields: { cursor: "cursor" },
    setup: async (w) => {
      await w.callers.owner.plan.byId({ planId: w.plan.id });
      return {};
    },
    input: (w, _s, text) => ({ planId: w.plan.id, cursor: text("cursor") }),
  },

  // The lists behind the dashboard's figures, paged by a cursor.
  "dashboard.plans": {
    who: "keLeader",
    fields: { cursor: "cursor" },
    input: (_w, _s, text) => ({ metric: "activePlans", filter: {}, cursor: text("cursor"), limit: 1 }),
  },
  "dashboard.meetings": {
    who: "keLeader",
    fields: { cursor: "cursor" },
    input: (_w, _s, text) => ({ metric: "withoutMinutes", filter: {}, cursor: text("cursor"), limit: 1 }),
  },
  "dashboard.cases": {
    who: "keLeader",
    fields: { cursor: "cursor" },
    input: (_w, _s, text) => ({ metric: "openCases", filter: {}, cursor: text("cursor"), limit: 1 }),
  },
  "dashboard.measures": {
    who: "unitLeader",
    fields: { cursor: "cursor" },
    input: (_w, _s, text) => ({ metric: "evaluationOverdue", filter: {}, cursor: text("cursor"), limit: 1 }),
  },

  // Cases in the coordinating unit.
  "case.create": {
    who: "keLeader",
    fields: { description: "text", subjectName: "text", receivedAt: "time", subjectIdentityNumber: "secret" },
    input: (_w, _s, text) => ({
      type: "IP_APPLICATION" as const,
      channel: "PAPER" as const,
      subjectName: text("subjectName", "Nina Ny"),
      subjectIdentityNumber: text("subjectIdentityNumber", FUZZ_IDENTITY_NUMBER),
      description: text("description", "Søknad på papir."),
      receivedAt: text("receivedAt", new Date(Date.now() - 72 * HOUR).toISOString()),
    }),
    stored: async (_w, _s, result) => caseRow(idOf(result)),
  },
  "case.addNote": {
    who: "keLeader",
    fields: { body: "text" },
    setup: ownersCase,
    input: (_w, s, text) => ({ caseId: s.caseId, body: text("body", "Ringte Kari.") }),
    stored: async (_w, _s, result) => prisma().caseNote.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "case.sendInterimReply": {
    who: "caseOfficer",
    fields: { reason: "text" },
    each: ownersCase,
    input: (_w, s, text) => ({ caseId: s.caseId, version: 1, reason: text("reason", "Vi venter på opplysninger.") }),
    probe: async (_w, s) => caseRow(s.caseId),
    // The reason goes into the letter.
    stored: async (_w, s) => ({ reason: (await caseRow(s.caseId)).interimReplyText }),
    containedIn: ["reason"],
    specials: 20,
  },
  "case.decide": {
    who: "keLeader",
    fields: {
      grounds: "text",
      complaintInfo: "text",
      handoverNote: "text",
      subjectIdentityNumber: "secret",
      "representatives[].name": "text",
      "representatives[].identityNumber": "secret",
      "representatives[].legalBasis": "text",
    },
    each: ownersCase,
    input: async (w, s, text) => ({
      caseId: s.caseId,
      version: 1,
      outcome: "GRANTED" as const,
      grounds: text("grounds", "Innvilget."),
      complaintInfo: text("complaintInfo"),
      coordinatorId: await nextCoordinator(w),
      handoverNote: text("handoverNote", "Overført."),
      subjectIdentityNumber: text("subjectIdentityNumber"),
      representatives: [
        {
          name: text("representatives[].name", "Mari Mor"),
          identityNumber: text("representatives[].identityNumber", FUZZ_IDENTITY_NUMBER),
          legalBasis: text("representatives[].legalBasis", "Foreldreansvar"),
        },
      ],
    }),
    probe: async (w, s) => [await caseRow(s.caseId), await currentAssignment(w)],
    stored: async (w, s) => {
      const c = await caseRow(s.caseId);
      return { grounds: c.decisionGrounds, complaintInfo: c.complaintInfo, handoverNote: (await currentAssignment(w)).handoverNote };
    },
    specials: 20,
  },
  "case.addDocument": {
    who: "caseOfficer",
    fields: { name: "text", contentBase64: "base64" },
    setup: ownersCase,
    input: (_w, s, text) => ({
      caseId: s.caseId,
      name: text("name", "Epikrise.txt"),
      mimeType: "text/plain",
      contentBase64: text("contentBase64", Buffer.from("Brev fra sykehuset").toString("base64")),
    }),
    stored: async (_w, _s, result) => ({ name: (await prisma().caseDocument.findUniqueOrThrow({ where: { id: idOf(result) } })).name }),
  },
  "planDocument.add": {
    who: "coordinator",
    fields: { name: "text", contentBase64: "base64" },
    input: (w, _s, text) => ({
      planId: w.plan.id,
      name: text("name", "Vedlegg.pdf"),
      visibility: "ALL_MEMBERS" as const,
      contentBase64: text("contentBase64", Buffer.from("%PDF-1.4 vedlegg").toString("base64")),
    }),
    // The name gets the extension of the file's type when it lacks it.
    containedIn: ["name"],
    stored: async (_w, _s, result) => ({ name: (await prisma().planDocument.findUniqueOrThrow({ where: { id: idOf(result) } })).name }),
  },
  "case.findPerson": {
    who: "caseOfficer",
    fields: { query: "text" },
    input: (_w, _s, text) => ({ query: text("query", "Kari") }),
  },
  // Search (docs/decisions/026): what is typed only ever becomes letters and digits of a text query.
  "search.plans": {
    who: "keLeader",
    fields: { q: "text" },
    input: (_w, _s, text) => ({ q: text("q", "Kari") }),
  },
  "search.cases": {
    who: "caseOfficer",
    fields: { q: "text" },
    input: (_w, _s, text) => ({ q: text("q", "12.03.1985") }),
  },
  "search.inPlan": {
    who: "coordinator",
    fields: { q: "text" },
    input: (w, _s, text) => ({ planId: w.plan.id, q: text("q", "morgenen") }),
  },
  "question.ask": {
    who: "keLeader",
    fields: { text: "text" },
    // One open question per plan: each call asks about a plan of its own.
    each: async (w) => {
      const owner = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"] });
      return { planId: (await createPlan(prisma(), { municipalityId: w.home.id, ownerId: owner.id, coordinatorId: w.people.coordinator.id })).id };
    },
    input: (_w, s, text) => ({ planId: s.planId, text: text("text", "Kan du se på planen?") }),
    stored: async (_w, _s, result) => ({
      text: (await prisma().planQuestionMessage.findFirstOrThrow({ where: { questionId: (result as { questionId: string }).questionId } })).body,
    }),
  },
  "question.reply": {
    who: "keLeader",
    fields: { text: "text" },
    setup: async (w) => ({ questionId: (await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Kan du se på planen?" })).questionId }),
    input: (_w, s, text) => ({ questionId: s.questionId, text: text("text", "Har dere hatt møte?") }),
    stored: async (_w, s) => ({
      text: (await prisma().planQuestionMessage.findFirstOrThrow({ where: { questionId: s.questionId }, orderBy: { createdAt: "desc" } })).body,
    }),
  },

  // Administration. Identity numbers, slugs and scopes have a form of their own ("secret": sent
  // as generated, and ordinary Norwegian is not one); e-mail addresses are stored lower-cased.
  "user.list": {
    who: "admin",
    fields: { query: "text" },
    input: (_w, _s, text) => ({ query: text("query", "Kari") }),
  },
  "user.create": {
    who: "admin",
    fields: { name: "text", email: "email", identityNumber: "secret", phone: "text", title: "text", password: "secret" },
    input: (_w, _s, text) => ({
      name: text("name", "Nina Ny"),
      email: text("email", `nina${uniqueCounter++}@eksempel.no`),
      identityNumber: text("identityNumber"),
      phone: text("phone"),
      title: text("title"),
      password: text("password"),
      roles: ["STAFF" as const],
    }),
    stored: async (_w, _s, result) => prisma().user.findUniqueOrThrow({ where: { id: idOf(result) }, select: { name: true, phone: true, title: true } }),
    specials: 16,
  },
  "user.update": {
    who: "admin",
    fields: { name: "text", email: "email", identityNumber: "secret", phone: "text", title: "text" },
    input: (w, _s, text) => ({
      userId: w.people.staffOutside.id,
      name: text("name", "Per Utenfor"),
      email: text("email"),
      identityNumber: text("identityNumber"),
      phone: text("phone"),
      title: text("title"),
      roles: ["STAFF" as const, "COORDINATOR" as const],
    }),
    stored: async (w) => prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id }, select: { name: true, phone: true, title: true } }),
  },
  "user.import": {
    who: "admin",
    fields: { csv: "text", sealedCsv: "secret" },
    // The preview reads the file; a sealed file fuzzed is a commit with it (only what the preview sealed opens).
    input: (_w, _s, text) => {
      const sealedCsv = text("sealedCsv");
      return sealedCsv === undefined ? { mode: "preview" as const, csv: text("csv", "navn;e-post\nNina Ny;nina@eksempel.no") } : { mode: "commit" as const, sealedCsv };
    },
  },
  "unit.create": {
    who: "admin",
    fields: { name: "text" },
    input: (_w, _s, text) => ({ name: text("name", `Enhet ${uniqueCounter++}`) }),
    stored: async (_w, _s, result) => prisma().unit.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "unit.update": {
    who: "admin",
    fields: { name: "text" },
    input: (w, _s, text) => ({ unitId: w.unit.id, name: text("name", "Hjemmetjenesten") }),
    stored: async (w) => prisma().unit.findUniqueOrThrow({ where: { id: w.unit.id } }),
  },
  "planTemplate.update": {
    who: "admin",
    fields: { "lifeAreas[].label": "text", "headings[].title": "text", "headings[].guidance": "text" },
    // On the version stored now: every call is a fresh edit.
    input: async (w, _s, text) => ({
      type: "IP" as const,
      version: (await prisma().planTemplate.findUniqueOrThrow({ where: { municipalityId_type: { municipalityId: w.home.id, type: "IP" } } })).version,
      lifeAreas: [{ area: "HEALTH" as const, label: text("lifeAreas[].label") ?? null }, { area: "SOCIAL" as const }],
      headings: [{ section: "GOALS" as const, title: text("headings[].title", "Mål"), guidance: text("headings[].guidance", "Skriv målet med egne ord.") }],
    }),
    stored: async (w) => {
      const row = await prisma().planTemplate.findUniqueOrThrow({ where: { municipalityId_type: { municipalityId: w.home.id, type: "IP" } } });
      const heading = (row.headings as { title: string; guidance: string }[])[0];
      return { "lifeAreas[].label": (row.lifeAreaLabels as Record<string, string>).HEALTH ?? null, "headings[].title": heading?.title, "headings[].guidance": heading?.guidance };
    },
  },
  "assessment.saveCodeList": {
    who: "admin",
    // Keys, codes and ICF codes are codes (refused unless well-formed); names, texts and level words are free text.
    fields: {
      "content.areas[].key": "token",
      "content.areas[].name": "text",
      "content.areas[].plain": "text",
      "content.variables[].system": "token",
      "content.variables[].code": "token",
      "content.variables[].area": "token",
      "content.variables[].icf": "token",
      "content.variables[].text": "text",
      "content.variables[].plain": "text",
      ...Object.fromEntries(ASSESSMENT_SCORES.map((score) => [`content.variables[].levels.${score}`, "text" as const])),
    },
    // On the version stored now: every call is a fresh edit of the default list's first area and variable.
    input: async (w, _s, text) => {
      const latest = await prisma().assessmentCodeList.findFirst({ where: { municipalityId: w.home.id }, orderBy: { version: "desc" } });
      const [area, ...areas] = DEFAULT_CODE_LIST.areas;
      const [variable, ...variables] = DEFAULT_CODE_LIST.variables;
      const key = text("content.areas[].key", area.key);
      const levels = Object.fromEntries(ASSESSMENT_SCORES.map((score) => [score, text(`content.variables[].levels.${score}`, STAFF_LEVELS[score])]));
      return {
        basedOnVersion: latest?.version ?? 0,
        content: {
          areas: [{ key, name: text("content.areas[].name", "Sosialt liv"), plain: text("content.areas[].plain", "Å være sammen med andre") }, ...areas],
          variables: [
            {
              system: text("content.variables[].system", variable.system),
              code: text("content.variables[].code", variable.code),
              area: text("content.variables[].area", key),
              icf: text("content.variables[].icf", "d9205"),
              text: text("content.variables[].text", "Sosial deltakelse"),
              plain: text("content.variables[].plain", "Å treffe folk"),
              levels,
            },
            ...variables,
          ],
        },
        maxAgeMonths: 12,
      };
    },
    stored: async (w) => {
      const row = await prisma().assessmentCodeList.findFirstOrThrow({ where: { municipalityId: w.home.id }, orderBy: { version: "desc" } });
      const content = row.content as { areas: { name: string; plain: string }[]; variables: { text: string; plain: string; levels?: Record<string, string> }[] };
      const [area] = content.areas;
      const [variable] = content.variables;
      return {
        "content.areas[].name": area.name,
        "content.areas[].plain": area.plain,
        "content.variables[].text": variable.text,
        "content.variables[].plain": variable.plain,
        ...Object.fromEntries(ASSESSMENT_SCORES.map((score) => [`content.variables[].levels.${score}`, variable.levels?.[score]])),
      };
    },
  },
  "municipality.updateSettings": {
    who: "admin",
    fields: { name: "text", contactEmail: "email", contactPhone: "text", mailFrom: "email" },
    input: (_w, _s, text) => ({
      name: text("name", "Demo kommune"),
      contactEmail: text("contactEmail") ?? null,
      contactPhone: text("contactPhone") ?? null,
      mailFrom: text("mailFrom") ?? null,
      passwordSignIn: true,
    }),
    stored: async (w) => prisma().municipality.findUniqueOrThrow({ where: { id: w.home.id }, select: { name: true, contactPhone: true } }),
  },
  "identityProvider.create": {
    who: "admin",
    fields: {
      slug: "secret",
      name: "text",
      issuer: "url",
      clientId: "text",
      clientSecret: "secret",
      scopes: "secret",
      "acrValues[]": "text",
      requiredAcr: "text",
      identityClaim: "text",
      roleClaim: "text",
    },
    input: (_w, _s, text) => ({
      slug: text("slug", `idp-${uniqueCounter++}`),
      kind: "STAFF" as const,
      name: text("name", "HelseID"),
      issuer: text("issuer", "https://helseid-sts.test.nhn.no"),
      clientId: text("clientId", "ip-portal"),
      clientSecret: text("clientSecret") ?? null,
      scopes: text("scopes", "openid profile"),
      acrValues: [text("acrValues[]", "Level4")],
      requiredAcr: text("requiredAcr") ?? null,
      identityClaim: text("identityClaim", "pid"),
      roleClaim: text("roleClaim", "roles"),
      roleMap: { koordinator: "COORDINATOR" as const },
      enabled: true,
    }),
    stored: async (_w, _s, result) =>
      prisma().identityProvider.findUniqueOrThrow({ where: { id: idOf(result) }, select: { name: true, issuer: true, clientId: true, requiredAcr: true, identityClaim: true, roleClaim: true } }),
  },
  "identityProvider.update": {
    who: "admin",
    fields: {
      name: "text",
      issuer: "url",
      clientId: "text",
      clientSecret: "secret",
      scopes: "secret",
      "acrValues[]": "text",
      requiredAcr: "text",
      identityClaim: "text",
      roleClaim: "text",
    },
    setup: async (w) => {
      const provider = await w.callers.admin.identityProvider.create({
        slug: "helseid",
        kind: "STAFF",
        name: "HelseID",
        issuer: "https://helseid-sts.test.nhn.no",
        clientId: "ip-portal",
        clientSecret: null,
        scopes: "openid profile",
        acrValues: [],
        requiredAcr: null,
        identityClaim: "pid",
        roleClaim: null,
        roleMap: null,
        enabled: true,
      });
      return { providerId: provider.id };
    },
    input: (_w, s, text) => ({
      providerId: s.providerId,
      kind: "STAFF" as const,
      name: text("name", "HelseID"),
      issuer: text("issuer", "https://helseid-sts.test.nhn.no"),
      clientId: text("clientId", "ip-portal"),
      clientSecret: text("clientSecret"),
      scopes: text("scopes", "openid profile"),
      acrValues: [text("acrValues[]", "Level4")],
      requiredAcr: text("requiredAcr") ?? null,
      identityClaim: text("identityClaim", "pid"),
      roleClaim: text("roleClaim", "roles"),
      roleMap: null,
      enabled: true,
    }),
    stored: async (_w, s) =>
      prisma().identityProvider.findUniqueOrThrow({ where: { id: s.providerId }, select: { name: true, issuer: true, clientId: true, requiredAcr: true, identityClaim: true, roleClaim: true } }),
  },

  // One's own notices.
  "notification.mine": {
    who: "owner",
    fields: { cursor: "cursor" },
    setup: async (w) => {
      await prisma().notification.create({ data: { municipalityId: w.home.id, userId: w.people.owner.id, kind: "plan.question", title: "Hei", body: "Se planen" } });
      return {};
    },
    input: (_w, _s, text) => ({ cursor: text("cursor"), limit: 1 }),
  },
  "notification.updateSettings": {
    who: "owner",
    fields: { "emailKinds[]": "token" },
    input: (_w, _s, text) => ({ emailKinds: [text("emailKinds[]", "meeting.invitation")], digest: true }),
    verify: async (w) => {
      const stored = await prisma().notificationPreference.findUniqueOrThrow({ where: { userId: w.people.owner.id } });
      const unknown = stored.emailKinds.filter((k) => !isNoticeKind(k));
      return unknown.length ? `stored unknown notice kinds ${show(unknown)}` : null;
    },
  },

  // Meetings.
  "meeting.create": {
    who: "coordinator",
    fields: {
      startsAt: "time",
      location: "text",
      videoLink: "url",
      "guests[].name": "text",
      "guests[].email": "email",
      "guests[].organisation": "text",
      "guests[].consent.givenAt": "time",
    },
    input: (w, _s, text) => ({
      planId: w.plan.id,
      startsAt: text("startsAt", inHours(72)),
      durationMinutes: 60,
      location: text("location", "Helsehuset"),
      videoLink: text("videoLink"),
      invitees: [{ participantId: w.external.id }],
      guests: [
        {
          name: text("guests[].name", "Gjest Gjestesen"),
          email: text("guests[].email"),
          organisation: text("guests[].organisation"),
          consent: { givenAt: text("guests[].consent.givenAt") },
        },
      ],
    }),
    stored: async (_w, _s, result) => {
      const meeting = await meetingRow(idOf(result));
      const guest = await prisma().meetingInvitee.findFirstOrThrow({ where: { meetingId: meeting.id, kind: "GUEST" } });
      return {
        location: meeting.location,
        videoLink: meeting.videoLink,
        "guests[].name": guest.name,
        "guests[].email": guest.email,
        "guests[].organisation": guest.organisation,
      };
    },
  },
  "meeting.update": {
    who: "coordinator",
    fields: { "changes.startsAt": "time", "changes.location": "text", "changes.videoLink": "url" },
    setup: scheduleMeeting,
    input: async (_w, s, text) => ({
      meetingId: s.meetingId,
      version: (await meetingRow(s.meetingId)).version,
      changes: { startsAt: text("changes.startsAt"), location: text("changes.location"), videoLink: text("changes.videoLink") },
    }),
    probe: async (_w, s) => meetingRow(s.meetingId),
    stored: async (_w, s) => {
      const meeting = await meetingRow(s.meetingId);
      return { "changes.location": meeting.location, "changes.videoLink": meeting.videoLink };
    },
  },
  "meeting.cancel": {
    who: "coordinator",
    fields: { reason: "text" },
    each: scheduleMeeting,
    input: (_w, s, text) => ({ meetingId: s.meetingId, reason: text("reason", "Koordinator er syk") }),
    probe: async (_w, s) => meetingRow(s.meetingId),
    stored: async (_w, s) => ({ reason: (await meetingRow(s.meetingId)).cancelReason }),
    specials: 20,
  },
  "meeting.addGuest": {
    who: "coordinator",
    fields: { name: "text", email: "email", organisation: "text", "consent.givenAt": "time" },
    setup: scheduleMeeting,
    input: (_w, s, text) => ({
      meetingId: s.meetingId,
      name: text("name", "Lærer Lise"),
      email: text("email"),
      organisation: text("organisation", "Skolen"),
      consent: { givenAt: text("consent.givenAt") },
    }),
    stored: async (_w, _s, result) => prisma().meetingInvitee.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "meeting.recordGuestConsent": {
    who: "coordinator",
    fields: { givenAt: "time" },
    setup: async (w) => {
      const { meetingId } = await scheduleMeeting(w);
      const waiting = await w.callers.coordinator.meeting.addGuest({ meetingId, userId: w.people.staffOutside.id, organisation: "Skolen" });
      return { inviteeId: waiting.id };
    },
    input: (_w, s, text) => ({ inviteeId: s.inviteeId, givenAt: text("givenAt", new Date(Date.now() - HOUR).toISOString()) }),
    probe: async (_w, s) => prisma().meetingInvitee.findUniqueOrThrow({ where: { id: s.inviteeId } }),
  },
  "meeting.addAgendaItem": {
    who: "owner",
    fields: { title: "text", note: "text" },
    setup: scheduleMeeting,
    input: (_w, s, text) => ({ meetingId: s.meetingId, title: text("title", "Dette vil jeg snakke om"), note: text("note") }),
    stored: async (_w, _s, result) => prisma().agendaItem.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "meeting.updateAgendaItem": {
    who: "owner",
    fields: { "changes.title": "text", "changes.note": "text" },
    setup: async (w) => {
      const { meetingId } = await scheduleMeeting(w);
      const item = await w.callers.owner.meeting.addAgendaItem({ meetingId, title: "Jeg vil ta bussen alene" });
      return { itemId: item.id };
    },
    input: async (_w, s, text) => ({
      itemId: s.itemId,
      version: (await prisma().agendaItem.findUniqueOrThrow({ where: { id: s.itemId } })).version,
      changes: { title: text("changes.title"), note: text("changes.note") },
    }),
    probe: async (_w, s) => prisma().agendaItem.findUniqueOrThrow({ where: { id: s.itemId } }),
    stored: async (_w, s) => {
      const item = await prisma().agendaItem.findUniqueOrThrow({ where: { id: s.itemId } });
      return { "changes.title": item.title, "changes.note": item.note };
    },
  },
  "meeting.approveMinutes": {
    who: "coordinator",
    fields: { text: "text" },
    each: meetingWithAttendance,
    input: (_w, s, text) => ({ meetingId: s.meetingId, text: text("text", "Til stede: alle. Kari klarer morgenen selv.") }),
    probe: async (_w, s) => meetingRow(s.meetingId),
    stored: async (_w, s) => ({ text: (await meetingRow(s.meetingId)).minutesText }),
    specials: 16,
  },
  "meeting.addCorrection": {
    who: "owner",
    fields: { text: "text" },
    setup: async (w) => {
      const { meetingId } = await meetingWithAttendance(w);
      await w.callers.coordinator.meeting.approveMinutes({ meetingId, text: "Referat" });
      return { meetingId };
    },
    input: (_w, s, text) => ({ meetingId: s.meetingId, text: text("text", "Det var tre av fem dager.") }),
    stored: async (_w, _s, result) => prisma().minutesCorrection.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
  "meeting.createTask": {
    who: "coordinator",
    fields: { title: "text" },
    setup: scheduleMeeting,
    input: (w, s, text) => ({ meetingId: s.meetingId, title: text("title", "Søke om bassengkort"), responsibleUserId: w.people.staffInGroup.id, dueDate: "2027-01-15" }),
    stored: async (_w, _s, result) => prisma().meetingTask.findUniqueOrThrow({ where: { id: idOf(result) } }),
  },
};

/** Procedures that take strings, but none a person types: nothing to fuzz. */
const IDS_ONLY = "only ids (UUID pattern), refused by zod before anything runs";
const IDS_AND_DATES = "only ids and calendar dates (z.iso.date), refused by zod before anything runs";
const NO_FREE_TEXT: Partial<Record<ProcedurePath, string>> = {
  "plan.byId": IDS_ONLY,
  "plan.page": IDS_ONLY,
  "assessment.forPlan": IDS_ONLY,
  "plan.archive": IDS_ONLY,
  "plan.archives": IDS_ONLY,
  "plan.archivePdf": IDS_ONLY,
  "plan.archivePackage": IDS_ONLY,
  "plan.list": IDS_ONLY,
  "question.forPlan": IDS_ONLY,
  "plan.update": `${IDS_AND_DATES}; the rest are enums`,
  "consent.withdraw": IDS_ONLY,
  "goal.restore": IDS_ONLY,
  "measure.restore": IDS_ONLY,
  "service.restore": IDS_ONLY,
  "log.restore": IDS_ONLY,
  "comment.restore": IDS_ONLY,
  "goal.reorder": `${IDS_ONLY}; the position is a number`,
  "measure.reorder": `${IDS_ONLY}; the position is a number`,
  "plan.deleted": IDS_ONLY,
  "case.byId": IDS_ONLY,
  "case.list": `${IDS_ONLY}; the rest are enums`,
  "case.assign": IDS_ONLY,
  "case.documents": IDS_ONLY,
  "planDocument.list": IDS_ONLY,
  "planDocument.get": IDS_ONLY,
  "planDocument.delete": IDS_ONLY,
  "case.document": IDS_ONLY,
  "case.linkSubject": IDS_ONLY,
  "case.close": IDS_ONLY,
  "dashboard.overview": `${IDS_AND_DATES}; the rest are enums`,
  "dashboard.unit": IDS_ONLY,
  "dashboard.trends": `${IDS_AND_DATES}; the rest are enums`,
  "dashboard.assessments": `${IDS_AND_DATES}; the rest are enums`,
  "notification.markRead": IDS_ONLY,
  "meeting.list": IDS_ONLY,
  "meeting.byId": IDS_ONLY,
  "meeting.page": IDS_ONLY,
  "meeting.ics": IDS_ONLY,
  "meeting.respond": `${IDS_ONLY}; the answer is an enum`,
  "meeting.removeAgendaItem": IDS_ONLY,
  "meeting.reorderAgenda": IDS_ONLY,
  "meeting.recordAttendance": IDS_ONLY,
  "meeting.completeTask": IDS_ONLY,
  "user.setActive": IDS_ONLY,
  "user.byId": IDS_ONLY,
  "user.deactivate": IDS_ONLY,
  "user.reactivate": IDS_ONLY,
  "user.resetSecondFactor": IDS_ONLY,
};

// ---------------------------------------------------------------------------------------------
// Running one procedure.

/** What a failure message shows as it is; everything else (controls, invisible and combining characters, lone surrogates) is escaped. */
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S} ]$/u;
/** A string as it can be read in a failure message: unambiguous, long ones cut. */
function escaped(text: string, limit = 80): string {
  const head = text.length > limit ? text.slice(0, limit - 20) : text;
  let out = "";
  for (const char of head) {
    out += VISIBLE.test(char) && char !== "\\" ? char : [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
  }
  return text.length > limit ? `"${out}…" (${text.length} code units)` : `"${out}"`;
}
/** What a cursor (base64url JSON) says. */
function decodedCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  try {
    return show(JSON.parse(text));
  } catch {
    return escaped(text, 200);
  }
}
function show(value: unknown): string {
  if (typeof value === "string") return escaped(value);
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`;
  return String(value);
}
/** Prisma's messages quote the call site over many lines; the cause is the last line. */
const lastLine = (message: string) =>
  message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? "";
const stackOf = (error: unknown) =>
  [
    error instanceof Error ? `${error.name}: ${lastLine(error.message)}` : String(error),
    ...(error instanceof Error ? (error.stack ?? "") : "").split("\n").filter((line) => line.trim().startsWith("at ")),
  ]
    .slice(0, 8)
    .map((line) => `      ${line}`)
    .join("\n");

interface Shot {
  label: string;
  values: Record<string, string>;
  control?: boolean;
}

const isTyped = (kind: Kind) => kind === "text";
/** Kinds of field that are stored as sent (or trimmed). */
const ROUND_TRIP: Kind[] = ["text", "email", "url"];

/**
 * The inputs of one procedure: plain Norwegian in every text field (which must be accepted), then
 * for each field U+0000, a lone surrogate and its length limit, then the named specials spread
 * over the fields (every fourth in all of them at once), then random ones.
 */
function shotsFor(c: FuzzCase<unknown>, leaves: Map<string, Leaf>, rng: Rng): Shot[] {
  const names = Object.keys(c.fields);
  const shots: Shot[] = [{ label: "control: Norwegian", control: true, values: Object.fromEntries(names.filter((n) => isTyped(c.fields[n])).map((n) => [n, NORWEGIAN])) }];
  const one = (label: string, field: string, text: string) => shots.push({ label: `${label} in ${field}`, values: { [field]: shape(c.fields[field], text, rng) } });
  const all = (label: string, text: string) => shots.push({ label: `${label} in every field`, values: Object.fromEntries(names.map((n) => [n, shape(c.fields[n], text, rng)])) });
  names.forEach((field, i) => {
    one("U+0000", field, `Kari\u0000${NORWEGIAN}`);
    one("lone surrogate", field, pick(rng, ["\uD83D", "\uDE00 etter", `før ${NORWEGIAN}\uDBFF`]));
    const max = leaves.get(field)?.maxLength;
    // At the limit in UTF-16 code units (astral characters count two, PostgreSQL counts one):
    // what zod lets through must fit the column. Past it, the 100,000-character inputs below.
    if (max && c.fields[field] !== "cursor" && c.fields[field] !== "base64") one(`${max} code units`, field, i % 2 ? toLength("ø", max) : toLength("😀", max));
  });
  SPECIALS.slice(0, c.specials ?? SPECIALS.length).forEach(([label, text], i) => (i % 4 === 3 ? all(label, text) : one(label, names[i % names.length], text)));
  for (let i = 0; i < RANDOM_INPUTS; i++) {
    const text = randomText(rng);
    if (i % 3 === 2) all(`random #${i}`, text);
    else one(`random #${i}`, names[i % names.length], text);
  }
  return shots;
}

let ipCounter = 1;
const nextIp = () => {
  const n = ipCounter++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** A fresh session from a fresh address, so no limit per session or address is what answers. */
async function sessionCaller(userId: string): Promise<Caller> {
  const ip = nextIp();
  const { token } = await createSession(prisma(), userId, { ip, userAgent: "vitest-fuzz" });
  const auth = await validateSessionToken(prisma(), token);
  if (!auth) throw new Error("session did not validate");
  return createCaller(createContextInner({ db: t.db, auth, meta: { ip, userAgent: "vitest-fuzz" } }));
}

function procedureOf(caller: Caller, path: string) {
  const [area, name] = path.split(".");
  return (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[area][name];
}

/** Rows in every table (but the audit log and sign-in attempts), and the audit log's changes. */
let snapshotSql: string | undefined;
async function snapshot(): Promise<Record<string, number>> {
  if (!snapshotSql) {
    const tables = await t.db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'AuditEvent', 'LoginAttempt') ORDER BY tablename`,
    );
    snapshotSql = `SELECT ${tables.map(({ tablename }) => `(SELECT count(*)::int FROM "${tablename}") AS "${tablename}"`).join(", ")},
      (SELECT count(*)::int FROM "AuditEvent" WHERE kind::text <> 'READ' AND kind::text <> 'SIGN_IN') AS "AuditEvent (changes)"`;
  }
  const [row] = await t.db.query<Record<string, number>>(snapshotSql);
  return row;
}
const differences = (before: Record<string, number>, after: Record<string, number>) =>
  Object.keys(after)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]} → ${after[table]}`);

/** What an accepted field must be stored as: what was sent, or that trimmed; a blank one may be stored as anything storable. */
function storedProblem(field: string, sent: string, stored: string | null | undefined, contained: boolean): string | null {
  if (typeof stored === "string" && hasUnstorableCharacters(stored)) return `${field} was stored with U+0000 or a lone surrogate: ${escaped(stored)}`;
  if (typeof stored === "string" && stored.includes("\uFFFD") && !sent.includes("\uFFFD")) return `${field} was stored with U+FFFD that was not sent: ${escaped(stored)}`;
  if (!sent.trim()) return null;
  if (stored === null || stored === undefined) return `${field} was accepted but not stored`;
  const ok = contained ? stored.includes(sent) || stored.includes(sent.trim()) : stored === sent || stored === sent.trim();
  return ok ? null : `${field} did not round-trip: sent ${escaped(sent)}, stored ${escaped(stored)}`;
}

/** A URL as the WHATWG parser (and so zod's z.url()) reads it: without tabs and line breaks, trimmed. */
const asUrl = (sent: string) => sent.replace(/[\t\n\r]/g, "").trim();
function storedUrlProblem(field: string, sent: string, stored: string | null | undefined): string | null {
  return storedProblem(field, asUrl(sent), stored, false);
}

interface Tally {
  accepted: number;
  refused: Record<string, number>;
}

async function fuzzProcedure(path: string, c: FuzzCase<unknown>): Promise<{ failures: string[]; tally: Tally; controlAccepted: boolean }> {
  const isQuery = procedures()[path]._def.type === "query";
  const leaves = stringLeaves(path);
  const rng = seeded(SEED ^ hashOf(path));
  const w = await createPlanWorld(t.db);
  const s = (await c.setup?.(w)) ?? {};
  const failures: string[] = [];
  const tally: Tally = { accepted: 0, refused: {} };
  let controlAccepted = false;
  let caller: Caller | undefined;
  let uses = 0;

  const shots = shotsFor(c, leaves, rng);
  for (const [index, shot] of shots.entries()) {
    const fixture = { ...s, ...(await c.each?.(w, s)) };
    await c.before?.(w, fixture, shot.values);
    if (c.caller) caller = c.caller(fixture, nextIp());
    else if (c.who === "anonymous") caller = anonymousCaller(t.db, nextIp());
    else if (!caller || uses >= 10) {
      caller = await sessionCaller(w.people[c.who].id);
      uses = 0;
    }
    uses++;
    const text = ((field: string, fallback?: string) => {
      if (!(field in c.fields)) throw new Error(`${path}: the input builder asks for ${field}, which is not in its fields`);
      return field in shot.values ? shot.values[field] : fallback;
    }) as Text;
    const input = await c.input(w, fixture, text);
    const tables = await snapshot();
    const probe = await c.probe?.(w, fixture);

    let result: unknown;
    let refusal: string | null = null;
    const problems: string[] = [];
    try {
      result = await procedureOf(caller, path)(input);
    } catch (error) {
      if (!(error instanceof TRPCError)) {
        refusal = "not a TRPCError";
        problems.push(`threw an error that is not a TRPCError:\n${stackOf(error)}`);
      } else {
        refusal = error.code;
        const status = getHTTPStatusCodeFromError(error);
        if (status < 400 || status >= 500) problems.push(`answered ${error.code} (${status}): ${lastLine(error.message)}\n${stackOf(error.cause ?? error)}`);
      }
    }

    const changed = differences(tables, await snapshot());
    if (refusal !== null) {
      tally.refused[refusal] = (tally.refused[refusal] ?? 0) + 1;
      if (changed.length) problems.push(`refused (${refusal}) but half-written: ${changed.join(", ")}`);
      if (c.probe && JSON.stringify(await c.probe(w, fixture)) !== JSON.stringify(probe)) problems.push(`refused (${refusal}) but changed what it writes (probe)`);
      if (shot.control) problems.push(`the control input (ordinary Norwegian) was refused: ${refusal}`);
    } else {
      tally.accepted++;
      if (shot.control) controlAccepted = true;
      if (isQuery && changed.length) problems.push(`a query changed tables: ${changed.join(", ")}`);
      if (c.stored) {
        const stored = (await c.stored(w, fixture, result)) as Record<string, unknown>;
        for (const [field, sent] of Object.entries(shot.values)) {
          // Times, cursors and the like are parsed, not kept as sent.
          if (!ROUND_TRIP.includes(c.fields[field]) || !(field in stored)) continue;
          const value = stored[field];
          const problem =
            value !== null && value !== undefined && typeof value !== "string"
              ? `${field} was stored as ${show(value)}, not as text`
              : c.fields[field] === "url"
                ? storedUrlProblem(field, sent, value)
                : storedProblem(field, sent, value, c.containedIn?.includes(field) ?? false);
          if (problem) problems.push(problem);
        }
      }
      const problem = await c.verify?.(w, fixture, shot.values, result);
      if (problem) problems.push(problem);
      if (c.endsSessions) caller = undefined;
    }
    if (problems.length) {
      // A cursor is base64url: say what it says.
      const decoded = Object.entries(shot.values)
        .filter(([field]) => c.fields[field] === "cursor")
        .map(([field, value]) => `\n    ${field} decodes to ${decodedCursor(value)}`)
        .join("");
      failures.push(`${path} #${index} (${shot.label}) by ${c.who}, seed ${SEED}:\n    input: ${show(input)}${decoded}\n    ${problems.join("\n    ")}`);
    }
  }
  return { failures, tally, controlAccepted };
}

// ---------------------------------------------------------------------------------------------

describe("the table", () => {
  it("names every procedure that takes a string, and each of its free-text fields", () => {
    // A lazy router's procedures would not be listed until loaded.
    expect(Object.keys(appRouter._def.lazy)).toEqual([]);
    const withStrings = Object.keys(procedures()).filter((path) => stringLeaves(path).size > 0);
    expect(withStrings.length).toBeGreaterThan(50);
    const named = [...Object.keys(CASES), ...Object.keys(NO_FREE_TEXT)];
    expect(new Set(named).size, "a procedure is both fuzzed and listed as having no free text").toBe(named.length);
    expect(named.sort(), "procedures taking strings, fuzzed or listed with a reason").toEqual(withStrings.sort());
    for (const path of Object.keys(NO_FREE_TEXT)) {
      const text = [...stringLeaves(path)].filter(([, leaf]) => leaf.sort === "text").map(([field]) => field);
      expect(text, `${path} is listed as having no free text`).toEqual([]);
    }
    for (const [path, c] of Object.entries(CASES)) {
      const text = [...stringLeaves(path)].filter(([, leaf]) => leaf.sort === "text").map(([field]) => field);
      expect(Object.keys(c.fields).sort(), `${path}: the fields fuzzed are its free-text fields`).toEqual(text.sort());
    }
  });
});

describe.each(Object.entries(CASES) as [string, FuzzCase<unknown>][])("%s", (path, c) => {
  it("answers random Unicode with success or a 4xx, and stores all or nothing", async () => {
    const { failures, tally, controlAccepted } = await fuzzProcedure(path, c);
    const answered = tally.accepted + Object.values(tally.refused).reduce((a, b) => a + b, 0);
    if (process.env.FUZZ_VERBOSE) console.log(`${path}: ${answered} inputs, ${tally.accepted} accepted, refused ${show(tally.refused)}`);
    expect(failures.length, `seed ${SEED} (FUZZ_SEED=${SEED} repeats it); ${failures.length} failing inputs:\n\n${failures.join("\n\n")}\n`).toBe(0);
    expect(controlAccepted, `${path}: ordinary Norwegian text must be accepted, or the fuzzing tests nothing`).toBe(true);
    // Mostly real answers, not the rate limit's.
    expect(tally.refused.TOO_MANY_REQUESTS ?? 0, `${path}: ${show(tally)}`).toBeLessThan(answered / 4);
  });
});

describe("texts the server makes from fuzzed texts", () => {
  it("keeps whole characters when a meeting's agenda quotes the log (excerpts are cut at 120 code units)", async () => {
    const w = await createPlanWorld(t.db);
    const rng = seeded(SEED ^ hashOf("agenda excerpts"));
    // The excerpt keeps 119 code units: an astral character starting at 118 is cut in two.
    const bodies = ["a".repeat(118) + "😀 og mer tekst her", "ø".repeat(117) + " 👩\u200D👩\u200D👧 familien"];
    for (let i = 0; i < 4; i++) bodies.push(`${"æ".repeat(between(rng, 110, 119))}${pick(rng, ["😀", "𝔘", "🇳🇴", "\u{1F9FF}"]).repeat(4)} slutt`);
    for (const body of bodies) await w.callers.relativeWithConsent.log.create({ planId: w.plan.id, body });
    // Scheduling the next meeting builds its agenda from those entries.
    const scheduled = await w.callers.coordinator.meeting
      .create({ planId: w.plan.id, startsAt: inHours(48), durationMinutes: 60, location: "Helsehuset" })
      .then(
        (meeting) => ({ meetingId: meeting.id, error: null }),
        (error: unknown) => ({ meetingId: null, error }),
      );
    const ends = bodies.map((body) => `…${escaped(body.slice(110))}`).join(", ");
    expect(
      scheduled.error === null,
      `seed ${SEED}: meeting.create after log entries ending ${ends} failed:\n${stackOf(scheduled.error instanceof TRPCError ? (scheduled.error.cause ?? scheduled.error) : scheduled.error)}`,
    ).toBe(true);
    const items = await prisma().agendaItem.findMany({ where: { meetingId: scheduled.meetingId!, sourceType: "log" } });
    expect(items).toHaveLength(bodies.length);
    const broken = items.filter((i) => i.title.includes("\uFFFD") || hasUnstorableCharacters(i.title)).map((i) => escaped(i.title.slice(-20)));
    expect(broken, `seed ${SEED}: agenda titles with a character cut in two (stored as U+FFFD)`).toEqual([]);
  });
});

describe("over HTTP", () => {
  it("answers a JSON body with \\u0000 or a lone surrogate with 400, and writes nothing", async () => {
    const w = await createPlanWorld(t.db);
    const server = await startServer(t.db);
    try {
      const { token } = await createSession(prisma(), w.people.relativeWithConsent.id, { ip: "127.0.0.1", userAgent: "vitest-fuzz" });
      const post = (body: string) =>
        fetch(`${server.origin}/api/trpc/log.create`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.origin, cookie: `${SESSION_COOKIE}=${token}` },
          body,
        });
      // The same request with ordinary text is accepted: the session and origin are right.
      const ok = await post(`{"planId":"${w.plan.id}","body":"Ukas notat, æøå"}`);
      expect(ok.status, await ok.clone().text()).toBe(200);

      // The escapes are in the JSON text, so JSON.parse makes the characters on the server.
      const bodies = [
        `{"planId":"${w.plan.id}","body":"før\\u0000etter \\ud800"}`,
        `{"planId":"${w.plan.id}","body":"før\\u0000etter"}`,
        `{"planId":"${w.plan.id}","body":"\\ud800"}`,
        `{"planId":"${w.plan.id}","body":"slutt \\udc00"}`,
        `{"planId":"${w.plan.id}","body":"Hei","\\ud800":"\\u0000"}`,
      ];
      for (const body of bodies) {
        const before = await snapshot();
        const res = await post(body);
        const text = await res.text();
        expect(res.status, `${body} → ${text}`).toBe(400);
        expect(JSON.parse(text).error.data.code).toBe("BAD_REQUEST");
        expect(text).not.toMatch(/stack|\.ts:\d+/);
        expect(differences(before, await snapshot()), body).toEqual([]);
      }

      // A query's input in the URL, the same (the coordinator may search; ordinary text is a 200).
      const coordinator = await createSession(prisma(), w.people.coordinator.id, { ip: "127.0.0.1", userAgent: "vitest-fuzz" });
      const search = (json: string) =>
        fetch(`${server.origin}/api/trpc/participant.candidates?input=${encodeURIComponent(json)}`, { headers: { cookie: `${SESSION_COOKIE}=${coordinator.token}` } });
      const plain = await search(`{"planId":"${w.plan.id}","query":"Per"}`);
      expect(plain.status, await plain.clone().text()).toBe(200);
      const query = await search(`{"planId":"${w.plan.id}","query":"Pe\\u0000r \\ud800"}`);
      expect(query.status, await query.clone().text()).toBe(400);
    } finally {
      await server.close();
    }
  });
});
