import { randomBytes } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { sendInvitationEmail } from "./invitation-mail.ts";
import { participantPolicy } from "./service.ts";

// Participants from outside the municipality (GP, school, NAV, hospital) are invited by e-mail.
// The coordinator (whoever manages the plan's participants) makes a one-time link, valid for 7
// days; only the SHA-256 of its token is stored. The invitee signs in and accepts with a button
// (a POST), which binds their account to the participant row, once. Binding gives no access by
// itself: they see the plan only with the user's consent to the plan and a valid consent of their
// own (server/plans/access.ts), exactly like any other participant.
//
// The token is in the link's path (/invitasjon/<token>): the request log writes that path as
// /invitasjon/[skjult] (server/ops/log.ts, pathForLog), the e-mail carries only the link and the
// municipality's name, and neither the audit rows nor the events carry the token.

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 3_600_000;

export const tokenHashOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export const inviteParticipantInput = z.object({
  participantId: id,
  email: z.string().trim().email().max(254),
});

export const invitationTokenInput = z.object({ token: z.string().trim().min(1).max(200) });

/**
 * Makes an invitation for a participant without an account and e-mails its link (when e-mail is
 * set up). Answers the link's path, for the coordinator to copy when it could not be e-mailed.
 * A new invitation ends the participant's earlier unused ones: only the newest link works.
 */
export async function inviteParticipant(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof inviteParticipantInput>, meta: RequestMeta) {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const email = input.email.toLowerCase();
  const invite = await write(prisma, actor, meta, participantPolicy(input.participantId, (a) => a.canManageParticipants), "participant.invite", async (tx) => {
    const participant = await tx.planParticipant.findUniqueOrThrow({ where: { id: input.participantId } });
    if (participant.kind === "REPRESENTATIVE" || !participant.active) throw new DomainError("BAD_REQUEST", "invitation.notInvitable");
    if (participant.userId) throw new DomainError("CONFLICT", "invitation.alreadyBound");
    // A participant with an address is invited there: the link must reach the person the row
    // names, not whoever the address typed here belongs to. Another address is changed on the row
    // first (participant.update), where the group sees it.
    if (participant.email && participant.email.toLowerCase() !== email) throw new DomainError("BAD_REQUEST", "invitation.emailMismatch", { email: participant.email });
    const now = new Date();
    await tx.participantInvite.updateMany({ where: { participantId: participant.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const created = await tx.participantInvite.create({
      data: { participantId: participant.id, tokenHash: tokenHashOf(token), email, createdById: actor.id, expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS) },
    });
    // Where the invitation went becomes the participant's contact address, if they had none.
    if (!participant.email) await tx.planParticipant.update({ where: { id: participant.id }, data: { email, version: { increment: 1 } } });
    return {
      result: { id: created.id, participantId: participant.id, email, expiresAt: created.expiresAt },
      target: { type: "participant", id: participant.id },
      details: { inviteId: created.id },
    };
  });
  const path = `/invitasjon/${token}`;
  const emailed = await sendInvitationEmail({ to: email, path, municipalityName: actor.municipalityName, expiresAt: invite.expiresAt });
  return { ...invite, path, emailed };
}

interface InviteScope extends Scope {
  invite: NonNullable<Awaited<ReturnType<typeof findInvite>>>;
}

function findInvite(tx: Tx, token: string) {
  return tx.participantInvite.findUnique({
    where: { tokenHash: tokenHashOf(token) },
    include: { participant: { include: { plan: { select: { id: true, municipalityId: true, ownerId: true, municipality: { select: { name: true } } } } } } },
  });
}

/** The invitation behind a token, in the signed-in person's municipality; an unknown token is NOT_FOUND. */
function invitationPolicy(token: string): Policy<InviteScope> {
  return {
    async resolve(tx, actor) {
      const invite = await findInvite(tx, token);
      if (!invite) throw new DomainError("NOT_FOUND", "invitation.invalid");
      const plan = invite.participant.plan;
      if (plan.municipalityId !== actor.municipalityId) throw new DomainError("FORBIDDEN", "invitation.otherMunicipality");
      return { municipalityId: plan.municipalityId, planId: plan.id, planRole: null, target: { type: "participant", id: invite.participantId }, invite };
    },
  };
}

type InvitationState = "valid" | "expired" | "used" | "bound";

function stateOf(invite: InviteScope["invite"], now = new Date()): InvitationState {
  if (invite.usedAt) return "used";
  if (invite.expiresAt <= now) return "expired";
  if (invite.participant.userId || !invite.participant.active) return "bound";
  return "valid";
}

/**
 * What the invitation page shows: the municipality, what the invitee is invited as, and whether
 * the link can still be used. Nothing from the plan and not the user's name.
 */
export async function getInvitation(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof invitationTokenInput>) {
  const { invite } = await invitationPolicy(input.token).resolve(prisma, actor);
  return {
    state: stateOf(invite),
    municipalityName: invite.participant.plan.municipality.name,
    organisation: invite.participant.organisation,
    expiresAt: invite.expiresAt,
  };
}

/**
 * Accepts an invitation: binds the signed-in person to the participant row, once. Refused when
 * used, expired, the row is someone else's already, the person is the plan's owner or already
 * in the plan, or their account's e-mail address is not the one invited.
 *
 * The row's consents end in the same transaction. A consent the user gave to a name ("Fastlege
 * Hansen") is not a consent to whoever holds the link: someone signing in with ID-porten has no
 * e-mail address to check, so the link alone would otherwise open the plan. The user consents
 * again, to the person now bound (decision 017). No notice kind fits "consent to someone who
 * joined" yet, so the owner is not told by a notice; the participant list shows the row without a
 * valid consent.
 */
export async function acceptInvitation(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof invitationTokenInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, invitationPolicy(input.token), "participant.invite_accept", async (tx, { invite }) => {
    const now = new Date();
    const participant = invite.participant;
    const state = stateOf(invite, now);
    if (state === "used") throw new DomainError("CONFLICT", "invitation.used");
    if (state === "expired") throw new DomainError("BAD_REQUEST", "invitation.expired");
    if (state === "bound") throw new DomainError("CONFLICT", "invitation.alreadyBound");
    if (participant.plan.ownerId === actor.id) throw new DomainError("FORBIDDEN", "invitation.ownPlan");
    if (actor.email && actor.email.toLowerCase() !== invite.email) throw new DomainError("FORBIDDEN", "invitation.wrongPerson");
    const already = await tx.planParticipant.count({ where: { planId: participant.planId, userId: actor.id, active: true } });
    if (already) throw new DomainError("CONFLICT", "invitation.alreadyInPlan");
    // Claimed first: of two accepts at the same moment, one wins.
    const claimed = await tx.participantInvite.updateMany({ where: { id: invite.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: actor.id } });
    if (!claimed.count) throw new DomainError("CONFLICT", "invitation.used");
    const bound = await tx.planParticipant.updateMany({ where: { id: participant.id, userId: null, active: true }, data: { userId: actor.id, version: { increment: 1 } } });
    if (!bound.count) throw new DomainError("CONFLICT", "invitation.alreadyBound");
    // Not withdrawn by anyone (withdrawnById stays empty): ended by the binding, which the audit row says.
    const ended = await tx.participantConsent.updateMany({ where: { participantId: participant.id, withdrawnAt: null }, data: { withdrawnAt: now } });
    return { result: { ok: true as const }, details: { inviteId: invite.id, participantId: participant.id, consentsEnded: ended.count } };
  });
}
