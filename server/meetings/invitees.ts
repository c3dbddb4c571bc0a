import { isUserSide } from "../../app/domain/schemas.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import type { PlanAccess } from "../plans/access.ts";
import type { Group } from "./group.ts";
import type { GuestInput } from "./schemas.ts";

// Who is invited to a meeting: people from the responsibility group, and guests with the user's
// recorded consent (docs/decisions/010-meetings.md).

export type InviteeData = Omit<Prisma.MeetingInviteeCreateManyInput, "meetingId">;

/** A person from the group, who must see the plan now. */
export function memberInvitee(group: Group, ref: { userId?: string; participantId?: string }): InviteeData {
  const person = ref.userId ? group.people.find((p) => p.userId === ref.userId) : group.people.find((p) => p.participantId === ref.participantId);
  if (!person) throw new DomainError("BAD_REQUEST", "meeting.inviteeNotInGroup");
  if (!person.hasAccess) throw new DomainError("BAD_REQUEST", "meeting.inviteeWithoutConsent");
  return { kind: person.kind, userId: person.userId, participantId: person.participantId, name: person.name, email: person.email, organisation: person.organisation };
}

/** One key per person: their account, else their participant row, else the invitee row. */
export const inviteeKey = (i: { userId?: string | null; participantId?: string | null; id?: string }) => i.userId ?? i.participantId ?? i.id ?? "";

/** The guest's consent: the user or representative gives it; anyone else records that the user gave it. */
export function guestConsent(group: Group, access: PlanAccess, actor: SessionUser, consent: { givenById?: string; givenAt?: Date } | undefined) {
  const actorIsUserSide = isUserSide(access.role);
  if (!consent && !actorIsUserSide) return {};
  const givenById = consent?.givenById ?? (actorIsUserSide ? actor.id : group.plan.ownerId);
  if (!group.userSide.has(givenById)) throw new DomainError("BAD_REQUEST", "meeting.consentGiverNotUser");
  const now = new Date();
  const givenAt = consent?.givenAt && consent.givenAt < now ? consent.givenAt : now;
  return { consentGivenById: givenById, consentGivenAt: givenAt, consentRecordedById: actor.id };
}

/** A guest: an account of the municipality outside the group, or a person by name and e-mail. */
export async function guestInvitee(tx: Tx, group: Group, access: PlanAccess, actor: SessionUser, guest: GuestInput): Promise<InviteeData> {
  let person: { userId: string | null; name: string; email: string | null };
  if (guest.userId) {
    const user = await tx.user.findFirst({ where: { id: guest.userId, municipalityId: access.municipalityId, active: true }, select: { id: true, name: true, email: true } });
    if (!user) throw new DomainError("BAD_REQUEST", "meeting.unknownPerson");
    if (group.withAccess.has(user.id)) throw new DomainError("BAD_REQUEST", "meeting.guestIsMember");
    person = { userId: user.id, name: user.name, email: user.email };
  } else {
    person = { userId: null, name: guest.name!, email: guest.email ?? null };
  }
  return { kind: "GUEST", participantId: null, ...person, organisation: guest.organisation ?? null, ...guestConsent(group, access, actor, guest.consent) };
}
