import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { renderSVG } from "uqr";
import { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, type DomainErrorCode } from "../errors.ts";
import { seal, unseal } from "../identity/protect.ts";
import { selfPolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { consumePendingSignIn, createPendingSignIn, findPendingSignIn } from "./pending-sign-in.ts";
import { limitedAttempt } from "./rate-limit.ts";
import { createSession, sessionUserOf, type SessionUser } from "./sessions.ts";

// The second factor of a password sign-in (docs/security.md): everyone outside the demo
// municipality who signs in with a password gives a code from an authenticator app (TOTP, RFC
// 6238: 30-second steps, 6 digits, one step of drift either way, each step accepted once) or one
// of ten recovery codes (each works once). The first sign-in sets it up. Wrong codes count under
// the sign-in limits (rate-limit.ts), keyed to the account, with a lower hard stop: whoever types
// them already knows the password.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes per account from anywhere in 15 minutes before the second step is closed. */
export const MAX_SECOND_FACTOR_FAILURES_PER_ACCOUNT = 10;
const ISSUER = "Individuell plan";

export const secondFactorCodeInput = z.object({ code: z.string().trim().min(1).max(40) });

const signInUserInclude = { roles: true, municipality: { select: { name: true, demo: true, passwordSignIn: true } } } as const;

async function signInUser(tx: Tx, userId: string) {
  return tx.user.findUnique({ where: { id: userId }, include: signInUserInclude });
}
type SignInUser = NonNullable<Awaited<ReturnType<typeof signInUser>>>;

// ---------------------------------------------------------------------------------------------
// TOTP and recovery codes.

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

const sealKey = (key: Uint8Array) => seal(Buffer.from(key).toString("base64"));
const unsealKey = (sealed: string) => new Uint8Array(Buffer.from(unseal(sealed), "base64"));

/** The key as a person types it into an app: base32 in groups of four. */
export function formatTotpKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The step the code belongs to (now, or one step either side), if it is later than `lastStep`. */
export function matchTotp(key: Uint8Array, code: string, lastStep: number | null, now = new Date()): number | null {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return null;
  const given = new TextEncoder().encode(code);
  const current = stepAt(now);
  let matched: number | null = null;
  // Every candidate is compared, so the time taken does not say which step matched.
  for (const step of [current - 1, current, current + 1]) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS));
    if (constantTimeEqual(expected, given) && (lastStep === null || step > lastStep) && matched === null) matched = step;
  }
  return matched;
}

/** Spaces and dashes as a person may type them: "123 456", "abcde-fghij". */
const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
const isTotpShaped = (code: string) => /^\d+$/.test(code);

export const recoveryCodeHash = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseCode(code))));

/** Ten codes of 50 random bits, shown as "abcde-fghij" (never all digits: those are read as an app's code). */
export function generateRecoveryCodes(): string[] {
  const one = (): string => {
    const bytes = new Uint8Array(7);
    crypto.getRandomValues(bytes);
    const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
    return isTotpShaped(text) ? one() : `${text.slice(0, 5)}-${text.slice(5)}`;
  };
  return Array.from({ length: RECOVERY_CODE_COUNT }, one);
}

/** Replaces every recovery code of the account: the old ones stop working. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })) });
  return codes;
}

/** Takes the code's step as used; false when another sign-in took it (or a later one) first. */
async function takeTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const { count } = await tx.user.updateMany({ where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
  return count === 1;
}

// ---------------------------------------------------------------------------------------------
// The sign-in's second step.

export type SecondStep = "setup" | "code";

/**
 * After a right password outside the demo: no session yet, but a pending sign-in (the caller sets
 * its cookie). Someone without a second factor gets a new key to set up: a key shown earlier and
 * never confirmed is not reused, since whoever saw it may not be this person.
 */
export async function startSecondFactor(prisma: PrismaClient, user: SignInUser, redirectTo: string | null, meta: RequestMeta) {
  const step: SecondStep = user.totpEnabledAt ? "code" : "setup";
  const pending = await write(prisma, sessionUserOf(user), meta, selfPolicy, "auth.password_accepted", async (tx) => {
    if (step === "setup") await tx.user.update({ where: { id: user.id }, data: { totpKeyEnc: sealKey(generateTotpKey()), totpLastStep: null } });
    return { result: await createPendingSignIn(tx, user.id, redirectTo), details: { secondFactor: step } };
  });
  return { ...pending, step };
}

/** The pending sign-in and its person, if both may still sign in with a password. */
async function pendingOf(prisma: PrismaClient, token: string | null) {
  const pending = await findPendingSignIn(prisma, token);
  if (!pending) return null;
  const user = await signInUser(prisma, pending.userId);
  if (!user?.active || !user.passwordHash || !user.municipality.passwordSignIn) return null;
  return { pending, user };
}

export type PendingState = { step: "code" } | { step: "setup"; key: string; uri: string; qrSvg: string };

/** What the second step shows: the key to set up (as text, link and QR code) or the code form; null when nothing is pending. */
export async function pendingSecondFactor(prisma: PrismaClient, token: string | null): Promise<PendingState | null> {
  const found = await pendingOf(prisma, token);
  if (!found) return null;
  const { user } = found;
  if (user.totpEnabledAt) return { step: "code" };
  if (!user.totpKeyEnc) return null;
  const key = unsealKey(user.totpKeyEnc);
  const uri = createTOTPKeyURI(`${ISSUER} (${user.municipality.name})`, user.email ?? user.name, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  return { step: "setup", key: formatTotpKey(key), uri, qrSvg: renderSVG(uri, { border: 2, pixelSize: 6 }) };
}

async function requirePending(prisma: PrismaClient, token: string | null) {
  const found = await pendingOf(prisma, token);
  if (!found) throw new DomainError("UNAUTHORIZED", "secondFactor.expired");
  return found;
}

/**
 * One code under the limits. A wrong one is counted and recorded (`auth.totp_failed`); after the
 * limit every answer is "too many attempts", as for passwords.
 */
async function attemptCode(prisma: PrismaClient, user: SignInUser, meta: RequestMeta, verify: () => Promise<boolean>, wrong: DomainErrorCode = "UNAUTHORIZED") {
  const outcome = await limitedAttempt(prisma, `second-factor:${user.id}`, meta.ip ?? "unknown", verify, {
    maxPerAccount: MAX_SECOND_FACTOR_FAILURES_PER_ACCOUNT,
  });
  if (outcome === "blocked") {
    await recordAudit(prisma, { action: "auth.login_blocked", municipalityId: user.municipalityId, actorId: user.id, details: { during: "second-factor" }, meta });
    throw new DomainError("TOO_MANY_REQUESTS", "auth.rateLimited");
  }
  if (outcome === "failed") {
    await recordAudit(prisma, { action: "auth.totp_failed", municipalityId: user.municipalityId, actorId: user.id, meta });
    throw new DomainError(wrong, "secondFactor.wrongCode");
  }
}

const alreadyUsed = () => new DomainError("UNAUTHORIZED", "secondFactor.wrongCode");

/** The first code from the new key: the second factor is on, ten recovery codes are made, and the session opens. */
export async function confirmSecondFactor(prisma: PrismaClient, token: string | null, input: z.infer<typeof secondFactorCodeInput>, meta: RequestMeta) {
  const { pending, user } = await requirePending(prisma, token);
  if (user.totpEnabledAt || !user.totpKeyEnc) throw new DomainError("BAD_REQUEST", "secondFactor.alreadySetUp");
  const key = unsealKey(user.totpKeyEnc);
  const matched = { step: null as number | null };
  await attemptCode(prisma, user, meta, async () => (matched.step = matchTotp(key, normaliseCode(input.code), user.totpLastStep)) !== null);
  const step = matched.step!;
  return write(prisma, sessionUserOf(user), meta, selfPolicy, "auth.totp_enabled", async (tx) => {
    if (!(await consumePendingSignIn(tx, pending.id))) throw new DomainError("UNAUTHORIZED", "secondFactor.expired");
    if (!(await takeTotpStep(tx, user.id, step))) throw alreadyUsed();
    // Only the key that was shown and confirmed is turned on.
    const { count } = await tx.user.updateMany({ where: { id: user.id, totpKeyEnc: user.totpKeyEnc, totpEnabledAt: null }, data: { totpEnabledAt: new Date() } });
    if (count !== 1) throw new DomainError("UNAUTHORIZED", "secondFactor.expired");
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    const { token: sessionToken, session } = await createSession(tx, user.id, meta);
    return { result: { token: sessionToken, expiresAt: session.expiresAt, recoveryCodes, redirectTo: pending.redirectTo } };
  });
}

/** A code from the app, or a recovery code (once): the session opens. */
export async function verifySecondFactor(prisma: PrismaClient, token: string | null, input: z.infer<typeof secondFactorCodeInput>, meta: RequestMeta) {
  const { pending, user } = await requirePending(prisma, token);
  if (!user.totpEnabledAt || !user.totpKeyEnc) throw new DomainError("BAD_REQUEST", "secondFactor.notSetUp");
  const key = unsealKey(user.totpKeyEnc);
  const code = normaliseCode(input.code);
  const byRecovery = !isTotpShaped(code);
  // Looked up before the attempt: the attempt's transaction holds the embedded database's one
  // connection. Whether it is still unused is settled when it is taken, below.
  const recoveryId = byRecovery
    ? ((await prisma.recoveryCode.findFirst({ where: { userId: user.id, codeHash: recoveryCodeHash(code), usedAt: null }, select: { id: true } }))?.id ?? null)
    : null;
  const matched = { step: null as number | null };
  await attemptCode(prisma, user, meta, async () => (byRecovery ? recoveryId !== null : (matched.step = matchTotp(key, code, user.totpLastStep)) !== null));
  const { step } = matched;
  return write(prisma, sessionUserOf(user), meta, selfPolicy, byRecovery ? "auth.login_recovery" : "auth.login", async (tx) => {
    if (!(await consumePendingSignIn(tx, pending.id))) throw new DomainError("UNAUTHORIZED", "secondFactor.expired");
    if (step !== null && !(await takeTotpStep(tx, user.id, step))) throw alreadyUsed();
    if (recoveryId !== null) {
      const { count } = await tx.recoveryCode.updateMany({ where: { id: recoveryId, usedAt: null }, data: { usedAt: new Date() } });
      if (count !== 1) throw alreadyUsed();
    }
    const recoveryCodesLeft = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    const { token: sessionToken, session } = await createSession(tx, user.id, meta);
    return {
      result: { token: sessionToken, expiresAt: session.expiresAt, redirectTo: pending.redirectTo, byRecovery, recoveryCodesLeft },
      details: { secondFactor: byRecovery ? "recovery-code" : "totp", ...(byRecovery ? { recoveryCodesLeft } : {}) },
    };
  });
}

/**
 * New recovery codes, shown once; the old ones stop working. Only with a code from the app, as at
 * sign-in (counted under the same limits, each step once): a session alone, say one left open,
 * must not be enough to take the way back into the account.
 */
export async function renewRecoveryCodes(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof secondFactorCodeInput>, meta: RequestMeta) {
  const user = await signInUser(prisma, actor.id);
  if (!user?.totpEnabledAt || !user.totpKeyEnc) throw new DomainError("BAD_REQUEST", "secondFactor.notSetUp");
  const key = unsealKey(user.totpKeyEnc);
  const matched = { step: null as number | null };
  // Signed in already: a wrong code is a refused form (400), not "signed out" (401).
  await attemptCode(prisma, user, meta, async () => (matched.step = matchTotp(key, normaliseCode(input.code), user.totpLastStep)) !== null, "BAD_REQUEST");
  const step = matched.step!;
  return write(prisma, actor, meta, selfPolicy, "auth.recovery_codes_renewed", async (tx) => {
    if (!(await takeTotpStep(tx, actor.id, step))) throw new DomainError("BAD_REQUEST", "secondFactor.wrongCode");
    return { result: { recoveryCodes: await replaceRecoveryCodes(tx, actor.id) } };
  });
}

/** What "Min konto" says about signing in: a password or not, and the second factor. */
export async function signInSettings(prisma: PrismaClient, actor: SessionUser) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true, totpEnabledAt: true, municipality: { select: { demo: true, passwordSignIn: true } } },
  });
  return {
    hasPassword: user.passwordHash !== null,
    passwordSignIn: user.municipality.passwordSignIn,
    /** Password sign-in asks for the second factor (everywhere but the demo municipality). */
    secondFactorRequired: !user.municipality.demo,
    secondFactorSince: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt ? await prisma.recoveryCode.count({ where: { userId: actor.id, usedAt: null } }) : 0,
  };
}
