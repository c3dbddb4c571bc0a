import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Tx } from "../db/types.ts";
import { readCookie } from "../http/cookies.ts";

// A password sign-in waiting for its second factor (docs/security.md): the browser holds a random
// token in an HttpOnly cookie, the database only its SHA-256, for five minutes. It is no session:
// it opens nothing but the second step, and it is deleted when used.
export const PENDING_SIGN_IN_COOKIE = "ip_pending_sign_in";
export const PENDING_SIGN_IN_LIFETIME_MS = 5 * 60 * 1000;

/** The pending sign-in's cookie, as a procedure reads and writes it (HTTP, a Remix action, a test). */
export interface PendingSignInCookie {
  /** The token the request carried, or null. */
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export const noPendingSignInCookie: PendingSignInCookie = { token: null, set() {}, clear() {} };

const pendingIdOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function createPendingSignIn(tx: Tx, userId: string, redirectTo: string | null, now = new Date()) {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_LIFETIME_MS);
  // Expired ones are never used again; this keeps the table small.
  await tx.pendingSignIn.deleteMany({ where: { expiresAt: { lt: now } } });
  await tx.pendingSignIn.create({ data: { id: pendingIdOf(token), userId, redirectTo, expiresAt } });
  return { token, expiresAt };
}

/** The pending sign-in the token names, or null when there is none or it has run out (then it is deleted). */
export async function findPendingSignIn(tx: Tx, token: string | null, now = new Date()) {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const row = await tx.pendingSignIn.findUnique({ where: { id: pendingIdOf(token) } });
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await tx.pendingSignIn.deleteMany({ where: { id: row.id } });
    return null;
  }
  return row;
}

/** Uses the pending sign-in up: true only for the one caller that deleted it. */
export async function consumePendingSignIn(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.pendingSignIn.deleteMany({ where: { id, expiresAt: { gt: new Date() } } });
  return count === 1;
}

export function serializePendingSignInCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [`${PENDING_SIGN_IN_COOKIE}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/", `Expires=${expiresAt.toUTCString()}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export function serializeBlankPendingSignInCookie(secure: boolean): string {
  return [`${PENDING_SIGN_IN_COOKIE}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

/** The cookie of an Express request and response (the API and the pages alike). */
export function pendingSignInCookieOf(
  req: { headers: { cookie?: string }; secure: boolean },
  res: { append(name: string, value: string): unknown },
): PendingSignInCookie {
  return {
    token: readCookie(req.headers.cookie, PENDING_SIGN_IN_COOKIE) || null,
    set: (token, expiresAt) => res.append("Set-Cookie", serializePendingSignInCookie(token, expiresAt, req.secure)),
    clear: () => res.append("Set-Cookie", serializeBlankPendingSignInCookie(req.secure)),
  };
}
