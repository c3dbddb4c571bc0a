import { setTimeout as sleep } from "node:timers/promises";
import type { Tx } from "../db/types.ts";

// Wrong passwords, counted in PostgreSQL so every instance sees the same numbers, over 15 minutes:
// - per account and IP: 5, then that IP may not try that account again (someone guessing);
// - per IP: 30, then that IP may not try at all (someone trying many accounts);
// - per account from anywhere: from 5 on, every answer is slowed (1 s more per failure, at most
//   10 s), and only at 100 is the account closed to passwords. So a stranger who types wrong
//   passwords from elsewhere slows the person down but does not lock them out; sign-in through
//   the identity provider (ID-porten/HelseID) never consults these counts. docs/security.md.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 30;
export const SLOW_AFTER_ACCOUNT_FAILURES = 5;
export const MAX_FAILURES_PER_ACCOUNT = 100;
const SLOWDOWN_STEP_MS = 1000;
const MAX_SLOWDOWN_MS = 10_000;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface LoginLimit {
  blocked: boolean;
  /** How long to wait before checking the password. */
  delayMs: number;
}

export async function loginLimit(tx: Tx, key: string, ip: string, now = new Date()): Promise<LoginLimit> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const failed = { success: false, createdAt: { gt: since } };
  const [pair, perIp, perAccount] = await Promise.all([
    tx.loginAttempt.count({ where: { emailKey: key, ip, ...failed } }),
    tx.loginAttempt.count({ where: { ip, ...failed } }),
    tx.loginAttempt.count({ where: { emailKey: key, ...failed } }),
  ]);
  const blocked = pair >= MAX_FAILURES_PER_ACCOUNT_AND_IP || perIp >= MAX_FAILURES_PER_IP || perAccount >= MAX_FAILURES_PER_ACCOUNT;
  const over = perAccount - SLOW_AFTER_ACCOUNT_FAILURES + 1;
  return { blocked, delayMs: over > 0 ? Math.min(over * SLOWDOWN_STEP_MS, MAX_SLOWDOWN_MS) : 0 };
}

/** Waits as long as the limit says, then tells whether to refuse without checking the password. */
export async function awaitLoginLimit(tx: Tx, key: string, ip: string): Promise<boolean> {
  const limit = await loginLimit(tx, key, ip);
  if (limit.blocked) return true;
  if (limit.delayMs) await sleep(limit.delayMs);
  return false;
}

export async function recordLoginAttempt(tx: Tx, emailKey: string, ip: string, success: boolean, now = new Date()) {
  if (success) {
    // A successful sign-in clears the account's count; the IP's count stays.
    await tx.loginAttempt.deleteMany({ where: { emailKey, success: false } });
  }
  await tx.loginAttempt.create({ data: { emailKey, ip, success, createdAt: now } });
  // Keep the table small: rows older than a day are never counted again.
  if (Math.random() < 0.01) {
    await tx.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
  }
}
