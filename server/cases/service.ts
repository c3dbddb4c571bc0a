import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CaseChannel, CaseOutcome, CaseType, isOneOf, KE_ROLES, OPEN_CASE_STATUSES, SELF_SERVICE_CASE_TYPES, STAFF_ROLES } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import { calendarDate, calendarDay, formatDate, osloDate } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { handOver } from "../coordinators/service.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError, notFound } from "../errors.ts";
import { translate } from "../i18n.ts";
import { resolvePlanAccess } from "../plans/access.ts";
import { isoDate, longText, shortText, version } from "../plans/schemas.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { rolePolicy, selfPolicy } from "../records/policy.ts";
import { read } from "../records/read.ts";
import { write, type Change, type DetailsOf } from "../records/write.ts";
import { caseHandlingPolicy, casePartyWhere, caseReadPolicy, type CaseScope } from "./access.ts";
import { addCalendarDays, addWorkingDays, decisionDeadline, interimReplyDeadline } from "./deadlines.ts";
import { getCaseSetting } from "./settings.ts";

const coordinatingUnit = rolePolicy(KE_ROLES);

export const createCaseInput = z.object({
  type: CaseType,
  description: shortText(10_000),
  /** The person the case is about, when they have an account (coordinating unit, or a notice from a plan). */
  subjectUserId: id.optional(),
  /** … or their name (a relative applying for someone, a paper or phone case, a hospital's notice). */
  subjectName: z.string().trim().min(2).max(200).optional(),
  planId: id.optional(),
  channel: CaseChannel.optional(),
  /** Cases registered from paper or phone keep the day they arrived. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

/** The next free number of the year ("2027-0042"); two cases at the same moment are retried (see createCase). */
async function nextReference(tx: Tx, municipalityId: string, receivedAt: Date) {
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

      const setting = await getCaseSetting(tx, actor.municipalityId, input.type);
      const decision = decisionDeadline(receivedAt, { amount: setting.deadlineAmount, unit: setting.deadlineUnit });
      const interim = interimReplyDeadline(receivedAt);
      const created = await tx.case.create({
        data: {
          municipalityId: actor.municipalityId,
          reference: await nextReference(tx, actor.municipalityId, receivedAt),
          type: input.type,
          channel: input.channel ?? "PORTAL",
          subjectUserId,
          subjectName,
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
      if ((error as { code?: string }).code !== "P2002" || attempt >= attempts) throw error;
    }
  }
}

/** How the person themselves sees the case's progress: "Mottatt", "Under behandling", "Foreløpig svar sendt", "Avgjort". */
export function personStatus(c: { status: string; interimReplySentAt: Date | null; assignedToId: string | null }) {
  if (c.status === "DECIDED" || c.status === "CLOSED") return "DECIDED" as const;
  if (c.interimReplySentAt) return "INTERIM_SENT" as const;
  if (c.status === "IN_PROGRESS" || c.assignedToId) return "IN_PROGRESS" as const;
  return "RECEIVED" as const;
}

type CaseRow = Prisma.CaseGetPayload<object>;

/** What the applicant and the person the case is about may see: no internal notes or handling details. */
function publicCase(c: CaseRow) {
  return {
    id: c.id,
    reference: c.reference,
    type: c.type,
    personStatus: personStatus(c),
    receivedAt: c.receivedAt,
    subjectName: c.subjectName,
    description: c.description,
    decisionDue: c.decisionDue,
    interimReplySentAt: c.interimReplySentAt,
    interimReplyText: c.interimReplyText,
    decidedAt: c.decidedAt,
    outcome: c.outcome,
    decisionGrounds: c.decisionGrounds,
    complaintInfo: c.complaintInfo,
  };
}

/** The cases I sent or that are about me. */
export async function listMyCases(prisma: PrismaClient, actor: SessionUser) {
  // Only the person's own: cases they sent, about them, or about someone they represent.
  const cases = await prisma.case.findMany({
    where: await casePartyWhere(prisma, actor),
    orderBy: { receivedAt: "desc" },
    take: 100,
  });
  return cases.map(publicCase);
}

export const listCasesInput = z
  .object({
    status: z.enum(["OPEN", "ALL", "DECIDED"]).default("OPEN"),
    type: CaseType.optional(),
    assignedToId: id.optional(),
  })
  .default({ status: "OPEN" });

/** Deadline flags for lists and the dashboard, from Oslo's today. */
export function deadlineFlags(c: { status: string; interimReplyDue: Date; decisionDue: Date; interimReplySentAt: Date | null }, today = osloDate(new Date())) {
  const open = c.status !== "DECIDED" && c.status !== "CLOSED";
  const decisionDue = c.decisionDue.toISOString().slice(0, 10);
  const interimDue = c.interimReplyDue.toISOString().slice(0, 10);
  return {
    decisionOverdue: open && decisionDue < today,
    // The interim reply is owed only while the case is undecided at its deadline.
    interimOverdue: open && !c.interimReplySentAt && interimDue < today,
    dueWithin7Days: open && decisionDue >= today && decisionDue <= addCalendarDays(today, 7),
  };
}

/** Every case of the municipality, for the coordinating unit; overdue first. */
export async function listCases(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof listCasesInput>) {
  await rolePolicy([...KE_ROLES, "ADMIN"]).resolve(prisma, actor);
  const where: Prisma.CaseWhereInput = {
    municipalityId: actor.municipalityId,
    ...(input.status === "OPEN" ? { status: { in: [...OPEN_CASE_STATUSES] } } : {}),
    ...(input.status === "DECIDED" ? { status: { in: ["DECIDED", "CLOSED"] } } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.assignedToId ? { assignedToId: input.assignedToId } : {}),
  };
  const cases = await prisma.case.findMany({ where, orderBy: [{ decisionDue: "asc" }, { receivedAt: "asc" }], take: 500 });
  const officers = await caseOfficerNames(prisma, actor.municipalityId, cases.map((c) => c.assignedToId));
  const today = osloDate(new Date());
  return cases
    .map((c) => ({
      id: c.id,
      reference: c.reference,
      type: c.type,
      channel: c.channel,
      status: c.status,
      personStatus: personStatus(c),
      subjectName: c.subjectName,
      receivedAt: c.receivedAt,
      interimReplyDue: c.interimReplyDue,
      decisionDue: c.decisionDue,
      interimReplySentAt: c.interimReplySentAt,
      assignedTo: c.assignedToId ? { id: c.assignedToId, name: officers.get(c.assignedToId) ?? "" } : null,
      ...deadlineFlags(c, today),
    }))
    .sort((a, b) => Number(b.decisionOverdue || b.interimOverdue) - Number(a.decisionOverdue || a.interimOverdue));
}

async function caseOfficerNames(prisma: Tx, municipalityId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  const users = await prisma.user.findMany({ where: { id: { in: wanted }, municipalityId }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export const caseIdInput = z.object({ caseId: id });

/**
 * One case. The coordinating unit sees everything, with notes; the person it is about and the
 * one who sent it see the public part. Anyone else: NOT_FOUND.
 */
export async function getCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseIdInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, caseReadPolicy(input.caseId), "case.view", async (tx, { found, handles }) => ({
    result: { ...publicCase(found), internal: handles ? await internalView(tx, actor, found) : null },
  }));
}

/** What only the coordinating unit sees of a case: handling, notes, deadlines. */
async function internalView(tx: Tx, actor: SessionUser, found: CaseRow) {
  const notes = await tx.caseNote.findMany({ where: { caseId: found.id }, orderBy: { createdAt: "asc" } });
  const names = await caseOfficerNames(tx, actor.municipalityId, [found.assignedToId, found.decidedById, found.submittedById, ...notes.map((n) => n.authorId)]);
  const coordinator = found.planId
    ? await tx.coordinatorAssignment.findFirst({ where: { planId: found.planId, endedAt: null }, select: { coordinator: { select: { id: true, name: true } } } })
    : null;
  const person = (personId: string | null) => (personId ? { id: personId, name: names.get(personId) ?? "" } : null);
  return {
    status: found.status,
    channel: found.channel,
    version: found.version,
    planId: found.planId,
    subjectUserId: found.subjectUserId,
    interimReplyDue: found.interimReplyDue,
    formalDecision: found.formalDecision,
    assignedTo: person(found.assignedToId),
    submittedBy: person(found.submittedById),
    decidedBy: person(found.decidedById),
    closedAt: found.closedAt,
    planCoordinator: coordinator?.coordinator ?? null,
    notes: notes.map((n) => ({ ...n, authorName: names.get(n.authorId) ?? "" })),
    ...deadlineFlags(found),
  };
}

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
});

/**
 * Decides a case. Granting an individual plan creates the plan (the user's consent to it is the
 * application itself) and, when a coordinator is named, appoints them in the same transaction;
 * otherwise it opens a coordinator case. Granting a coordinator appoints one atomically.
 */
export async function decideCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof decideCaseInput>, meta: RequestMeta) {
  const granted = input.outcome === "GRANTED" || input.outcome === "PARTLY_GRANTED";
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.decide", async (tx, { found: current }) => {
    assertCurrentVersion(current, input.version);
    openOnly(current);
    let planId = current.planId;
    let planCreated = false;
    if (granted && current.type === "IP_APPLICATION") {
      if (!current.subjectUserId) throw new DomainError("BAD_REQUEST", "case.subjectNeedsAccount");
      const plan = await tx.plan.create({
        data: {
          municipalityId: actor.municipalityId,
          ownerId: current.subjectUserId,
          status: "DRAFT",
          consentGivenAt: current.submittedById === current.subjectUserId ? current.receivedAt : null,
          consentGivenBy: current.submittedById === current.subjectUserId ? current.subjectUserId : null,
        },
      });
      planId = plan.id;
      planCreated = true;
      if (!input.coordinatorId) {
        await tx.case.create({
          data: {
            municipalityId: actor.municipalityId,
            reference: await nextReference(tx, actor.municipalityId, new Date()),
            type: "COORDINATOR_REQUEST",
            channel: "PORTAL",
            subjectUserId: current.subjectUserId,
            subjectName: current.subjectName,
            submittedById: actor.id,
            planId,
            description: translate("nb", "case.coordinatorFollowUp", { reference: current.reference }),
            receivedAt: new Date(),
            interimReplyDue: calendarDate(interimReplyDeadline(new Date()).date),
            decisionDue: calendarDate(decisionDeadline(new Date(), { amount: 10, unit: "WORKING_DAYS" }).date),
          },
        });
      }
    }
    const needsCoordinator = granted && (current.type === "COORDINATOR_REQUEST" || current.type === "COORDINATOR_CHANGE");
    if (needsCoordinator && !input.coordinatorId) throw new DomainError("BAD_REQUEST", "case.coordinatorRequired");
    let coordinator: { from: string | null; to: string } | null = null;
    if (granted && input.coordinatorId) {
      planId ??= (await tx.plan.findFirst({ where: { ownerId: current.subjectUserId ?? "", municipalityId: actor.municipalityId, status: { not: "CLOSED" } } }))?.id ?? null;
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
          version: { increment: 1 },
        },
      }),
      () => tx.case.findUnique({ where: { id: current.id } }),
    );
    const updated = await tx.case.findUniqueOrThrow({ where: { id: current.id } });
    return {
      result: { ...publicCase(updated), planId: updated.planId },
      planId,
      details: { outcome: input.outcome, planCreated, coordinator },
      revoked: coordinator?.from ? [coordinator.from] : [],
    };
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2002") throw new DomainError("CONFLICT", "coordinator.concurrent");
    throw error;
  });
}

export const closeCaseInput = z.object({ caseId: id, version });

export async function closeCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof closeCaseInput>, meta: RequestMeta) {
  return changeCase(prisma, actor, meta, input, "case.close", async (_tx, { found }) => {
    if (found.status === "CLOSED") throw new DomainError("CONFLICT", "case.alreadyClosed");
    return { data: { status: "CLOSED", closedAt: new Date() }, details: undefined };
  });
}

/** Case officers of the municipality, for assigning. */
export async function listCaseOfficers(prisma: PrismaClient, actor: SessionUser) {
  await coordinatingUnit.resolve(prisma, actor);
  return prisma.user.findMany({
    where: { municipalityId: actor.municipalityId, active: true, roles: { some: { role: { in: [...KE_ROLES] } } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** 10 MB: scanned letters and reports, not video. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ALLOWED_DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];

export const addDocumentInput = z.object({
  caseId: id,
  name: shortText(200),
  mimeType: z.enum(ALLOWED_DOCUMENT_TYPES as [string, ...string[]]),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4),
});

/** Attaches a document to a case (coordinating unit only), audited with the case. */
export async function addCaseDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addDocumentInput>, meta: RequestMeta) {
  const content = Buffer.from(input.contentBase64, "base64");
  if (content.length === 0 || content.length > MAX_DOCUMENT_BYTES) throw new DomainError("BAD_REQUEST", "case.documentTooLarge");
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.document_add", async (tx, { found }) => {
    // The bytes go in as base64 and PostgreSQL decodes them: the same on PostgreSQL and PGlite
    // (pglite-prisma-adapter 0.6 cannot pass Prisma 6.19's Bytes parameters).
    const documentId = randomUUID();
    await tx.$executeRaw`INSERT INTO "CaseDocument" (id, "caseId", name, "mimeType", size, content, "uploadedById")
      VALUES (${documentId}, ${found.id}, ${input.name}, ${input.mimeType}, ${content.length}, decode(${content.toString("base64")}, 'base64'), ${actor.id})`;
    const document = await tx.caseDocument.findUniqueOrThrow({
      where: { id: documentId },
      select: { id: true, name: true, mimeType: true, size: true, createdAt: true },
    });
    return { result: document, details: { documentId: document.id, name: document.name } };
  });
}

export async function listCaseDocuments(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseIdInput>) {
  const { found } = await caseHandlingPolicy(input.caseId).resolve(prisma, actor);
  return prisma.caseDocument.findMany({
    where: { caseId: found.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, mimeType: true, size: true, createdAt: true, uploadedById: true },
  });
}

export const documentInput = z.object({ caseId: id, documentId: id });

/** One document's content, for download; reading it is audited. */
export async function getCaseDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof documentInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.document_view", async (tx, { found }) => {
    const document = await tx.caseDocument.findFirst({ where: { id: input.documentId, caseId: found.id }, select: { id: true, name: true, mimeType: true } });
    if (!document) throw notFound();
    const [{ content }] = await tx.$queryRaw<{ content: string }[]>`SELECT encode(content, 'base64') AS content FROM "CaseDocument" WHERE id = ${document.id}`;
    // encode() wraps its output every 76 characters.
    return { result: { name: document.name, mimeType: document.mimeType, contentBase64: content.replace(/\s/g, "") }, details: { documentId: document.id } };
  });
}

export const findPersonInput = z.object({ query: z.string().trim().min(2).max(100) });

/** Service users of the municipality by name or e-mail, for linking a case to an account (at most 20). */
export async function findCasePerson(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof findPersonInput>) {
  await coordinatingUnit.resolve(prisma, actor);
  return prisma.user.findMany({
    where: {
      municipalityId: actor.municipalityId,
      active: true,
      roles: { some: { role: "USER" } },
      OR: [{ name: { contains: input.query, mode: "insensitive" } }, { email: { contains: input.query.toLowerCase() } }],
    },
    orderBy: { name: "asc" },
    take: 20,
    select: { id: true, name: true, email: true },
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
      select: { id: true, name: true },
    });
    if (!person) throw new DomainError("BAD_REQUEST", "case.notAServiceUser");
    return { data: { subjectUserId: person.id, subjectName: person.name }, details: undefined };
  });
}
