import { z } from "zod";
import { calendarDate, osloDate } from "../../app/domain/oslo-time.ts";
import { CaseChannel, CaseType, id, instant, isOneOf, KE_ROLES, SELF_SERVICE_CASE_TYPES, STAFF_ROLES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { resolvePlanAccess } from "../plans/access.ts";
import { shortText } from "../plans/schemas.ts";
import { selfPolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { caseDeadlines } from "./deadlines.ts";
import { findPersonByHash, sealTypedIdentity, type SealedIdentity } from "./persons.ts";
import { birthDateOfSealed } from "../identity/protect.ts";
import { publicCase } from "./read.ts";
import { getCaseSetting } from "./settings.ts";
import { uniqueViolation } from "../db/unique.ts";

// Receiving a case: in the portal from the person or a relative, as a notice of need from staff, or
// registered by the coordinating unit from paper or phone. Deadlines are fixed at receipt.

export const createCaseInput = z.object({
  type: CaseType,
  description: shortText(10_000),
  /** The person the case is about, when they have an account (coordinating unit, or a notice from a plan). */
  subjectUserId: id.optional(),
  /** … or their name (a relative applying for someone, a paper or phone case, a hospital's notice). */
  subjectName: z.string().trim().min(2).max(200).optional(),
  /**
   * … with their national identity number (fødselsnummer or D-nummer): checked, stored sealed and
   * hashed on the case, and the case is linked to the person with that number if there is one.
   */
  subjectIdentityNumber: z.string().trim().max(20).optional(),
  planId: id.optional(),
  channel: CaseChannel.optional(),
  /** Cases registered from paper or phone keep the day they arrived. */
  receivedAt: instant.optional(),
});

/** The next free number of the year ("2027-0042"); two cases at the same moment are retried (see createCase). */
export async function nextReference(tx: Tx, municipalityId: string, receivedAt: Date) {
  const year = osloDate(receivedAt).slice(0, 4);
  const last = await tx.case.findFirst({
    where: { municipalityId, reference: { startsWith: `${year}-` } },
    orderBy: { reference: "desc" },
    select: { reference: true },
  });
  const number = last ? Number(last.reference.slice(5)) + 1 : 1;
  return `${year}-${String(Number.isFinite(number) ? number : 1).padStart(4, "0")}`;
}

/**
 * Receives a case. The service user (or a relative on their behalf) applies in the portal; staff
 * send a notice of need; the coordinating unit registers what came on paper or by phone. The
 * deadlines are fixed at receipt from the case type's setting.
 */
export async function createCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createCaseInput>, meta: RequestMeta) {
  const isKe = hasAnyRole(actor, KE_ROLES);
  const isStaff = hasAnyRole(actor, STAFF_ROLES);
  if (!isKe) {
    if (input.channel && input.channel !== "PORTAL") throw new DomainError("FORBIDDEN", "case.onlyKeRegisters");
    if (input.receivedAt) throw new DomainError("FORBIDDEN", "case.onlyKeRegisters");
    if (input.type === "NEED_NOTICE" ? !isStaff : !isOneOf(SELF_SERVICE_CASE_TYPES, input.type)) throw new DomainError("FORBIDDEN", "case.typeNotAllowed");
    if (input.type !== "NEED_NOTICE" && !hasAnyRole(actor, ["USER", "RELATIVE"])) throw new DomainError("FORBIDDEN", "case.typeNotAllowed");
  }
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 60_000) throw new DomainError("BAD_REQUEST", "case.receivedInFuture");
  // Refused with what is wrong before anything is written; never echoed back.
  const typed = input.subjectIdentityNumber ? sealTypedIdentity(input.subjectIdentityNumber) : null;

  return retryOnDuplicateReference(() =>
    write(prisma, actor, meta, selfPolicy, "case.create", async (tx) => {
      // Who the case is about.
      let subjectUserId: string | null = null;
      let subjectName = input.subjectName ?? "";
      let planId: string | null = null;
      if (input.planId) {
        // Only someone who may see the plan (or the coordinating unit) can file a case about its owner.
        if (!isKe) await resolvePlanAccess(tx, actor, input.planId);
        const plan = await tx.plan.findFirst({ where: { id: input.planId, municipalityId: actor.municipalityId }, include: { owner: true } });
        if (!plan) throw notFound();
        planId = plan.id;
        subjectUserId = plan.ownerId;
        subjectName = plan.owner.name;
      } else if (input.subjectUserId && (isKe || isStaff)) {
        const person = await tx.user.findFirst({ where: { id: input.subjectUserId, municipalityId: actor.municipalityId } });
        if (!person) throw notFound();
        subjectUserId = person.id;
        subjectName = person.name;
      } else if (input.type !== "NEED_NOTICE" && actor.roles.includes("USER") && !input.subjectName) {
        // A service user applies for themselves.
        subjectUserId = actor.id;
        subjectName = actor.name;
      }
      if (!subjectName) throw new DomainError("BAD_REQUEST", "case.subjectRequired");

      // The person's identity number: the known person's own, or the one typed on the case.
      let identity: SealedIdentity | null = typed;
      if (subjectUserId) {
        const known = await tx.user.findUniqueOrThrow({ where: { id: subjectUserId }, select: { identityEnc: true, identityHash: true } });
        if (known.identityEnc && known.identityHash) {
          if (typed && typed.identityHash !== known.identityHash) throw new DomainError("BAD_REQUEST", "casePerson.identityMismatch");
          identity = { identityEnc: known.identityEnc, identityHash: known.identityHash };
        }
      } else if (typed) {
        // A case by name finds the person by their number. The name stays as the sender wrote it:
        // nothing about the person found goes back to whoever sent the case.
        subjectUserId = (await findPersonByHash(tx, actor.municipalityId, typed.identityHash))?.id ?? null;
      }

      const setting = await getCaseSetting(tx, actor.municipalityId, input.type);
      const { decision, interimReply: interim } = caseDeadlines(receivedAt, { amount: setting.deadlineAmount, unit: setting.deadlineUnit });
      const created = await tx.case.create({
        data: {
          municipalityId: actor.municipalityId,
          reference: await nextReference(tx, actor.municipalityId, receivedAt),
          type: input.type,
          channel: input.channel ?? "PORTAL",
          subjectUserId,
          subjectName,
          subjectIdentityEnc: identity?.identityEnc ?? null,
          subjectIdentityHash: identity?.identityHash ?? null,
          subjectBirthDate: birthDateOfSealed(identity?.identityEnc),
          submittedById: input.channel && input.channel !== "PORTAL" ? null : actor.id,
          planId,
          description: input.description,
          receivedAt,
          interimReplyDue: calendarDate(interim.date),
          decisionDue: calendarDate(decision.date),
          formalDecision: setting.formalDecision,
        },
      });
      return { result: publicCase(created), planId, caseId: created.id, target: { type: "case", id: created.id }, details: { type: created.type, channel: created.channel } };
    }),
  );
}

/** Two cases received at the same moment may pick the same number; the loser takes the next. */
async function retryOnDuplicateReference<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!uniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}
