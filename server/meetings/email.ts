import nodemailer, { type SendMailOptions } from "nodemailer";
import type { PrismaClient } from "../db/database.ts";
import { events } from "../events.ts";
import { translate } from "../i18n.ts";
import { formatMeetingTime } from "../../app/domain/oslo-time.ts";
import { meetingIcsFor } from "./calendar.ts";
import { loadGroup } from "./group.ts";
import { log } from "../ops/log.ts";

// Meeting invitations by e-mail. People with an account get a notification, which the
// notification mailer sends with their .ics attached (invitationIcsForNotification). People
// without an account (a GP, a teacher invited as a guest) get the .ics straight from here when
// they have an e-mail address. Either way the mail says only "Ansvarsgruppemøte", the time and
// the place: never the user's name or anything from the plan.

const ICS_KINDS = ["meeting.invitation", "meeting.updated", "meeting.cancelled", "meeting.uninvited"];

/** The recipient's .ics for a meeting notification, or null when the notification is not an invitation. */
export async function invitationIcsForNotification(prisma: PrismaClient, notificationId: string, url?: string) {
  const notification = await prisma.notification.findUnique({ where: { id: notificationId }, select: { meetingId: true, kind: true, userId: true } });
  if (!notification?.meetingId || !ICS_KINDS.includes(notification.kind)) return null;
  const meeting = await prisma.meeting.findUnique({ where: { id: notification.meetingId } });
  const invitee = await prisma.meetingInvitee.findFirst({ where: { meetingId: notification.meetingId, userId: notification.userId }, orderBy: { createdAt: "desc" } });
  if (!meeting || !invitee) return null;
  return meetingIcsFor(prisma, meeting, invitee, { url });
}

/** Sends what is due to invitees without an account; each SEQUENCE at most once per person. */
export async function sendExternalInvitations(prisma: PrismaClient, send: (mail: SendMailOptions) => Promise<unknown>, from: string, meetingId: string) {
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) return 0;
  const group = await loadGroup(prisma, meeting.planId);
  const organizer = await prisma.user.findUnique({ where: { id: meeting.organizerId }, select: { name: true, email: true } });
  const invitees = await prisma.meetingInvitee.findMany({ where: { meetingId, userId: null, email: { not: null } } });
  const time = formatMeetingTime(meeting.startsAt);
  let sent = 0;
  for (const invitee of invitees) {
    const invited =
      !invitee.removedAt &&
      meeting.status !== "CANCELLED" &&
      (invitee.kind === "GUEST" ? invitee.consentGivenAt !== null : Boolean(group.people.find((p) => p.participantId === invitee.participantId)?.hasAccess));
    if (invitee.emailedSequence === meeting.sequence) continue;
    if (invited && meeting.status !== "PLANNED") continue; // the meeting is over
    if (!invited && invitee.emailedSequence === null) continue; // never told, nothing to cancel
    // Claim this sequence first: a mail is sent at most once, even if two changes race.
    const { count } = await prisma.meetingInvitee.updateMany({
      where: { id: invitee.id, OR: [{ emailedSequence: null }, { emailedSequence: { lt: meeting.sequence } }] },
      data: { emailedSequence: meeting.sequence },
    });
    if (!count) continue;
    const ics = await meetingIcsFor(prisma, meeting, invitee);
    const place = meeting.location ?? translate("nb", meeting.videoLink ? "meeting.notify.place.video" : "meeting.notify.place.none");
    await send({
      from,
      to: invitee.email!,
      subject: translate("nb", invited ? "meeting.notify.invitation.title" : "meeting.notify.cancelled.title", { time }),
      text: translate("nb", invited ? "meeting.email.invitationText" : "meeting.email.cancelText", {
        time,
        place,
        organizer: organizer ? `${organizer.name} (${organizer.email})` : "",
      }),
      icalEvent: { method: ics.method, filename: ics.filename, content: ics.text },
    });
    sent++;
  }
  return sent;
}

/** With SMTP configured: e-mails invitations to invitees without an account when a meeting changes. */
export function startMeetingInvitationEmails(prisma: PrismaClient, smtpUrl: string, options: { from: string }) {
  const transport = nodemailer.createTransport(smtpUrl);
  const off = events.on("changed", ({ meetingId }) => {
    if (!meetingId) return;
    void sendExternalInvitations(prisma, (mail) => transport.sendMail(mail), options.from, meetingId).catch((error: unknown) => {
      log.error({ err: error }, "meeting invitation not sent");
    });
  });
  return () => {
    off();
    transport.close();
  };
}
