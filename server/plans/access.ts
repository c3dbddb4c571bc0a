import { KE_ROLES, type AccessLevel, type ParticipantKind, type PlanRole, type PlanStatus } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound, requireRight } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";

// Who may do what in one plan. Every plan procedure resolves this first (inside a change's
// transaction), from the database as it is now: membership, consent, role, municipality.

export type { PlanRole };

export interface PlanAccess {
  planId: string;
  municipalityId: string;
  ownerId: string;
  role: PlanRole;
  /** The caller's participant row, when they take part as a participant or representative. */
  participantId: string | null;
  /** When the access ends by itself (a consent's end date), or null. */
  expiresAt: Date | null;
  /** The coordinating unit's stated purpose (AUDITOR only): recorded with every read. */
  purpose: string | null;
  canComment: boolean;
  /** Goals, measures, evaluations, services, period and status. */
  canEditPlan: boolean;
  /** Measures the caller is responsible for, and their evaluations. */
  canEditOwnMeasures: boolean;
  /** "Om meg": only the user and their representative (the user owns their own words). */
  canEditAbout: boolean;
  canManageParticipants: boolean;
  /** Consent is the user's decision: only the user or their representative gives or withdraws it. */
  canDecideConsent: boolean;
  canSeeAccessLog: boolean;
  /** The plan is closed: everyone reads it, nobody changes its content (plan.reopen opens it again). */
  closed: boolean;
}

const LEVEL_RANK: Record<AccessLevel, number> = { READ: 0, COMMENT: 1, EDIT_OWN_MEASURES: 2, EDIT_PLAN: 3 };
const atLeast = (level: AccessLevel, wanted: AccessLevel) => LEVEL_RANK[level] >= LEVEL_RANK[wanted];

/** A consent counts from its start until its end, unless withdrawn. */
export function validConsentWhere(now = new Date()): Prisma.ParticipantConsentWhereInput {
  return {
    withdrawnAt: null,
    validFrom: { lte: now },
    OR: [{ validTo: null }, { validTo: { gt: now } }],
  };
}

/** validConsentWhere's rule for one consent already read. */
export function isValidConsent(consent: { withdrawnAt: Date | null; validFrom: Date; validTo: Date | null }, now = new Date()): boolean {
  return consent.withdrawnAt === null && consent.validFrom <= now && (consent.validTo === null || consent.validTo > now);
}

function full(role: PlanRole, base: Pick<PlanAccess, "planId" | "municipalityId" | "ownerId" | "participantId">): PlanAccess {
  const userSide = role === "OWNER" || role === "REPRESENTATIVE";
  return {
    ...base,
    role,
    expiresAt: null,
    purpose: null,
    canComment: true,
    canEditPlan: true,
    canEditOwnMeasures: true,
    canEditAbout: userSide,
    canManageParticipants: true,
    canDecideConsent: userSide,
    canSeeAccessLog: true,
    closed: false,
  };
}

/**
 * A closed plan is read-only for everyone: no comments, goals, measures, evaluations or texts.
 * Who may see it, and consent, still change (the user may still withdraw consent).
 */
function readOnlyWhenClosed(access: PlanAccess, closed: boolean): PlanAccess {
  if (!closed) return access;
  return { ...access, closed, canComment: false, canEditPlan: false, canEditOwnMeasures: false, canEditAbout: false };
}

/** How long a stated purpose holds for the session: a working day. */
export const PURPOSE_HOURS = 8;

/**
 * The caller's access to a plan, or an error. A plan in another municipality, or one the
 * caller has no part in, is NOT_FOUND: the answer never tells whether it exists.
 */
export async function resolvePlanAccess(tx: Tx, actor: SessionUser, planId: string): Promise<PlanAccess> {
  const { access, closed } = await accessByRole(tx, actor, planId);
  return readOnlyWhenClosed(access, closed);
}

async function accessByRole(tx: Tx, actor: SessionUser, planId: string): Promise<{ access: PlanAccess; closed: boolean }> {
  const now = new Date();
  const plan = await accessFacts(tx, actor, planId, now);
  if (!plan) throw notFound();
  const base = { planId: plan.id, municipalityId: plan.municipalityId, ownerId: plan.ownerId, participantId: null };
  const closed = plan.status === "CLOSED";

  if (plan.ownerId === actor.id) return { access: full("OWNER", base), closed };
  const representative = plan.participants.find((p) => p.kind === "REPRESENTATIVE");
  if (representative) return { access: full("REPRESENTATIVE", { ...base, participantId: representative.id }), closed };
  if (plan.coordinates) return { access: full("COORDINATOR", base), closed };

  // Everyone else sees plan content only with the user's consent to the plan and to them.
  const participant = plan.participants.find((p) => p.consents.length > 0);
  if (participant && plan.consentGivenAt) {
    const ends = participant.consents.map((c) => c.validTo).filter((d): d is Date => d !== null);
    const unlimited = participant.consents.some((c) => c.validTo === null);
    const access: PlanAccess = {
      ...base,
      role: "PARTICIPANT",
      participantId: participant.id,
      expiresAt: unlimited || !ends.length ? null : new Date(Math.max(...ends.map((d) => d.getTime()))),
      purpose: null,
      canComment: atLeast(participant.access, "COMMENT"),
      canEditPlan: atLeast(participant.access, "EDIT_PLAN"),
      canEditOwnMeasures: atLeast(participant.access, "EDIT_OWN_MEASURES"),
      canEditAbout: false,
      canManageParticipants: false,
      canDecideConsent: false,
      canSeeAccessLog: false,
      closed: false,
    };
    return { access, closed };
  }

  // The coordinating unit reads plans of its municipality, only with a purpose stated in this
  // session (plan.statePurpose: a form, never a link), which every read row then carries.
  if (hasAnyRole(actor, KE_ROLES)) {
    const statement = actor.sessionId
      ? await tx.purposeStatement.findFirst({
          where: { sessionId: actor.sessionId, planId: plan.id, expiresAt: { gt: now } },
          orderBy: { createdAt: "desc" },
          select: { purpose: true, expiresAt: true },
        })
      : null;
    if (!statement) throw new DomainError("FORBIDDEN", "plan.purposeRequired", {}, { planId: plan.id });
    const access: PlanAccess = {
      ...base,
      role: "AUDITOR",
      // Open texts and live rooms close when the stated purpose runs out.
      expiresAt: statement.expiresAt,
      purpose: statement.purpose,
      canComment: false,
      canEditPlan: false,
      canEditOwnMeasures: false,
      canEditAbout: false,
      canManageParticipants: false,
      canDecideConsent: false,
      canSeeAccessLog: true,
      closed: false,
    };
    return { access, closed };
  }
  throw notFound();
}

/**
 * What access is decided from, in one statement: the plan (in the caller's municipality), whether
 * the caller coordinates it now, and their active participant rows with their valid consents.
 * Every read and change of a plan asks this first, so it is SQL Prisma passes on as written
 * (decision 051): through its query builder it cost the portal about twice the CPU. The
 * consents are filtered by isValidConsent, the same rule as validConsentWhere.
 */
async function accessFacts(tx: Tx, actor: SessionUser, planId: string, now: Date) {
  // One row per consent of each of the caller's active participant rows (or one row without).
  const rows = await tx.$queryRaw<(PlanFacts & ParticipantRow)[]>`
    SELECT p.id, p."municipalityId", p."ownerId", p.status::text AS status, p."consentGivenAt",
      EXISTS (SELECT 1 FROM "CoordinatorAssignment" c WHERE c."planId" = p.id AND c."coordinatorId" = ${actor.id} AND c."endedAt" IS NULL) AS coordinates,
      pa.id AS "participantId", pa.kind::text AS kind, pa.access::text AS access, pc."validFrom", pc."validTo", pc."withdrawnAt"
    FROM "Plan" p
    LEFT JOIN "PlanParticipant" pa ON pa."planId" = p.id AND pa."userId" = ${actor.id} AND pa.active
    LEFT JOIN "ParticipantConsent" pc ON pc."participantId" = pa.id
    WHERE p.id = ${planId} AND p."municipalityId" = ${actor.municipalityId}
    ORDER BY pa."createdAt", pa.id`;
  const [first] = rows;
  if (!first) return null;
  const participants = new Map<string, { id: string; kind: ParticipantKind; access: AccessLevel; consents: { validTo: Date | null }[] }>();
  for (const { participantId, kind, access, validFrom, validTo, withdrawnAt } of rows) {
    if (!participantId || !kind || !access) continue;
    const participant = participants.get(participantId) ?? { id: participantId, kind, access, consents: [] };
    participants.set(participantId, participant);
    if (validFrom && isValidConsent({ withdrawnAt, validFrom, validTo }, now)) participant.consents.push({ validTo });
  }
  const { id, municipalityId, ownerId, status, consentGivenAt, coordinates } = first;
  return { id, municipalityId, ownerId, status, consentGivenAt, coordinates, participants: [...participants.values()] };
}

interface PlanFacts {
  id: string;
  municipalityId: string;
  ownerId: string;
  status: PlanStatus;
  consentGivenAt: Date | null;
  coordinates: boolean;
}

/**
 * The participant fields are null where the caller has no active participant row; the consent
 * fields where that row has no consent.
 */
interface ParticipantRow {
  participantId: string | null;
  kind: ParticipantKind | null;
  access: AccessLevel | null;
  validFrom: Date | null;
  validTo: Date | null;
  withdrawnAt: Date | null;
}

export interface PlanScope extends Scope {
  planId: string;
  access: PlanAccess;
}

/**
 * The plan's rules as a policy for write() and read(): the caller's access to the plan, and the
 * right the change needs. A coordinating-unit reader's stated purpose goes with the scope.
 */
export function planPolicy(planId: string, allowed: (access: PlanAccess) => boolean = () => true, options: { forbiddenKey?: string } = {}): Policy<PlanScope> {
  return planPolicyOf(async () => planId, allowed, options);
}

/**
 * planPolicy for a row of a plan (a goal, a measure, a participant): `planOf` finds its plan in
 * the caller's municipality, with the same client (a change's transaction); a row elsewhere is NOT_FOUND.
 */
export function planPolicyOf(
  planOf: (tx: Tx, actor: SessionUser) => Promise<string | null | undefined>,
  allowed: (access: PlanAccess) => boolean = () => true,
  options: { forbiddenKey?: string } = {},
): Policy<PlanScope> {
  return {
    async resolve(tx, actor) {
      const planId = await planOf(tx, actor);
      if (!planId) throw notFound();
      const { access: asIfOpen, closed } = await accessByRole(tx, actor, planId);
      const access = readOnlyWhenClosed(asIfOpen, closed);
      // Refused only because the plan is closed: say so, rather than "no access".
      requireRight(allowed(access), closed && allowed(asIfOpen) ? "plan.closedReadOnly" : options.forbiddenKey);
      return {
        municipalityId: access.municipalityId,
        planId,
        planRole: access.role,
        target: { type: "plan", id: planId },
        purpose: access.purpose ?? undefined,
        access,
      };
    },
  };
}

/**
 * Plans whose content the person may see, as a query: the same rules as resolvePlanAccess
 * (owner, representative, current coordinator, or participant with the user's consent to the
 * plan and a valid consent of their own), for lists.
 */
export function planContentWhere(actor: SessionUser, now = new Date()): Prisma.PlanWhereInput {
  return {
    municipalityId: actor.municipalityId,
    OR: [
      { ownerId: actor.id },
      { coordinators: { some: { coordinatorId: actor.id, endedAt: null } } },
      { participants: { some: { userId: actor.id, active: true, kind: "REPRESENTATIVE" } } },
      {
        consentGivenAt: { not: null },
        participants: { some: { userId: actor.id, active: true, consents: { some: validConsentWhere(now) } } },
      },
    ],
  };
}
