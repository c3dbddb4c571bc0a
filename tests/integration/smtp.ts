import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Send } from "../../server/notifications/email.ts";

// A real SMTP server on a free local port: it receives what the portal sends, so tests read the
// e-mails as they went over the wire (and decoded, as a mail program shows them).

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  /** The message as it arrived. */
  raw: string;
  /** The subject, decoded. */
  subject: string;
  /** The text/plain parts, decoded, with \n line ends. */
  text: string;
  /** The text/calendar parts (an invitation's .ics), decoded and unfolded. */
  calendar: string;
}

export interface LocalSmtp {
  /** For SMTP_URL and startNotificationEmails. */
  url: string;
  received: ReceivedMail[];
  /** Sends through this server, as the jobs do (sendDigests, sendPendingEmails). */
  send: Send;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<LocalSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...decodeMail(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const transport = nodemailer.createTransport(url);
  return {
    url,
    received,
    send: (mail) => transport.sendMail(mail),
    async close() {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Just enough MIME to read what nodemailer writes: multipart, quoted-printable, base64, encoded words.

function decodeQuotedPrintable(body: string): string {
  const s = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function splitPart(part: string) {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? "" : part.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function textParts(part: string): { type: string; text: string }[] {
  const { headers, body } = splitPart(part);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith("--"))
      .flatMap((p) => textParts(p.replace(/^\r?\n/, "")));
  }
  if (!/^text\//i.test(type)) return [];
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text =
    encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8") : body;
  return [{ type: type.split(";")[0].trim().toLowerCase(), text: text.replace(/\r\n/g, "\n") }];
}

export function decodeMail(raw: string): { subject: string; text: string; calendar: string } {
  const { headers } = splitPart(raw);
  const parts = textParts(raw);
  const of = (type: string) => parts.filter((p) => p.type === type).map((p) => p.text);
  return {
    subject: decodeWords(headers.get("subject") ?? ""),
    text: of("text/plain").join("\n"),
    // Long calendar lines are folded (CRLF + space); a calendar program reads them unfolded.
    calendar: of("text/calendar").join("\n").replace(/\n[ \t]/g, ""),
  };
}
