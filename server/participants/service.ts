import { z } from "zod";
import { AccessLevel, ParticipantKind } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError, notFound } from "../errors.ts";
import { planPolicy, planPolicyOf } from "../plans/access.ts";
import { optionalDate, version } from "../plans/schemas.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { write } from "../records/write.ts";

const kind = ParticipantKind;
const access = AccessLevel;
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const addParticipantInput = z
  .object({
    planId: id,
    kind,
    /** A person with an account in the municipality … */
    userId: id.optional(),
    /** … or someone outside it (GP, hospital, school, NAV), by name. */
    displayName: z.string().trim().min(1).max(200).optional(),
    organisation: optionalText(200),
    contribution: optionalText(1000),
    phone: optionalText(40),
    email: z.string().trim().email().max(254).nullable().optional(),
    access: access.optional(),
    legalBasis: optionalText(500),
  })
  .refine((v) => Boolean(v.userId) !== Boolean(v.displayName), { message: "userOrName", path: ["userId"] })
  .refine((v) => v.kind !== "REPRESENTATIVE" || Boolean(v.legalBasis), { message: "legalBasis", path: ["legalBasis"] });

export const updateParticipantInput = z.object({
  participantId: id,
  version,
  changes: z
    .object({
      organisation: optionalText(200),
      contribution: optionalText(1000),
      phone: optionalText(40),
      email: z.string().trim().email().max(254).nullable(),
      access,
      legalBasis: optionalText(500),
      active: z.boolean(),
    })
    .partial()
    .strict(),
});

export const grantConsentInput = z.object({
  planId: id,
  /** Without a participant: the user's own consent to the plan. */
  participantId: id.optional(),
  validFrom: optionalDate,
  validTo: optionalDate,
  note: optionalText(500),
});

export const withdrawConsentInput = z.object({ planId: id, participantId: id.optional() });

/** The plan's rules for one participant row, found in the caller's municipality inside the transaction. */
export const participantPolicy = (participantId: string, allowed: Parameters<typeof planPolicyOf>[1]) =>
  planPolicyOf(
    async (tx, actor) => (await tx.planParticipant.findFirst({ where: { id: participantId, plan: { municipalityId: actor.municipalityId } }, select: { planId: true } }))?.planId,
    allowed,
  );

export async function addParticipant(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addParticipantInput>, meta: RequestMeta) {
  const { planId, ...data } = input;
  // Only the user (or representative) can make someone their representative.
  const allowed = (a: { canManageParticipants: boolean; canDecideConsent: boolean }) => a.canManageParticipants && (input.kind !== "REPRESENTATIVE" || a.canDecideConsent);
  return write(prisma, actor, meta, planPolicy(planId, allowed), "participant.add", async (tx, { access }) => {
      if (data.userId) {
        const user = await tx.user.findFirst({ where: { id: data.userId, municipalityId: access.municipalityId, active: true } });
        if (!user) throw new DomainError("BAD_REQUEST", "participant.unknownPerson");
        if (user.id === access.ownerId) throw new DomainError("BAD_REQUEST", "participant.isOwner");
        const already = await tx.planParticipant.count({ where: { planId, userId: data.userId, active: true } });
        if (already) throw new DomainError("CONFLICT", "participant.already");
      }
      const participant = await tx.planParticipant.create({ data: { planId, ...data, access: data.access ?? "READ" } });
      return { result: participant, target: { type: "participant", id: participant.id }, details: { kind: participant.kind, userId: participant.userId } };
  });
}

export async function updateParticipant(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateParticipantInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, participantPolicy(input.participantId, (a) => a.canManageParticipants), "participant.update", async (tx, { access }) => {
      const current = await tx.planParticipant.findUniqueOrThrow({ where: { id: input.participantId } });
      assertCurrentVersion(current, input.version);
      if (current.kind === "REPRESENTATIVE" && !access.canDecideConsent) throw new DomainError("FORBIDDEN", "errors.code.FORBIDDEN");
      await applyVersioned(
        tx.planParticipant.updateMany({
          where: { id: input.participantId, version: input.version },
          data: { ...input.changes, version: { increment: 1 } },
        }),
        () => tx.planParticipant.findUnique({ where: { id: input.participantId } }),
      );
      if (input.changes.active === false) {
        // Taken out of the group ends their consent: coming back needs the user's consent again.
        await tx.participantConsent.updateMany({
          where: { participantId: current.id, withdrawnAt: null },
          data: { withdrawnAt: new Date(), withdrawnById: actor.id },
        });
      }
      const updated = await tx.planParticipant.findUniqueOrThrow({ where: { id: input.participantId } });
      // Less access, or removed from the group: their open pages must learn at once.
      const reduced = input.changes.active === false || (input.changes.access !== undefined && input.changes.access !== current.access);
      return {
        result: updated,
        target: { type: "participant", id: updated.id },
        details: { fields: Object.keys(input.changes) },
        revoked: reduced && current.userId ? [current.userId] : [],
      };
  });
}

export async function grantConsent(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof grantConsentInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canDecideConsent, { forbiddenKey: "consent.userDecides" }), "consent.grant", async (tx) => {
      if (!input.participantId) {
        await tx.plan.update({ where: { id: input.planId }, data: { consentGivenAt: new Date(), consentGivenBy: actor.id } });
        return { result: { ok: true as const }, details: { scope: "plan" } };
      }
      const participant = await tx.planParticipant.findFirst({ where: { id: input.participantId, planId: input.planId, active: true } });
      if (!participant) throw notFound();
      if (input.validTo && input.validTo <= (input.validFrom ?? new Date())) throw new DomainError("BAD_REQUEST", "consent.endBeforeStart");
      const consent = await tx.participantConsent.create({
        data: {
          participantId: participant.id,
          validFrom: input.validFrom ?? new Date(),
          validTo: input.validTo ?? null,
          note: input.note ?? null,
          grantedById: actor.id,
        },
      });
      return {
        result: { ok: true as const },
        target: { type: "consent", id: consent.id },
        details: { participantId: participant.id, validTo: input.validTo?.toISOString() ?? null },
      };
  });
}

/** Withdrawing takes effect at once: the participant's next request is refused and open pages are closed. */
export async function withdrawConsent(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof withdrawConsentInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canDecideConsent, { forbiddenKey: "consent.userDecides" }), "consent.withdraw", async (tx) => {
      const now = new Date();
      const where: Prisma.PlanParticipantWhereInput = input.participantId
        ? { id: input.participantId, planId: input.planId }
        : // Withdrawing consent to the plan itself shuts out everyone who relied on it.
          { planId: input.planId, kind: { not: "REPRESENTATIVE" } };
      const affected = await tx.planParticipant.findMany({ where, select: { id: true, userId: true } });
      if (input.participantId && !affected.length) throw notFound();
      if (!input.participantId) await tx.plan.update({ where: { id: input.planId }, data: { consentGivenAt: null, consentGivenBy: null } });
      else {
        await tx.participantConsent.updateMany({
          where: { participantId: input.participantId, withdrawnAt: null },
          data: { withdrawnAt: now, withdrawnById: actor.id },
        });
      }
      return {
        result: { ok: true as const },
        target: input.participantId ? { type: "participant", id: input.participantId } : undefined,
        details: { scope: input.participantId ? "participant" : "plan" },
        revoked: affected.map((p) => p.userId).filter((u): u is string => u !== null),
      };
  });
}

export const candidatesInput = z.object({ planId: id, query: z.string().trim().min(2).max(100) });

/**
 * People with an account who could join the group: staff and relatives of the municipality
 * whose name or e-mail matches. Only for those who manage the plan's participants, never other
 * service users, and at most 20, so it cannot be used to list the municipality.
 */
export async function findParticipantCandidates(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof candidatesInput>) {
  // People, not plan content: the plan's rule decides who may search, and no read is recorded.
  const { access } = await planPolicy(input.planId, (a) => a.canManageParticipants).resolve(prisma, actor);
  return prisma.user.findMany({
      where: {
        municipalityId: access.municipalityId,
        active: true,
        id: { not: access.ownerId },
        roles: { some: { role: { in: ["STAFF", "COORDINATOR", "RELATIVE"] } } },
        OR: [{ name: { contains: input.query, mode: "insensitive" } }, { email: { contains: input.query.toLowerCase() } }],
      },
      orderBy: { name: "asc" },
      take: 20,
      select: { id: true, name: true, email: true, title: true, unit: { select: { name: true } } },
    });
}
