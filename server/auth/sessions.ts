import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { readCookie } from "../http/cookies.ts";
import { unreadCount } from "../notifications/unread.ts";
import type { Role } from "../../app/domain/schemas.ts";

// Sessions as in the Lucia guide: the cookie holds a random token, the database only its
// SHA-256. 30 days of validity, renewed when less than half is left (sliding expiry).
export const SESSION_COOKIE = "ip_session";
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export interface SessionUser {
  id: string;
  name: string;
  /** Empty for someone who signs in only through an identity provider. */
  email: string | null;
  municipalityId: string;
  municipalityName: string;
  roles: Role[];
  /** The unit whose coordinators a UNIT_LEADER oversees. */
  leadsUnitId: string | null;
  /** The session acting (null while signing in): a purpose stated for a plan holds for it. */
  sessionId: string | null;
}

export interface ValidSession {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when the expiry moved and the cookie must be sent again. */
  renewed: boolean;
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Opens a session; `providerId` names the identity provider it came through (signing out ends it there too). */
export async function createSession(prisma: Tx, userId: string, meta: SessionMeta = {}, now = new Date(), providerId: string | null = null) {
  const token = generateSessionToken();
  const session = await prisma.session.create({
    data: {
      id: sessionIdFromToken(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      providerId,
    },
  });
  return { token, session };
}

/**
 * Returns the session, its user and how many of their notices are unread (the count in every
 * page's header, read here so a page costs one statement less: decision 053), or null when the
 * token is unknown, expired or the account is disabled.
 */
export async function validateSessionToken(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<{ session: ValidSession; user: SessionUser; unread: number } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const [row] = await sessionRow(prisma, id);
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime() || !row.active) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    renewed = true;
    await prisma.session.update({ where: { id }, data: { expiresAt } });
  }
  const user = { ...row, municipality: { name: row.municipalityName } };
  return { session: { id, userId: row.id, expiresAt, renewed }, user: sessionUserOf(user, id), unread: row.unread };
}

/**
 * The session with its person, their roles, municipality's name and unread notices. Every
 * signed-in request asks this, so it is one statement Prisma passes on as written (decision
 * 051): through its query builder the same read cost the portal about three times the CPU.
 */
function sessionRow(prisma: PrismaClient, id: string) {
  return prisma.$queryRaw<
    { expiresAt: Date; active: boolean; id: string; name: string; email: string | null; municipalityId: string; municipalityName: string; roles: { role: Role; unitId: string | null }[]; unread: number }[]
  >`
    SELECT s."expiresAt", u.active, u.id, u.name, u.email, u."municipalityId", m.name AS "municipalityName",
      COALESCE((SELECT json_agg(json_build_object('role', r.role, 'unitId', r."unitId")) FROM "UserRole" r WHERE r."userId" = u.id), '[]') AS roles,
      ${unreadCount(Prisma.raw("u.id"), Prisma.raw('u."municipalityId"'))} AS unread
    FROM "Session" s JOIN "User" u ON u.id = s."userId" JOIN "Municipality" m ON m.id = u."municipalityId"
    WHERE s.id = ${id}`;
}

/** Whether a session still holds (not ended, not expired, account active): for connections opened earlier. */
export async function isSessionActive(prisma: PrismaClient, sessionId: string, now = new Date()): Promise<boolean> {
  const row = await prisma.session.findUnique({ where: { id: sessionId }, select: { expiresAt: true, user: { select: { active: true } } } });
  return Boolean(row && row.expiresAt.getTime() > now.getTime() && row.user.active);
}

/** The signed-in person as services see them, from their account row. */
export function sessionUserOf(
  user: {
    id: string;
    name: string;
    email: string | null;
    municipalityId: string;
    municipality: { name: string };
    roles: { role: Role; unitId: string | null }[];
  },
  sessionId: string | null = null,
): SessionUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    municipalityId: user.municipalityId,
    municipalityName: user.municipality.name,
    roles: user.roles.map((r) => r.role),
    leadsUnitId: user.roles.find((r) => r.role === "UNIT_LEADER")?.unitId ?? null,
    sessionId,
  };
}

export async function invalidateSession(prisma: Tx, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user, except optionally the one making the request. */
export async function invalidateUserSessions(prisma: Tx, userId: string, exceptSessionId?: string) {
  await prisma.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

export function readSessionToken(cookieHeader: string | undefined): string | null {
  return readCookie(cookieHeader, SESSION_COOKIE) || null;
}
