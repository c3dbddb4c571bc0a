import { z } from "zod";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { events } from "../events.ts";
import { id } from "../plans/schemas.ts";

export interface NewNotification {
  municipalityId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
  planId?: string;
  caseId?: string;
  /** An invitation, change or cancellation of this meeting: the e-mail carries the person's .ics. */
  meetingId?: string;
  /** Same key, same notification: never sent twice, however many workers run the same reminder. */
  dedupeKey?: string;
}

/** Creates notifications, skipping any whose key already exists; returns the ones actually created. */
export async function createNotifications(tx: Tx, items: NewNotification[]) {
  const created = [];
  for (const item of items) {
    // ON CONFLICT DO NOTHING through the unique key: concurrent workers cannot both insert it.
    const rows = await tx.notification.createManyAndReturn({ data: [item], skipDuplicates: true });
    created.push(...rows);
  }
  return created;
}

/** After commit: push to the people's open pages (and e-mail, when configured). */
export function announceNotifications(rows: { id: string; userId: string; title: string; link: string | null }[]) {
  for (const row of rows) events.emit("notification.created", { notificationId: row.id, userId: row.userId, title: row.title, link: row.link });
}

export async function listMyNotifications(prisma: PrismaClient, actor: SessionUser) {
  const [items, unread] = await Promise.all([
    prisma.notification.findMany({
      where: { userId: actor.id, municipalityId: actor.municipalityId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    prisma.notification.count({ where: { userId: actor.id, municipalityId: actor.municipalityId, readAt: null } }),
  ]);
  return { items, unread };
}

export const markReadInput = z.object({ ids: z.array(id).max(200).optional() });

/** Marks the given (or all) of the caller's own notifications as read. */
export async function markNotificationsRead(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof markReadInput>) {
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { count };
}
