import nodemailer, { type SendMailOptions } from "nodemailer";
import { isNoticeKind, NOTICE_KIND_LIST, noticeKindKey, type NoticeKind } from "../../app/domain/notice-kinds.ts";
import { osloDate } from "../../app/domain/oslo-time.ts";
import type { PrismaClient } from "../db/database.ts";
import { events } from "../events.ts";
import { translate } from "../i18n.ts";
import { invitationIcsForNotification } from "../meetings/email.ts";
import { log } from "../ops/log.ts";

// Notices by e-mail, when SMTP_URL is set. The e-mail names only the kind of notice and links to
// the portal: health information never travels by e-mail, and neither does a person's name.
// Each person chooses in Min konto which kinds come by e-mail and whether one by one or as one
// e-mail a day. A notice is claimed (emailedAt) before it is sent, so it goes at most once
// however many instances run; a failed send gives the claim back for the next sweep.

export type Send = (mail: SendMailOptions) => Promise<unknown>;

export interface MailOptions {
  from: string;
  baseUrl: string;
}

/** What a person wants by e-mail; without a stored choice, every kind one by one. */
export async function emailPreferenceOf(prisma: PrismaClient, userId: string): Promise<{ kinds: Set<NoticeKind>; digest: boolean }> {
  const stored = await prisma.notificationPreference.findUnique({ where: { userId } });
  if (!stored) return { kinds: new Set(NOTICE_KIND_LIST), digest: false };
  return { kinds: new Set(stored.emailKinds.filter(isNoticeKind)), digest: stored.digest };
}

const kindName = (kind: string) => (isNoticeKind(kind) ? translate("nb", noticeKindKey(kind)) : translate("nb", "notifications.title"));

/** Sends one notice by itself, if its person wants it so; true when sent. */
export async function sendNotificationEmail(prisma: PrismaClient, send: Send, notificationId: string, options: MailOptions): Promise<boolean> {
  const notification = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, kind: true, link: true, emailedAt: true, userId: true },
  });
  if (!notification || notification.emailedAt) return false;
  const user = await prisma.user.findUnique({ where: { id: notification.userId }, select: { email: true, active: true } });
  // Someone without an e-mail address (signs in with ID-porten only) reads notices in the portal.
  if (!user?.active || !user.email) return false;
  const preference = await emailPreferenceOf(prisma, notification.userId);
  if (preference.digest || !isNoticeKind(notification.kind) || !preference.kinds.has(notification.kind)) return false;
  // Claim it first: of two instances (or a sweep and the live path), one sends.
  const { count } = await prisma.notification.updateMany({ where: { id: notification.id, emailedAt: null }, data: { emailedAt: new Date() } });
  if (!count) return false;
  try {
    const url = new URL(notification.link ?? "/", options.baseUrl).toString();
    const kind = kindName(notification.kind);
    // A meeting invitation, change or cancellation carries the person's calendar file (time and place only).
    const ics = await invitationIcsForNotification(prisma, notification.id, url);
    await send({
      from: options.from,
      to: user.email,
      subject: translate("nb", "notifications.email.subject", { kind }),
      text: translate("nb", "notifications.email.text", { kind, url }),
      ...(ics ? { icalEvent: { method: ics.method, filename: ics.filename, content: ics.text } } : {}),
    });
    return true;
  } catch (error) {
    await prisma.notification.updateMany({ where: { id: notification.id }, data: { emailedAt: null } });
    throw error;
  }
}

/** Notices younger than this are still sent if an earlier try failed (or the process stopped). */
const SWEEP_WINDOW_MS = 2 * 24 * 3_600_000;

/**
 * Sends what the live path missed: notices not yet e-mailed, of people who want them one by one.
 * Goes through the whole window a page at a time, since many notices there are never e-mailed
 * (kinds people did not choose, digest readers) and must not hide the ones that are due.
 */
export async function sendPendingEmails(prisma: PrismaClient, send: Send, options: MailOptions, now = new Date()): Promise<number> {
  const window = { gte: new Date(now.getTime() - SWEEP_WINDOW_MS), lte: new Date(now.getTime() - 30_000) };
  let sent = 0;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; createdAt: Date }[] = await prisma.notification.findMany({
      where: { emailedAt: null, createdAt: window, ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, createdAt: true },
    });
    for (const { id } of page) if (await sendNotificationEmail(prisma, send, id, options).catch(() => false)) sent++;
    if (page.length < 500) return sent;
    after = page.at(-1)!;
  }
}

/**
 * The day's digest: one e-mail per person who chose it, naming the kinds of their notices not yet
 * e-mailed. One per person and Oslo day (NotificationDigest's unique key), whatever runs it.
 */
export async function sendDigests(prisma: PrismaClient, send: Send, options: MailOptions, now = new Date()): Promise<number> {
  const day = osloDate(now);
  const people = await prisma.notificationPreference.findMany({ where: { digest: true, user: { active: true, email: { not: null } } }, select: { userId: true, emailKinds: true, user: { select: { email: true } } } });
  let sent = 0;
  for (const person of people) {
    const kinds = person.emailKinds.filter(isNoticeKind);
    const due = await prisma.notification.findMany({ where: { userId: person.userId, emailedAt: null, kind: { in: kinds }, createdAt: { lte: now } }, select: { id: true, kind: true } });
    if (!due.length) continue;
    const ids = due.map((n) => n.id);
    const claimed = await prisma.$transaction(async (tx) => {
      const marker = await tx.notificationDigest.createManyAndReturn({ data: [{ userId: person.userId, day, count: due.length }], skipDuplicates: true });
      if (!marker.length) return false;
      await tx.notification.updateMany({ where: { id: { in: ids }, emailedAt: null }, data: { emailedAt: now } });
      return true;
    });
    if (!claimed) continue;
    const counts = new Map<string, number>();
    for (const n of due) counts.set(kindName(n.kind), (counts.get(kindName(n.kind)) ?? 0) + 1);
    const url = new URL("/varsler", options.baseUrl).toString();
    try {
      await send({
        from: options.from,
        to: person.user.email ?? undefined,
        subject: translate("nb", "notifications.email.digestSubject", { count: due.length }),
        text: translate("nb", "notifications.email.digestText", { kinds: [...counts].map(([kind, count]) => `- ${kind} (${count})`).join("\n"), url }),
      });
      sent++;
    } catch (error) {
      // Given back for the next run; the others' digests still go.
      await prisma.$transaction([
        prisma.notificationDigest.deleteMany({ where: { userId: person.userId, day } }),
        prisma.notification.updateMany({ where: { id: { in: ids }, emailedAt: now }, data: { emailedAt: null } }),
      ]);
      log.error({ err: error }, "daily digest not sent");
    }
  }
  return sent;
}

/** The live path: each new notice is tried at once (the sweep job catches what this misses). */
export function startNotificationEmails(prisma: PrismaClient, smtpUrl: string, options: MailOptions) {
  const transport = nodemailer.createTransport(smtpUrl);
  const send: Send = (mail) => transport.sendMail(mail);
  const off = events.on("notification.created", ({ notificationId }) => {
    void sendNotificationEmail(prisma, send, notificationId, options).catch((error: unknown) => {
      log.error({ err: error }, "notice e-mail not sent");
    });
  });
  return () => {
    off();
    transport.close();
  };
}
