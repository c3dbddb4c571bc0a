import { OSLO_TIME_ZONE, osloWallTime } from "../../app/domain/oslo-time.ts";

// The invitation as an iCalendar object (RFC 5545) that calendar programs accept. It says only
// "Ansvarsgruppemøte", the time and the place: no names of the user, no goals, no agenda, since
// invitations travel by e-mail and land in calendars that others may see. It lists the organizer
// and the recipient only; who else comes is in the portal.
//
// Times are Oslo wall time with TZID=Europe/Oslo and the zone's rules in a VTIMEZONE block
// (EU rules: summer time from the last Sunday in March 02:00 to the last Sunday in October
// 03:00), so a calendar shows 10:00 as 10:00 on both sides of a daylight-saving change.

export type IcsMethod = "REQUEST" | "CANCEL";
export type IcsPartStat = "NEEDS-ACTION" | "ACCEPTED" | "DECLINED" | "TENTATIVE";

export interface IcsPerson {
  name: string;
  email: string | null;
  /** Fallback address when the person has no e-mail (RFC 5545 needs a URI). */
  id: string;
}

export interface IcsInput {
  method: IcsMethod;
  meeting: {
    id: string;
    startsAt: Date;
    durationMinutes: number;
    location: string | null;
    videoLink: string | null;
    sequence: number;
  };
  organizer: IcsPerson;
  attendee: IcsPerson & { partStat: IcsPartStat };
  /** A link to the meeting in the portal, when the sender knows the portal's address. */
  url?: string;
  now?: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** iCalendar local form of an instant in Oslo: 20270329T100000. */
export function icsOsloLocal(instant: Date): string {
  const w = osloWallTime(instant);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** iCalendar UTC form: 20270329T080000Z. */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export const MEETING_SUMMARY = "Ansvarsgruppemøte";
export const PRODID = "-//Individuell plan//Ansvarsgruppemøter//NB";

const VTIMEZONE_OSLO = [
  "BEGIN:VTIMEZONE",
  `TZID:${OSLO_TIME_ZONE}`,
  `X-LIC-LOCATION:${OSLO_TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Parameter values: quoted when they hold ":;,", with characters that cannot appear removed. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, "");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function calAddress(person: IcsPerson): string {
  return person.email ? `mailto:${person.email}` : `urn:uuid:${person.id}`;
}

/** Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      out.push(current);
      current = "";
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function buildMeetingIcs(input: IcsInput): string {
  const { meeting } = input;
  const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  const place = meeting.location ?? meeting.videoLink ?? "";
  const description = [
    meeting.videoLink && meeting.location ? `Videolenke: ${meeting.videoLink}` : null,
    input.url ? `Innkalling og saksliste i portalen: ${input.url}` : "Innkalling og saksliste finner du i portalen for individuell plan.",
  ]
    .filter(Boolean)
    .join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${input.method}`,
    ...VTIMEZONE_OSLO,
    "BEGIN:VEVENT",
    `UID:${meeting.id}@individuell-plan`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${icsUtc(input.now ?? new Date())}`,
    `DTSTART;TZID=${OSLO_TIME_ZONE}:${icsOsloLocal(meeting.startsAt)}`,
    `DTEND;TZID=${OSLO_TIME_ZONE}:${icsOsloLocal(end)}`,
    `SUMMARY:${escapeText(MEETING_SUMMARY)}`,
    ...(place ? [`LOCATION:${escapeText(place)}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    ...(input.url ? [`URL:${input.url}`] : []),
    `STATUS:${input.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:${calAddress(input.organizer)}`,
    `ATTENDEE;CN=${paramValue(input.attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${input.attendee.partStat};RSVP=${input.method === "REQUEST" ? "TRUE" : "FALSE"}:${calAddress(input.attendee)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

export const PARTSTAT: Record<"PENDING" | "YES" | "NO" | "MAYBE", IcsPartStat> = {
  PENDING: "NEEDS-ACTION",
  YES: "ACCEPTED",
  NO: "DECLINED",
  MAYBE: "TENTATIVE",
};
