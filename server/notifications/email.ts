import nodemailer from "nodemailer";
import type { PrismaClient } from "../db/database.ts";
import { events } from "../events.ts";
import { invitationIcsForNotification } from "../meetings/email.ts";

/**
 * Sends each new notification by e-mail when SMTP_URL is set. The mail says only that there is
 * something in the portal and links to it: health information never travels by e-mail.
 */
export function startNotificationEmails(prisma: PrismaClient, smtpUrl: string, options: { from: string; baseUrl: string }) {
  const transport = nodemailer.createTransport(smtpUrl);
  const off = events.on("notification.created", ({ notificationId, userId, title, link }) => {
    void (async () => {
      try {
        const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, active: true } });
        if (!user?.active) return;
        const url = new URL(link ?? "/", options.baseUrl).toString();
        // A meeting invitation, change or cancellation carries the person's calendar file (time and place only).
        const ics = await invitationIcsForNotification(prisma, notificationId, url);
        await transport.sendMail({
          from: options.from,
          to: user.email,
          subject: `Individuell plan: ${title}`,
          text: `${title}\n\nLes mer i portalen: ${url}\n\nDette er en automatisk melding.`,
          ...(ics ? { icalEvent: { method: ics.method, filename: ics.filename, content: ics.text } } : {}),
        });
        await prisma.notification.update({ where: { id: notificationId }, data: { emailedAt: new Date() } });
      } catch (error) {
        console.error("E-post ble ikke sendt:", error instanceof Error ? error.message : error);
      }
    })();
  });
  return () => {
    off();
    transport.close();
  };
}
