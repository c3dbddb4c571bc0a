import { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import { events } from "../events.ts";
import { selfPolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password.ts";
import { limitedAttempt, normaliseEmail } from "./rate-limit.ts";
import { createSession, invalidateUserSessions, sessionUserOf, type SessionUser } from "./sessions.ts";

export const loginInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(200),
});

/**
 * Signs a person in. Whatever goes wrong, the answer is the same "wrong e-mail or
 * password", so nobody learns which e-mail addresses have accounts. A refused sign-in is itself
 * recorded (one statement); a successful one opens the session and records it in one transaction.
 */
export async function login(prisma: PrismaClient, input: z.infer<typeof loginInput>, meta: RequestMeta) {
  const emailKey = normaliseEmail(input.email);
  const ip = meta.ip ?? "unknown";
  const user = await prisma.user.findUnique({ where: { email: emailKey }, include: { roles: true, municipality: { select: { name: true } } } });
  const outcome = await limitedAttempt(prisma, emailKey, ip, () =>
    user?.active && user.passwordHash ? verifyPassword(user.passwordHash, input.password) : verifyAgainstDummy(input.password),
  );
  if (outcome === "blocked") {
    await recordAudit(prisma, { action: "auth.login_blocked", details: { email: emailKey }, meta });
    throw new DomainError("TOO_MANY_REQUESTS", "auth.rateLimited");
  }
  if (!user || outcome !== "ok") {
    await recordAudit(prisma, {
      action: "auth.login_failed",
      municipalityId: user?.municipalityId,
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { email: emailKey },
      meta,
    });
    throw new DomainError("UNAUTHORIZED", "auth.invalidCredentials");
  }
  const { token, session } = await write(prisma, sessionUserOf(user), meta, selfPolicy, "auth.login", async (tx) => ({
    result: await createSession(tx, user.id, meta),
  }));
  return { token, expiresAt: session.expiresAt };
}

export async function logout(prisma: PrismaClient, actor: SessionUser, sessionId: string, meta: RequestMeta) {
  await write(prisma, actor, meta, selfPolicy, "auth.logout", async (tx) => {
    await tx.session.deleteMany({ where: { id: sessionId } });
    return { result: null };
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: [sessionId] });
}

/**
 * Changes the password, ends every session of the account, and opens a fresh one for this browser.
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
    return { result: await createSession(tx, actor.id, meta) };
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: "all" });
  return { token, expiresAt: session.expiresAt };
}
