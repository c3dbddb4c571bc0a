import type { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { write } from "../records/write.ts";
import { meetingPolicy, meetingPolicyOf } from "./access.ts";
import { loadGroup } from "./group.ts";
import { guestConsent, guestInvitee } from "./invitees.ts";
import type { addGuestInput, recordGuestConsentInput } from "./schemas.ts";

// Guests: people outside the responsibility group, invited with the user's recorded consent. A
// guest without consent waits: no invitation and no access until the consent is recorded.

export async function addGuest(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addGuestInput>, meta: RequestMeta) {
  const { meetingId, ...guest } = input;
  return write(prisma, actor, meta, meetingPolicy(meetingId, (a) => a.canEdit, { requireOpen: true }), "meeting.guest.add", async (tx, { access }) => {
    const group = await loadGroup(tx, access.planId);
    const row = await guestInvitee(tx, group, access.member!, actor, guest);
    if (row.userId && (await tx.meetingInvitee.count({ where: { meetingId, userId: row.userId, removedAt: null } }))) {
      throw new DomainError("CONFLICT", "participant.already");
    }
    const invitee = await tx.meetingInvitee.create({ data: { ...row, meetingId } });
    return {
      result: invitee,
      target: { type: "meetingInvitee", id: invitee.id },
      details: { guestUserId: invitee.userId, consent: Boolean(invitee.consentGivenAt) },
    };
  });
}

/** The user or representative records their consent to a waiting guest; or the coordinator records that the user gave it. */
export async function recordGuestConsent(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof recordGuestConsentInput>, meta: RequestMeta) {
  const meetingOfInvitee = async (tx: Tx) =>
    (await tx.meetingInvitee.findFirst({ where: { id: input.inviteeId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } }))?.meetingId;
  const policy = meetingPolicyOf(meetingOfInvitee, (a) => a.canEdit, { requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.guest.consent", async (tx, { access, meetingId }) => {
    const invitee = await tx.meetingInvitee.findFirst({ where: { id: input.inviteeId, meetingId, kind: "GUEST", removedAt: null } });
    if (!invitee) throw new DomainError("BAD_REQUEST", "meeting.notGuest");
    const group = await loadGroup(tx, access.planId);
    const consent = guestConsent(group, access.member!, actor, { givenById: input.givenById, givenAt: input.givenAt });
    const updated = await tx.meetingInvitee.update({ where: { id: invitee.id }, data: consent });
    return {
      result: updated,
      target: { type: "meetingInvitee", id: updated.id },
      details: { guestUserId: updated.userId, newlyConsented: !invitee.consentGivenAt && Boolean(updated.consentGivenAt) },
    };
  });
}
