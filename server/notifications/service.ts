import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import { isNoticeKind, NOTICE_KIND_LIST, noticeKindsFor } from "../../app/domain/notice-kinds.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import { selfPolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { decodeCursor, encodeCursor } from "../records/cursor.ts";
import { unreadCount } from "./unread.ts";

// A person's own notices and their choices about e-mail. Nobody else's are ever reachable.

export const myNotificationsInput = z
  .object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).default(30) })
  .default({ limit: 30 });

/** The person's notices, newest first, paged with a cursor; and how many are unread. */
export async function listMyNotifications(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof myNotificationsInput>) {
  const mine = { userId: actor.id, municipalityId: actor.municipalityId };
  const after = decodeCursor(input.cursor);
  const [rows, { unread }] = await Promise.all([
    prisma.notification.findMany({
      where: { ...mine, ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    countMyUnread(prisma, actor),
  ]);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, unread, nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/**
 * How many of the person's notices are unread. The pages have this count from the session
 * read (decision 053); one statement, passed on as written (decision 051).
 */
export async function countMyUnread(prisma: PrismaClient, actor: SessionUser) {
  const [{ unread }] = await prisma.$queryRaw<[{ unread: number }]>`SELECT ${unreadCount(Prisma.sql`${actor.id}`, Prisma.sql`${actor.municipalityId}`)} AS unread`;
  return { unread };
}

export const markReadInput = z.object({ ids: z.array(id).max(200).optional() });

/** Marks the given (or all) of the caller's own notifications as read. */
export async function markNotificationsRead(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof markReadInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, selfPolicy, "notification.read", async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: actor.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
      data: { readAt: new Date() },
    });
    return { result: { count }, target: { type: "user", id: actor.id }, details: { count } };
  });
}

/** The kinds this person can get, and which of them come by e-mail. */
export async function getNotificationSettings(prisma: PrismaClient, actor: SessionUser) {
  const stored = await prisma.notificationPreference.findUnique({ where: { userId: actor.id } });
  const available = noticeKindsFor(actor.roles);
  const email = stored ? stored.emailKinds.filter(isNoticeKind) : NOTICE_KIND_LIST;
  return { available, emailKinds: available.filter((k) => email.includes(k)), digest: stored?.digest ?? false };
}

export const notificationSettingsInput = z.object({
  emailKinds: z.array(z.string().refine(isNoticeKind, "unknownNoticeKind")).max(NOTICE_KIND_LIST.length),
  digest: z.boolean(),
});

export async function updateNotificationSettings(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof notificationSettingsInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, selfPolicy, "notification.settings", async (tx) => {
    // Kinds the person cannot get keep their earlier choice (a role given later starts as chosen).
    const available = new Set(noticeKindsFor(actor.roles));
    const stored = await tx.notificationPreference.findUnique({ where: { userId: actor.id } });
    const others = (stored ? stored.emailKinds : NOTICE_KIND_LIST).filter((k) => !available.has(k as never));
    const emailKinds = [...new Set([...others, ...input.emailKinds.filter((k) => available.has(k as never))])];
    await tx.notificationPreference.upsert({
      where: { userId: actor.id },
      create: { userId: actor.id, emailKinds, digest: input.digest },
      update: { emailKinds, digest: input.digest },
    });
    return { result: { ok: true as const }, target: { type: "user", id: actor.id }, details: { emailKinds, digest: input.digest } };
  });
}
