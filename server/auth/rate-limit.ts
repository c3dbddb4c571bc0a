import type { Tx } from "../db/types.ts";

// Failed logins are limited per e-mail typed (guessing one account's password) and per IP
// (trying many accounts). Counted in PostgreSQL so every instance sees the same numbers.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function isLoginBlocked(tx: Tx, emailKey: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [perAccount, perIp] = await Promise.all([
    tx.loginAttempt.count({ where: { emailKey, success: false, createdAt: { gt: since } } }),
    tx.loginAttempt.count({ where: { ip, success: false, createdAt: { gt: since } } }),
  ]);
  return perAccount >= MAX_FAILURES_PER_ACCOUNT || perIp >= MAX_FAILURES_PER_IP;
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
