import type { Tx } from "../db/types.ts";
import { validConsentWhere } from "../plans/access.ts";

// The responsibility group of a plan as meetings need it: who can be invited as a member, and
// who currently has access to the plan's content (the same rules as resolvePlanAccess).

export interface GroupPerson {
  kind: "OWNER" | "COORDINATOR" | "PARTICIPANT";
  userId: string | null;
  participantId: string | null;
  participantKind: "REPRESENTATIVE" | "RELATIVE" | "PROVIDER" | null;
  name: string;
  email: string | null;
  organisation: string | null;
  /** Sees the plan's content now: owner, coordinator, representative, or a participant with both consents. */
  hasAccess: boolean;
}

export async function loadGroup(tx: Tx, planId: string, now = new Date()) {
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      id: true,
      municipalityId: true,
      ownerId: true,
      consentGivenAt: true,
      createdAt: true,
      owner: { select: { id: true, name: true, email: true } },
      coordinators: { where: { endedAt: null }, select: { coordinator: { select: { id: true, name: true, email: true } } } },
      participants: {
        where: { active: true },
        select: {
          id: true,
          userId: true,
          kind: true,
          displayName: true,
          email: true,
          organisation: true,
          user: { select: { name: true, email: true, active: true } },
          consents: { where: validConsentWhere(now), select: { id: true } },
        },
      },
    },
  });
  const coordinator = plan.coordinators[0]?.coordinator ?? null;
  const people: GroupPerson[] = [
    { kind: "OWNER", userId: plan.owner.id, participantId: null, participantKind: null, name: plan.owner.name, email: plan.owner.email, organisation: null, hasAccess: true },
    ...(coordinator
      ? [{ kind: "COORDINATOR" as const, userId: coordinator.id, participantId: null, participantKind: null, name: coordinator.name, email: coordinator.email, organisation: null, hasAccess: true }]
      : []),
    ...plan.participants.map((p) => ({
      kind: "PARTICIPANT" as const,
      userId: p.userId,
      participantId: p.id,
      participantKind: p.kind,
      name: p.user?.name ?? p.displayName ?? "",
      email: p.user?.email ?? p.email ?? null,
      organisation: p.organisation,
      hasAccess: p.kind === "REPRESENTATIVE" || (plan.consentGivenAt !== null && p.consents.length > 0),
    })),
  ];
  return {
    plan,
    coordinator,
    people,
    /** Accounts that see the plan's content now. */
    withAccess: new Set(people.filter((p) => p.hasAccess && p.userId).map((p) => p.userId!)),
    /** The user and their representatives: who may give consent for a guest. */
    userSide: new Set([plan.ownerId, ...plan.participants.filter((p) => p.kind === "REPRESENTATIVE" && p.userId).map((p) => p.userId!)]),
  };
}

export type Group = Awaited<ReturnType<typeof loadGroup>>;
