import { z } from "zod";
import { Answer, id, instant, plausibleYear } from "../../app/domain/schemas.ts";
import { osloLocalToInstant } from "../../app/domain/oslo-time.ts";
import { isoDate, longText, shortText, version } from "../plans/schemas.ts";

// Inputs of the meeting procedures. Messages come from zod-messages.ts (validation.* keys).

/**
 * A meeting time: Oslo wall time as a date-time field sends it ("2027-03-29T10:00"), or an
 * instant with an offset ("2027-03-29T10:00:00+02:00", "…Z"). A wall time that does not exist
 * (the hour skipped when clocks go forward) is refused.
 */
export const meetingTime = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((value, ctx) => {
    if (/^\d{4}-/.test(value) && !plausibleYear(value)) {
      ctx.addIssue({ code: "custom", message: "dateOutOfRange" });
      return z.NEVER;
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
      const instant = osloLocalToInstant(value);
      if (!instant) ctx.addIssue({ code: "custom", message: "nonexistentTime" });
      return instant ?? z.NEVER;
    }
    if (instant.safeParse(value).success) return new Date(value);
    ctx.addIssue({ code: "custom", message: "meetingTime" });
    return z.NEVER;
  });

const duration = z.number().int().min(15).max(600);
const place = z.string().trim().max(300).nullable().optional();
const videoLink = z.url({ protocol: /^https?$/ }).max(1000).nullable().optional();
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Someone from the responsibility group: an account (owner, coordinator, participant) or a participant row. */
export const memberRef = z
  .object({ userId: id.optional(), participantId: id.optional() })
  .strict()
  .refine((v) => Boolean(v.userId) !== Boolean(v.participantId), { message: "memberRef", path: ["userId"] });

/**
 * A guest: not in the group. The user's consent is recorded with them: the user or representative
 * records it by inviting; anyone else records that the user consented (`consent`). Without a
 * consent the guest waits (no invitation, no access) until meeting.recordGuestConsent.
 */
const guestFields = {
  userId: id.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(254).optional(),
  organisation: optionalText(200),
  consent: z
    .object({
      /** The user (default) or their representative. */
      givenById: id.optional(),
      givenAt: meetingTime.optional(),
    })
    .strict()
    .optional(),
};
const oneGuest = (v: { userId?: string; name?: string }) => Boolean(v.userId) !== Boolean(v.name);

export const guestInput = z.object(guestFields).strict().refine(oneGuest, { message: "guestUserOrName", path: ["userId"] });
export type GuestInput = z.infer<typeof guestInput>;

export const createMeetingInput = z
  .object({
    planId: id,
    startsAt: meetingTime,
    durationMinutes: duration,
    location: place,
    videoLink,
    /** From the responsibility group; the user and the person scheduling are always invited. */
    invitees: z.array(memberRef).max(50).default([]),
    guests: z.array(guestInput).max(20).default([]),
  })
  .strict()
  .refine((v) => Boolean(v.location || v.videoLink), { message: "placeOrVideo", path: ["location"] });

export const updateMeetingInput = z
  .object({
    meetingId: id,
    version,
    changes: z.object({ startsAt: meetingTime, durationMinutes: duration, location: place, videoLink }).partial().strict(),
    addInvitees: z.array(memberRef).max(50).optional(),
    removeInviteeIds: z.array(id).max(50).optional(),
  })
  .strict();

export const meetingIdInput = z.object({ meetingId: id }).strict();
export const meetingReadInput = z.object({ meetingId: id }).strict();
export const meetingListInput = z.object({ planId: id }).strict();

export const addGuestInput = z.object({ meetingId: id, ...guestFields }).strict().refine(oneGuest, { message: "guestUserOrName", path: ["userId"] });
export const recordGuestConsentInput = z
  .object({ inviteeId: id, givenById: id.optional(), givenAt: meetingTime.optional() })
  .strict();

export const cancelMeetingInput = z.object({ meetingId: id, reason: optionalText(1000) }).strict();
export const respondInput = z.object({ meetingId: id, response: Answer }).strict();

export const addAgendaItemInput = z.object({ meetingId: id, title: shortText(300), note: longText(2000).optional() }).strict();
export const updateAgendaItemInput = z
  .object({ itemId: id, version, changes: z.object({ title: shortText(300), note: longText(2000) }).partial().strict() })
  .strict();
export const agendaItemIdInput = z.object({ itemId: id }).strict();
export const reorderAgendaInput = z.object({ meetingId: id, itemIds: z.array(id).min(1).max(200) }).strict();

export const recordAttendanceInput = z
  .object({ meetingId: id, attendance: z.array(z.object({ inviteeId: id, attended: z.boolean() }).strict()).min(1).max(100) })
  .strict();

export const approveMinutesInput = z
  .object({
    meetingId: id,
    /** The text the approver sees; without it, the stored projection of the co-edited document. */
    text: z.string().trim().min(1).max(200_000).optional(),
  })
  .strict();

export const addCorrectionInput = z.object({ meetingId: id, text: shortText(10_000) }).strict();

export const createTaskInput = z.object({ meetingId: id, title: shortText(300), responsibleUserId: id, dueDate: isoDate }).strict();
export const completeTaskInput = z.object({ taskId: id }).strict();
