import { z } from "zod";
import { calendarDate, calendarDay, formatDate, osloDate } from "../../app/domain/oslo-time.ts";
import { CaseOutcome, id, KE_ROLES, TemplatePlanType } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { handOver } from "../coordinators/service.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError } from "../errors.ts";
import { translate } from "../i18n.ts";
import { isoDate, longText, shortText, version } from "../plans/schemas.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { write, type Change, type DetailsOf } from "../records/write.ts";
import { caseHandlingPolicy, type CaseScope } from "./access.ts";
import { addWorkingDays } from "../../app/domain/working-days.ts";
import { caseDeadlines } from "./deadlines.ts";
import { conflictOfConcurrentGrant, grantIndividualPlan, representativeInput, sealRepresentatives, type Grant } from "./grant.ts";
import { nextReference } from "./intake.ts";
import { findPersonByHash, openPlanOf, sealTypedIdentity } from "./persons.ts";
import { birthDateOfSealed } from "../identity/protect.ts";
import { publicCase, type CaseRow } from "./read.ts";

// The coordinating unit handles a case: assigns it, writes notes, sends the interim reply,
// decides (creating the plan or appointing a coordinator), links it to an account, closes it.

type CaseAction = "case.assign" | "case.interim_reply" | "case.close" | "case.link_subject";

/** One change of a case's own row by the coordinating unit: version-checked, through write(). */
async function changeCase<A extends CaseAction>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  input: { caseId: string; version: number },
  action: A,
  fn: (tx: Prisma.TransactionClient, scope: CaseScope) => Promise<{ data: Prisma.CaseUpdateManyMutationInput; details: DetailsOf<A> }>,
) {
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), action, async (tx, scope) => {
    assertCurrentVersion(scope.found, input.version);
    const change = await fn(tx, scope);
    await applyVersioned(
      tx.case.updateMany({ where: { id: input.caseId, version: input.version }, data: { ...change.data, version: { increment: 1 } } }),
      () => tx.case.findUnique({ where: { id: input.caseId } }),
    );
    const updated = await tx.case.findUniqueOrThrow({ where: { id: input.caseId } });
    // A is one of the case actions; TypeScript cannot resolve DetailsOf<A> for a generic A.
    return { result: publicCase(updated), details: change.details } as unknown as Change<A, ReturnType<typeof publicCase>>;
  });
}

const openOnly = (c: CaseRow) => {
  if (c.status === "DECIDED" || c.status === "CLOSED") throw new DomainError("CONFLICT", "case.alreadyDecided");
};

export const assignCaseInput = z.object({ caseId: id, version, officerId: id });

export async function assignCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof assignCaseInput>, meta: RequestMeta) {
  return changeCase(prisma, actor, meta, input, "case.assign", async (tx, { found }) => {
    openOnly(found);
    const officer = await tx.user.findFirst({
      where: { id: input.officerId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: { in: [...KE_ROLES] } } } },
    });
    if (!officer) throw new DomainError("BAD_REQUEST", "case.notAnOfficer");
    return { data: { assignedToId: officer.id, status: "IN_PROGRESS" }, details: { officerId: officer.id } };
  });
}

export const addCaseNoteInput = z.object({ caseId: id, body: shortText(10_000) });

export async function addCaseNote(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addCaseNoteInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.note", async (tx, { found }) => {
    const note = await tx.caseNote.create({ data: { caseId: found.id, authorId: actor.id, body: input.body } });
    return { result: note };
  });
}

export const sendInterimReplyInput = z.object({
  caseId: id,
  version,
  /** Why it takes time, in plain words; goes into the letter. */
  reason: longText(2000).optional(),
  /** When the person can expect an answer; by default the decision deadline, or 10 working days from today if that has passed. */
  expectedBy: isoDate.optional(),
});

/** The interim reply (forvaltningsloven § 11 a), from the Norwegian template, recorded on the case and shown to the person. */
export function interimReplyLetter(
  c: Pick<CaseRow, "reference" | "receivedAt" | "type">,
  expectedBy: Date,
  officerName: string,
  municipalityName: string,
  reason?: string,
) {
  return translate("nb", "case.interimTemplate", {
    reference: c.reference,
    received: formatDate(calendarDate(osloDate(c.receivedAt)), "nb"),
    caseType: translate("nb", `case.type.${c.type}`).toLowerCase(),
    expected: formatDate(expectedBy, "nb"),
    reason: reason?.trim() ? `${reason.trim()} ` : "",
    officer: officerName,
    municipality: municipalityName,
  });
}

export async function sendInterimReply(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof sendInterimReplyInput>, meta: RequestMeta) {
  return changeCase(prisma, actor, meta, input, "case.interim_reply", async (_tx, { found }) => {
    openOnly(found);
    if (found.interimReplySentAt) throw new DomainError("CONFLICT", "case.interimAlreadySent");
    // Never promise a day that has already gone.
    const today = osloDate(new Date());
    const expectedBy = input.expectedBy ?? (calendarDay(found.decisionDue) >= today ? found.decisionDue : calendarDate(addWorkingDays(today, 10)));
    if (calendarDay(expectedBy) < today) throw new DomainError("BAD_REQUEST", "case.expectedInPast");
    const text = interimReplyLetter(found, expectedBy, actor.name, actor.municipalityName, input.reason);
    return { data: { interimReplySentAt: new Date(), interimReplyText: text, status: "IN_PROGRESS" }, details: undefined };
  });
}

export const decideCaseInput = z.object({
  caseId: id,
  version,
  outcome: CaseOutcome,
  grounds: shortText(20_000),
  complaintInfo: longText(5000).optional(),
  /** Granting a coordinator (or an IP with one named at once): who. */
  coordinatorId: id.optional(),
  handoverNote: z.string().trim().max(5000).optional(),
  /** The person's identity number, when the case came without one and is not linked to a person. */
  subjectIdentityNumber: z.string().trim().max(20).optional(),
  /** A plan for a child under 16: the parents or guardians who act for them. */
  representatives: z.array(representativeInput).max(4).optional(),
  /** Granting a plan: its type (docs/decisions/028); an individual plan unless said. */
  planType: TemplatePlanType.optional(),
});

/**
 * Decides a case. Granting an individual plan (server/cases/grant.ts) links the case to the
 * person's open plan if they have one, or creates the plan, and the person without an account if
 * they are new (the user's consent to the plan is the application itself when they or their
 * parent sent it); when a coordinator is named, they are appointed in the same transaction,
 * otherwise a new plan gets a coordinator case. Granting a coordinator appoints one atomically.
 */
export async function decideCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof decideCaseInput>, meta: RequestMeta) {
  const granted = input.outcome === "GRANTED" || input.outcome === "PARTLY_GRANTED";
  // Typed numbers are checked before anything is written, with what is wrong and whose it is.
  const typed = input.subjectIdentityNumber ? sealTypedIdentity(input.subjectIdentityNumber) : null;
  const representatives = sealRepresentatives(input.representatives);
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.decide", async (tx, { found: current }) => {
    assertCurrentVersion(current, input.version);
    openOnly(current);
    let planId = current.planId;
    let grant: Grant | null = null;
    let subjectUserId = current.subjectUserId;
    if (granted && current.type === "IP_APPLICATION") {
      grant = await grantIndividualPlan(tx, actor, current, typed, representatives, input.planType);
      planId = grant.planId;
      subjectUserId = grant.personId;
      if (grant.planCreated && !input.coordinatorId) {
        const followUp = caseDeadlines(new Date(), { amount: 10, unit: "WORKING_DAYS" });
        await tx.case.create({
          data: {
            municipalityId: actor.municipalityId,
            reference: await nextReference(tx, actor.municipalityId, new Date()),
            type: "COORDINATOR_REQUEST",
            channel: "PORTAL",
            subjectUserId: grant.personId,
            subjectName: current.subjectName,
            subjectIdentityEnc: grant.identity?.identityEnc ?? current.subjectIdentityEnc,
            subjectIdentityHash: grant.identity?.identityHash ?? current.subjectIdentityHash,
            subjectBirthDate: birthDateOfSealed(grant.identity?.identityEnc ?? current.subjectIdentityEnc),
            submittedById: actor.id,
            planId,
            description: translate("nb", "case.coordinatorFollowUp", { reference: current.reference }),
            receivedAt: new Date(),
            interimReplyDue: calendarDate(followUp.interimReply.date),
            decisionDue: calendarDate(followUp.decision.date),
          },
        });
      }
    }
    const needsCoordinator = granted && (current.type === "COORDINATOR_REQUEST" || current.type === "COORDINATOR_CHANGE");
    if (needsCoordinator && !input.coordinatorId) throw new DomainError("BAD_REQUEST", "case.coordinatorRequired");
    let coordinator: { from: string | null; to: string } | null = null;
    if (granted && input.coordinatorId) {
      // A case by name is about the person with its identity number, if there is one.
      subjectUserId ??= current.subjectIdentityHash ? ((await findPersonByHash(tx, actor.municipalityId, current.subjectIdentityHash))?.id ?? null) : null;
      // The person's open plan is their open IP, by the same rule as the grant and the database.
      planId ??= subjectUserId ? ((await openPlanOf(tx, actor.municipalityId, subjectUserId))?.id ?? null) : null;
      if (!planId) throw new DomainError("BAD_REQUEST", "case.noPlanForCoordinator");
      const handover = await handOver(tx, actor, { planId, coordinatorId: input.coordinatorId, handoverNote: input.handoverNote });
      coordinator = { from: handover.previous, to: handover.assignment.coordinatorId };
    }
    await applyVersioned(
      tx.case.updateMany({
        where: { id: current.id, version: input.version },
        data: {
          status: "DECIDED",
          outcome: input.outcome,
          decisionGrounds: input.grounds,
          complaintInfo: current.formalDecision ? input.complaintInfo?.trim() || translate("nb", "case.complaintInfoDefault") : (input.complaintInfo ?? null),
          decidedAt: new Date(),
          decidedById: actor.id,
          planId,
          subjectUserId,
          ...(grant?.identity ? { subjectIdentityEnc: grant.identity.identityEnc, subjectIdentityHash: grant.identity.identityHash, subjectBirthDate: birthDateOfSealed(grant.identity.identityEnc) } : {}),
          version: { increment: 1 },
        },
      }),
      () => tx.case.findUnique({ where: { id: current.id } }),
    );
    const updated = await tx.case.findUniqueOrThrow({ where: { id: current.id } });
    return {
      result: { ...publicCase(updated), planId: updated.planId, planCreated: grant?.planCreated ?? false, planLinked: grant?.planLinked ?? false },
      planId,
      details: {
        outcome: input.outcome,
        planCreated: grant?.planCreated ?? false,
        planLinked: grant?.planLinked ?? false,
        personCreated: grant?.personCreated ?? false,
        representatives: grant?.representatives ?? 0,
        coordinator,
      },
      revoked: coordinator?.from ? [coordinator.from] : [],
    };
  }).catch((error: unknown) => {
    throw conflictOfConcurrentGrant(error) ?? error;
  });
}

export const closeCaseInput = z.object({ caseId: id, version });

export async function closeCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof closeCaseInput>, meta: RequestMeta) {
  return changeCase(prisma, actor, meta, input, "case.close", async (_tx, { found }) => {
    if (found.status === "CLOSED") throw new DomainError("CONFLICT", "case.alreadyClosed");
    return { data: { status: "CLOSED", closedAt: new Date() }, details: undefined };
  });
}

export const linkSubjectInput = z.object({ caseId: id, version, userId: id });

/**
 * Links a case that came in by name (a relative's application, a letter, a phone call) to the
 * person's account, so granting it can create their plan or appoint their coordinator.
 */
export async function linkCaseSubject(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof linkSubjectInput>, meta: RequestMeta) {
  return changeCase(prisma, actor, meta, input, "case.link_subject", async (tx, { found }) => {
    openOnly(found);
    const person = await tx.user.findFirst({
      where: { id: input.userId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: "USER" } } },
      select: { id: true, name: true, identityHash: true },
    });
    if (!person) throw new DomainError("BAD_REQUEST", "case.notAServiceUser");
    // A case given an identity number belongs to the person with that number, no one else.
    if (found.subjectIdentityHash && person.identityHash && person.identityHash !== found.subjectIdentityHash) throw new DomainError("BAD_REQUEST", "casePerson.identityMismatch");
    return { data: { subjectUserId: person.id, subjectName: person.name }, details: undefined };
  });
}
