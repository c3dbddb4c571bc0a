import { z } from "zod";
import { safeRedirect } from "../../app/lib/roles.ts";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import { events } from "../events.ts";
import { selfPolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password.ts";
import { limitedAttempt, normaliseEmail } from "./rate-limit.ts";
import { startSecondFactor, type SecondStep } from "./second-factor.ts";
import { providerSignOutUrl } from "./oidc/sign-in.ts";
import { createSession, invalidateUserSessions, sessionUserOf, type SessionUser } from "./sessions.ts";

export const loginInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  /** Where to go once signed in (a path of the portal; anything else is dropped), kept across the second step. */
  redirectTo: z.string().max(2000).optional(),
});

export type LoginOutcome =
  | { kind: "session"; token: string; expiresAt: Date }
  /** A right password outside the demo municipality: the second step comes next (second-factor.ts). */
  | { kind: "pending"; token: string; expiresAt: Date; step: SecondStep };

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(200),
});

/**
 * Signs a person in. Whatever goes wrong, the answer is the same "wrong e-mail or
 * password", so nobody learns which e-mail addresses have accounts. A refused sign-in is itself
 * recorded (one statement); a successful one opens the session and records it in one transaction,
 * in the demo municipality; elsewhere it leaves a pending sign-in for the second factor.
 *
 * Where the administrator has turned password sign-in off, a right password is refused with its
 * own message and counted as a failure, never as a success; a wrong one gets the usual answer, so
 * the message tells only someone who knows the password that the account exists
 * (docs/security.md).
 */
export async function login(prisma: PrismaClient, input: z.infer<typeof loginInput>, meta: RequestMeta): Promise<LoginOutcome> {
  // Never empty: the input is trimmed and required.
  const emailKey = normaliseEmail(input.email) ?? "";
  const ip = meta.ip ?? "unknown";
  const user = await prisma.user.findUnique({
    where: { email: emailKey },
    include: { roles: true, municipality: { select: { name: true, demo: true, passwordSignIn: true } } },
  });
  let passwordRight = false;
  const outcome = await limitedAttempt(prisma, emailKey, ip, async () => {
    passwordRight = user?.active && user.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    return passwordRight && user!.municipality.passwordSignIn;
  });
  if (outcome === "blocked") {
    await recordAudit(prisma, { action: "auth.login_blocked", details: { email: emailKey }, meta });
    throw new DomainError("TOO_MANY_REQUESTS", "auth.rateLimited");
  }
  const switchedOff = passwordRight && user?.municipality.passwordSignIn === false;
  if (!user || outcome !== "ok") {
    await recordAudit(prisma, {
      action: "auth.login_failed",
      municipalityId: user?.municipalityId,
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { email: emailKey, ...(switchedOff ? { reason: "password-sign-in-off" } : {}) },
      meta,
    });
    if (switchedOff) throw new DomainError("FORBIDDEN", "passwordSignIn.off");
    throw new DomainError("UNAUTHORIZED", "auth.invalidCredentials");
  }
  if (!user.municipality.demo) return { kind: "pending", ...(await startSecondFactor(prisma, user, input.redirectTo ? safeRedirect(input.redirectTo, "/") : null, meta)) };
  const { token, session } = await write(prisma, sessionUserOf(user), meta, selfPolicy, "auth.login", async (tx) => ({
    result: await createSession(tx, user.id, meta),
  }));
  return { kind: "session", token, expiresAt: session.expiresAt };
}

/**
 * Ends this session. When it was made through an identity provider, answers where to send the
 * browser so the provider's session ends too (RP-initiated logout); else null.
 */
export async function logout(prisma: PrismaClient, actor: SessionUser, sessionId: string, meta: RequestMeta): Promise<{ signOutUrl: string | null }> {
  const providerId = await write(prisma, actor, meta, selfPolicy, "auth.logout", async (tx) => {
    const ended = await tx.session.findUnique({ where: { id: sessionId }, select: { providerId: true } });
    await tx.session.deleteMany({ where: { id: sessionId } });
    return { result: ended?.providerId ?? null };
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: [sessionId] });
  const signOutUrl = meta.origin ? await providerSignOutUrl(prisma, providerId, `${meta.origin}/login?utlogget=1`) : null;
  return { signOutUrl };
}

/**
 * Changes the password, ends every session of the account and every sign-in waiting for its
 * second factor, and opens a fresh session for this browser.
 * A wrong current password counts like a failed sign-in (the same limit, keyed to the account) and
 * is recorded, so nobody can guess it from a stolen session.
 */
export async function changePassword(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof changePasswordInput>, meta: RequestMeta) {
  const attemptKey = `password-change:${actor.id}`;
  const ip = meta.ip ?? "unknown";
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  const current = user.passwordHash;
  // Someone who signs in through an identity provider has no password to change.
  if (!current) throw new DomainError("BAD_REQUEST", "auth.noPassword");
  const outcome = await limitedAttempt(prisma, attemptKey, ip, () => verifyPassword(current, input.currentPassword));
  if (outcome === "blocked") {
    await recordAudit(prisma, { action: "auth.login_blocked", municipalityId: actor.municipalityId, actorId: actor.id, details: { during: "password-change" }, meta });
    throw new DomainError("TOO_MANY_REQUESTS", "auth.rateLimited");
  }
  if (outcome === "failed") {
    await recordAudit(prisma, { action: "auth.password_failed", municipalityId: actor.municipalityId, actorId: actor.id, meta });
    throw new DomainError("BAD_REQUEST", "auth.wrongCurrentPassword");
  }
  if (input.newPassword === input.currentPassword) throw new DomainError("BAD_REQUEST", "auth.samePassword");
  const passwordHash = await hashPassword(input.newPassword);
  const { token, session } = await write(prisma, actor, meta, selfPolicy, "auth.password_changed", async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await invalidateUserSessions(tx, actor.id);
    // A sign-in that got past the old password and waits for its code ends too.
    await tx.pendingSignIn.deleteMany({ where: { userId: actor.id } });
    return { result: await createSession(tx, actor.id, meta) };
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: "all" });
  return { token, expiresAt: session.expiresAt };
}
