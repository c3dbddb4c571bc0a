import nodemailer, { type SendMailOptions } from "nodemailer";
import { formatDate } from "../../app/domain/oslo-time.ts";
import { translate } from "../i18n.ts";
import { log } from "../ops/log.ts";

// The invitation e-mail (server/participants/invitations.ts): the municipality's name, the link
// and how long it holds. Never the service user's name, never anything from the plan. Sent
// right after the invitation is committed, since the link's token is never stored; without SMTP
// the coordinator is shown the link to pass on. A failed send is logged without the address or
// the link (the logger keeps an error's type and frames only) and answered as "not sent".

export type SendInvitation = (mail: SendMailOptions) => Promise<unknown>;

interface InvitationMailer {
  send: SendInvitation;
  from: string;
  baseUrl: string;
}

let mailer: InvitationMailer | null = null;

/** Sets how invitations are e-mailed (tests give a fake); returns how to stop. */
export function configureInvitationMail(next: InvitationMailer | null): () => void {
  mailer = next;
  return () => {
    if (mailer === next) mailer = null;
  };
}

/** With SMTP configured (server/index.ts): invitations go by e-mail. */
export function startInvitationEmails(smtpUrl: string, options: { from: string; baseUrl: string }): () => void {
  const transport = nodemailer.createTransport(smtpUrl);
  const stop = configureInvitationMail({ send: (mail) => transport.sendMail(mail), ...options });
  return () => {
    stop();
    transport.close();
  };
}

/** True when the e-mail went. */
export async function sendInvitationEmail(invitation: { to: string; path: string; municipalityName: string; expiresAt: Date }): Promise<boolean> {
  if (!mailer) return false;
  const url = new URL(invitation.path, mailer.baseUrl).toString();
  const expires = formatDate(invitation.expiresAt, "nb");
  try {
    await mailer.send({
      from: mailer.from,
      to: invitation.to,
      subject: translate("nb", "invitation.emailSubject", { municipality: invitation.municipalityName }),
      text: translate("nb", "invitation.emailText", { municipality: invitation.municipalityName, url, expires }),
    });
    return true;
  } catch (error) {
    log.error({ err: error }, "invitation e-mail not sent");
    return false;
  }
}
