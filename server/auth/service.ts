import { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import { events } from "../events.ts";
import { AppError } from "../trpc/errors.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password.ts";
import { isLoginBlocked, normaliseEmail, recordLoginAttempt } from "./rate-limit.ts";
import { createSession, invalidateUserSessions, type SessionUser } from "./sessions.ts";

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
 * password", so nobody learns which e-mail addresses have accounts.
 */
export async function login(prisma: PrismaClient, input: z.infer<typeof loginInput>, meta: RequestMeta) {
  const emailKey = normaliseEmail(input.email);
  const ip = meta.ip ?? "unknown";
  if (await isLoginBlocked(prisma, emailKey, ip)) {
    await recordAudit(prisma, { action: "auth.login_blocked", details: { email: emailKey }, meta });
    throw new AppError("TOO_MANY_REQUESTS", "auth.rateLimited");
  }
  const user = await prisma.user.findUnique({ where: { email: emailKey } });
  const ok = user?.active ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  await recordLoginAttempt(prisma, emailKey, ip, ok);
  if (!user || !ok) {
    await recordAudit(prisma, {
      action: "auth.login_failed",
      municipalityId: user?.municipalityId,
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { email: emailKey },
      meta,
    });
    throw new AppError("UNAUTHORIZED", "auth.invalidCredentials");
  }
  const { token, session } = await createSession(prisma, user.id, meta);
  await recordAudit(prisma, { action: "auth.login", municipalityId: user.municipalityId, actorId: user.id, meta });
  return { token, expiresAt: session.expiresAt };
}

export async function logout(prisma: PrismaClient, actor: SessionUser, sessionId: string, meta: RequestMeta) {
  await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: sessionId } });
    await recordAudit(tx, { action: "auth.logout", municipalityId: actor.municipalityId, actorId: actor.id, meta });
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: [sessionId] });
}

/** Changes the password, ends every session of the account, and opens a fresh one for this browser. */
export async function changePassword(
  prisma: PrismaClient,
  actor: SessionUser,
  input: z.infer<typeof changePasswordInput>,
  meta: RequestMeta,
) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", "auth.wrongCurrentPassword");
  }
  if (input.newPassword === input.currentPassword) throw new AppError("BAD_REQUEST", "auth.samePassword");
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await invalidateUserSessions(tx, actor.id);
    await recordAudit(tx, { action: "auth.password_changed", municipalityId: actor.municipalityId, actorId: actor.id, meta });
  });
  events.emit("auth.sessionsEnded", { userId: actor.id, sessionIds: "all" });
  const { token, session } = await createSession(prisma, actor.id, meta);
  return { token, expiresAt: session.expiresAt };
}
