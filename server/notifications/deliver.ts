import type { NoticeKind } from "../../app/domain/notice-kinds.ts";
import type { Tx } from "../db/types.ts";
import { events } from "../events.ts";

// Notices are rows, written in the same transaction as what caused them: a person who is away
// finds them when they come back, and nothing is lost if the process stops right after a change.
// Their live arrival and e-mail follow after commit.

export interface NewNotification {
  municipalityId: string;
  userId: string;
  kind: NoticeKind;
  /** Who caused it; null for reminders. Nobody is told about their own actions. */
  actorId?: string | null;
  /** Shown in the portal. E-mails carry only the kind's name and a link (server/notifications/email.ts). */
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

export interface StoredNotification {
  id: string;
  userId: string;
  title: string;
  link: string | null;
}

/** Stores notifications (skipping one's own actions and any whose key exists); returns the ones stored. */
export async function storeNotifications(tx: Tx, items: NewNotification[]): Promise<StoredNotification[]> {
  const stored: StoredNotification[] = [];
  for (const item of items) {
    if (item.actorId && item.actorId === item.userId) continue;
    // ON CONFLICT DO NOTHING through the unique key: concurrent workers cannot both insert it.
    const rows = await tx.notification.createManyAndReturn({ data: [item], skipDuplicates: true, select: { id: true, userId: true, title: true, link: true } });
    stored.push(...rows);
  }
  return stored;
}

/** After commit: push to the people's open pages (and e-mail, when configured). */
export function announceNotifications(rows: StoredNotification[]): void {
  for (const row of rows) events.emit("notification.created", { notificationId: row.id, userId: row.userId, title: row.title, link: row.link });
}
