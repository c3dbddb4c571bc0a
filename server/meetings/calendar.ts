import type { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Meeting, MeetingInvitee } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { read } from "../records/read.ts";
import { meetingPolicy } from "./access.ts";
import { buildMeetingIcs, PARTSTAT } from "./ics.ts";
import type { meetingIdInput } from "./schemas.ts";

// The invitation as a calendar file (.ics), for the invitee's own calendar.

export async function meetingIcsFor(tx: Tx, meeting: Meeting, invitee: MeetingInvitee, options: { url?: string; now?: Date } = {}) {
  const organizer = await tx.user.findUnique({ where: { id: meeting.organizerId }, select: { id: true, name: true, email: true } });
  const method = meeting.status === "CANCELLED" || invitee.removedAt ? ("CANCEL" as const) : ("REQUEST" as const);
  const text = buildMeetingIcs({
    method,
    meeting,
    organizer: { id: organizer?.id ?? meeting.organizerId, name: organizer?.name ?? "", email: organizer?.email ?? null },
    attendee: { id: invitee.id, name: invitee.name, email: invitee.email, partStat: PARTSTAT[invitee.response] },
    url: options.url,
    now: options.now,
  });
  return { method, text, filename: method === "CANCEL" ? "avlyst-ansvarsgruppemote.ics" : "ansvarsgruppemote.ics", contentType: `text/calendar; charset=utf-8; method=${method}` };
}

/** The caller's own invitation as an .ics file. */
export async function getMeetingIcs(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof meetingIdInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.invitee !== null, { forbiddenKey: "meeting.notInvited" });
  return read(prisma, actor, meta, policy, "meeting.ics", async (tx, { access }) => ({ result: await meetingIcsFor(tx, access.meeting, access.invitee!) }));
}
