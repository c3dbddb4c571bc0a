import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";

// Wrong passwords, counted in PostgreSQL so every instance sees the same numbers, over 15 minutes:
// - per account and IP, since that IP's last success: 5, then that IP may not try that account
//   again (someone guessing);
// - per IP: 30, then that IP may not try at all (someone trying many accounts);
// - per account from anywhere, since its last success: from 5 on, every answer is slowed (1 s more
//   per failure, at most 10 s), and only at 100 is the account closed to passwords. So a stranger
//   who types wrong passwords from elsewhere slows the person down but does not lock them out;
//   sign-in through the identity provider (ID-porten/HelseID) never consults these counts.
// The check, the password's verification and the count are one step per account and IP (an
// advisory lock), so attempts sent at once cannot all pass the check before any is counted.
// docs/security.md.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 30;
export const SLOW_AFTER_ACCOUNT_FAILURES = 5;
export const MAX_FAILURES_PER_ACCOUNT = 100;
const SLOWDOWN_STEP_MS = 1000;
const MAX_SLOWDOWN_MS = 10_000;

/**
 * An e-mail address as accounts are found and counted by it: trimmed, in lower case; nothing (or
 * only spaces) is null. The one normalisation for sign-in, the limits and the administration.
 */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

export interface LoginLimit {
  blocked: boolean;
  /** How long to wait before checking the password. */
  delayMs: number;
}

async function lastSuccess(tx: Tx, where: { emailKey: string; ip?: string }): Promise<Date | null> {
  const row = await tx.loginAttempt.findFirst({ where: { ...where, success: true }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

const later = (a: Date, b: Date | null) => (b && b > a ? b : a);

/** Limits that differ by what is verified: the second factor stops an account sooner (second-factor.ts). */
export interface LimitOptions {
  /** Failures per account from anywhere before it is closed; MAX_FAILURES_PER_ACCOUNT unless given. */
  maxPerAccount?: number;
}

export async function loginLimit(tx: Tx, key: string, ip: string, options: LimitOptions = {}, now = new Date()): Promise<LoginLimit> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [pairSuccess, accountSuccess] = await Promise.all([lastSuccess(tx, { emailKey: key, ip }), lastSuccess(tx, { emailKey: key })]);
  const [pair, perIp, perAccount] = await Promise.all([
    tx.loginAttempt.count({ where: { emailKey: key, ip, success: false, createdAt: { gt: later(since, pairSuccess) } } }),
    tx.loginAttempt.count({ where: { ip, success: false, createdAt: { gt: since } } }),
    tx.loginAttempt.count({ where: { emailKey: key, success: false, createdAt: { gt: later(since, accountSuccess) } } }),
  ]);
  const blocked =
    pair >= MAX_FAILURES_PER_ACCOUNT_AND_IP || perIp >= MAX_FAILURES_PER_IP || perAccount >= (options.maxPerAccount ?? MAX_FAILURES_PER_ACCOUNT);
  const over = perAccount - SLOW_AFTER_ACCOUNT_FAILURES + 1;
  return { blocked, delayMs: over > 0 ? Math.min(over * SLOWDOWN_STEP_MS, MAX_SLOWDOWN_MS) : 0 };
}

/**
 * One attempt under the limits: waits as long as they say, then, holding the account's and the
 * IP's lock, checks them again, verifies (`verify`) and counts the outcome.
 */
export async function limitedAttempt(
  prisma: PrismaClient,
  key: string,
  ip: string,
  verify: () => Promise<boolean>,
  options: LimitOptions = {},
): Promise<"ok" | "failed" | "blocked"> {
  const first = await loginLimit(prisma, key, ip, options);
  if (first.blocked) return "blocked";
  // The wait is outside the lock: a slowed account does not hold up anyone else.
  if (first.delayMs) await sleep(first.delayMs);
  return prisma.$transaction(
    async (tx) => {
      // Always the account first, then the IP: two attempts never wait for each other in a circle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:${key}`}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login-ip:${ip}`}))`;
      if ((await loginLimit(tx, key, ip, options)).blocked) return "blocked";
      const ok = await verify();
      await recordLoginAttempt(tx, key, ip, ok);
      return ok ? "ok" : "failed";
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

export async function recordLoginAttempt(tx: Tx, emailKey: string, ip: string, success: boolean, now = new Date()) {
  await tx.loginAttempt.create({ data: { emailKey, ip, success, createdAt: now } });
  // Keep the table small: rows older than a day are never counted again.
  if (Math.random() < 0.01) {
    await tx.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
  }
}
