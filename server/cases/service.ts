import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import { hasAnyRole, KE_ROLES } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { announceCoordinatorChange, assignCoordinatorInTx } from "../coordinators/service.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import type { CaseType, Prisma } from "../db/generated/client.ts";
import { events } from "../events.ts";
import { resolvePlanAccess } from "../plans/access.ts";
import { id, isoDate, longText, shortText, version } from "../plans/schemas.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { translate } from "../i18n.ts";
import { AppError } from "../trpc/errors.ts";
import { addCalendarDays, addWorkingDays, decisionDeadline, interimReplyDeadline, osloDate } from "./deadlines.ts";
import { getCaseSetting } from "./settings.ts";

const caseType = z.enum(["IP_APPLICATION", "COORDINATOR_REQUEST", "NEED_NOTICE", "COORDINATOR_CHANGE", "COMPLAINT"]);

/** What a service user or relative may apply for themselves in the portal. */
const SELF_SERVICE_TYPES: CaseType[] = ["IP_APPLICATION", "COORDINATOR_REQUEST", "COORDINATOR_CHANGE", "COMPLAINT"];

export const createCaseInput = z.object({
  type: caseType,
  description: shortText(10_000),
  /** The person the case is about, when they have an account (coordinating unit, or a notice from a plan). */
  subjectUserId: id.optional(),
  /** … or their name (a relative applying for someone, a paper or phone case, a hospital's notice). */
  subjectName: z.string().trim().min(2).max(200).optional(),
  planId: id.optional(),
  channel: z.enum(["PORTAL", "PAPER", "PHONE"]).optional(),
  /** Cases registered from paper or phone keep the day they arrived. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

const dateOnly = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00.000Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** The next free number of the year ("2027-0042"); two cases at the same moment are retried (see createCase). */
async function nextReference(tx: Prisma.TransactionClient, municipalityId: string, receivedAt: Date) {
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
  const isStaff = hasAnyRole(actor, ["STAFF", "COORDINATOR"]);
  if (!isKe) {
    if (input.channel && input.channel !== "PORTAL") throw new AppError("FORBIDDEN", "case.onlyKeRegisters");
    if (input.receivedAt) throw new AppError("FORBIDDEN", "case.onlyKeRegisters");
    if (input.type === "NEED_NOTICE" ? !isStaff : !SELF_SERVICE_TYPES.includes(input.type)) throw new AppError("FORBIDDEN", "case.typeNotAllowed");
    if (input.type !== "NEED_NOTICE" && !actor.roles.includes("USER") && !actor.roles.includes("RELATIVE")) {
      throw new AppError("FORBIDDEN", "case.typeNotAllowed");
    }
  }
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 60_000) throw new AppError("BAD_REQUEST", "case.receivedInFuture");

  const created = await retryOnDuplicateReference(() => prisma.$transaction(async (tx) => {
    // Who the case is about.
    let subjectUserId: string | null = null;
    let subjectName = input.subjectName ?? "";
    let planId: string | null = null;
    if (input.planId) {
      // Only someone who may see the plan (or the coordinating unit) can file a case about its owner.
      if (!isKe) await resolvePlanAccess(tx, actor, input.planId);
      const plan = await tx.plan.findFirst({ where: { id: input.planId, municipalityId: actor.municipalityId }, include: { owner: true } });
      if (!plan) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
      planId = plan.id;
      subjectUserId = plan.ownerId;
      subjectName = plan.owner.name;
    } else if (input.subjectUserId && (isKe || isStaff)) {
      const person = await tx.user.findFirst({ where: { id: input.subjectUserId, municipalityId: actor.municipalityId } });
      if (!person) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
      subjectUserId = person.id;
      subjectName = person.name;
    } else if (input.type !== "NEED_NOTICE" && actor.roles.includes("USER") && !input.subjectName) {
      // A service user applies for themselves.
      subjectUserId = actor.id;
      subjectName = actor.name;
    }
    if (!subjectName) throw new AppError("BAD_REQUEST", "case.subjectRequired");

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
        interimReplyDue: asDate(interim.date),
        decisionDue: asDate(decision.date),
        formalDecision: setting.formalDecision,
      },
    });
    await recordAudit(tx, {
      action: "case.create",
      municipalityId: actor.municipalityId,
      actorId: actor.id,
      planId: planId ?? undefined,
      targetType: "case",
      targetId: created.id,
      details: { type: created.type, channel: created.channel },
      meta,
    });
    return created;
  }));
  events.emit("case.changed", { municipalityId: actor.municipalityId, caseId: created.id, action: "case.create" });
  return publicCase(created);
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
  const cases = await prisma.case.findMany({
    where: { municipalityId: actor.municipalityId, OR: [{ subjectUserId: actor.id }, { submittedById: actor.id }] },
    orderBy: { receivedAt: "desc" },
    take: 100,
  });
  return cases.map(publicCase);
}

export const listCasesInput = z
  .object({
    status: z.enum(["OPEN", "ALL", "DECIDED"]).default("OPEN"),
    type: caseType.optional(),
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
  const where: Prisma.CaseWhereInput = {
    municipalityId: actor.municipalityId,
    ...(input.status === "OPEN" ? { status: { in: ["RECEIVED", "IN_PROGRESS"] } } : {}),
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
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({
      where: { id: input.caseId, municipalityId: actor.municipalityId },
      include: { notes: { orderBy: { createdAt: "asc" } } },
    });
    if (!found) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    const isKe = hasAnyRole(actor, KE_ROLES);
    const isParty = found.subjectUserId === actor.id || found.submittedById === actor.id;
    if (!isKe && !isParty) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    await recordAudit(tx, {
      action: "case.view",
      municipalityId: actor.municipalityId,
      actorId: actor.id,
      planId: found.planId ?? undefined,
      targetType: "case",
      targetId: found.id,
      meta,
    });
    if (!isKe) return { ...publicCase(found), internal: null };
    const names = await caseOfficerNames(tx, actor.municipalityId, [
      found.assignedToId,
      found.decidedById,
      found.submittedById,
      ...found.notes.map((n) => n.authorId),
    ]);
    const coordinator = found.planId
      ? await tx.coordinatorAssignment.findFirst({
          where: { planId: found.planId, endedAt: null },
          select: { coordinator: { select: { id: true, name: true } } },
        })
      : null;
    return {
      ...publicCase(found),
      internal: {
        status: found.status,
        channel: found.channel,
        version: found.version,
        planId: found.planId,
        subjectUserId: found.subjectUserId,
        interimReplyDue: found.interimReplyDue,
        formalDecision: found.formalDecision,
        assignedTo: found.assignedToId ? { id: found.assignedToId, name: names.get(found.assignedToId) ?? "" } : null,
        submittedBy: found.submittedById ? { id: found.submittedById, name: names.get(found.submittedById) ?? "" } : null,
        decidedBy: found.decidedById ? { id: found.decidedById, name: names.get(found.decidedById) ?? "" } : null,
        closedAt: found.closedAt,
        planCoordinator: coordinator?.coordinator ?? null,
        notes: found.notes.map((n) => ({ ...n, authorName: names.get(n.authorId) ?? "" })),
        ...deadlineFlags(found),
      },
    };
  });
}

/** One change to a case by the coordinating unit: in a transaction, version-checked, audited, announced. */
async function changeCase<T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  caseId: string,
  expectedVersion: number,
  action: string,
  fn: (tx: Prisma.TransactionClient, current: CaseRow) => Promise<{ data: Prisma.CaseUpdateManyMutationInput; result?: T; planId?: string }>,
) {
  const outcome = await prisma.$transaction(async (tx) => {
    const current = await tx.case.findFirst({ where: { id: caseId, municipalityId: actor.municipalityId } });
    if (!current) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    assertCurrentVersion(current, expectedVersion);
    const change = await fn(tx, current);
    await applyVersioned(
      tx.case.updateMany({ where: { id: caseId, version: expectedVersion }, data: { ...change.data, version: { increment: 1 } } }),
      () => tx.case.findUnique({ where: { id: caseId } }),
    );
    await recordAudit(tx, {
      action,
      municipalityId: actor.municipalityId,
      actorId: actor.id,
      planId: change.planId ?? current.planId ?? undefined,
      targetType: "case",
      targetId: caseId,
      meta,
    });
    return { updated: await tx.case.findUniqueOrThrow({ where: { id: caseId } }), result: change.result };
  });
  events.emit("case.changed", { municipalityId: actor.municipalityId, caseId, action });
  return outcome;
}

const openOnly = (c: CaseRow) => {
  if (c.status === "DECIDED" || c.status === "CLOSED") throw new AppError("CONFLICT", "case.alreadyDecided");
};

export const assignCaseInput = z.object({ caseId: id, version, officerId: id });

export async function assignCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof assignCaseInput>, meta: RequestMeta) {
  const { updated } = await changeCase(prisma, actor, meta, input.caseId, input.version, "case.assign", async (tx, current) => {
    openOnly(current);
    const officer = await tx.user.findFirst({
      where: { id: input.officerId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: { in: ["KE_CASE_OFFICER", "KE_LEADER"] } } } },
    });
    if (!officer) throw new AppError("BAD_REQUEST", "case.notAnOfficer");
    return { data: { assignedToId: officer.id, status: "IN_PROGRESS" } };
  });
  return publicCase(updated);
}

export const addCaseNoteInput = z.object({ caseId: id, body: shortText(10_000) });

export async function addCaseNote(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addCaseNoteInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { id: input.caseId, municipalityId: actor.municipalityId } });
    if (!found) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    const note = await tx.caseNote.create({ data: { caseId: found.id, authorId: actor.id, body: input.body } });
    await recordAudit(tx, { action: "case.note", municipalityId: actor.municipalityId, actorId: actor.id, targetType: "case", targetId: found.id, meta });
    return note;
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

const formatDate = (d: Date) => new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);

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
    received: formatDate(dateOnly(new Date(`${osloDate(c.receivedAt)}T00:00:00Z`))),
    caseType: translate("nb", `case.type.${c.type}`).toLowerCase(),
    expected: formatDate(expectedBy),
    reason: reason?.trim() ? `${reason.trim()} ` : "",
    officer: officerName,
    municipality: municipalityName,
  });
}

export async function sendInterimReply(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof sendInterimReplyInput>, meta: RequestMeta) {
  const { updated } = await changeCase(prisma, actor, meta, input.caseId, input.version, "case.interim_reply", async (_tx, current) => {
    openOnly(current);
    if (current.interimReplySentAt) throw new AppError("CONFLICT", "case.interimAlreadySent");
    // Never promise a day that has already gone.
    const today = osloDate(new Date());
    const expectedBy = input.expectedBy ?? (day(current.decisionDue) >= today ? current.decisionDue : asDate(addWorkingDays(today, 10)));
    if (day(expectedBy) < today) throw new AppError("BAD_REQUEST", "case.expectedInPast");
    const text = interimReplyLetter(current, expectedBy, actor.name, actor.municipalityName, input.reason);
    return { data: { interimReplySentAt: new Date(), interimReplyText: text, status: "IN_PROGRESS" } };
  });
  return publicCase(updated);
}

export const decideCaseInput = z.object({
  caseId: id,
  version,
  outcome: z.enum(["GRANTED", "PARTLY_GRANTED", "REFUSED", "DISMISSED"]),
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
  let handover: { planId: string; result: Awaited<ReturnType<typeof assignCoordinatorInTx>> } | null = null;
  const { updated } = await changeCase(prisma, actor, meta, input.caseId, input.version, "case.decide", async (tx, current) => {
    openOnly(current);
    let planId = current.planId;
    if (granted && current.type === "IP_APPLICATION") {
      if (!current.subjectUserId) throw new AppError("BAD_REQUEST", "case.subjectNeedsAccount");
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
      await recordAudit(tx, { action: "plan.create", municipalityId: actor.municipalityId, actorId: actor.id, planId, targetType: "plan", targetId: planId, meta });
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
            interimReplyDue: asDate(interimReplyDeadline(new Date()).date),
            decisionDue: asDate(decisionDeadline(new Date(), { amount: 10, unit: "WORKING_DAYS" }).date),
          },
        });
      }
    }
    const needsCoordinator = granted && (current.type === "COORDINATOR_REQUEST" || current.type === "COORDINATOR_CHANGE");
    if (needsCoordinator && !input.coordinatorId) throw new AppError("BAD_REQUEST", "case.coordinatorRequired");
    if (granted && input.coordinatorId) {
      planId ??= (await tx.plan.findFirst({ where: { ownerId: current.subjectUserId ?? "", municipalityId: actor.municipalityId, status: { not: "CLOSED" } } }))?.id ?? null;
      if (!planId) throw new AppError("BAD_REQUEST", "case.noPlanForCoordinator");
      handover = { planId, result: await assignCoordinatorInTx(tx, actor, { planId, coordinatorId: input.coordinatorId, handoverNote: input.handoverNote }, meta) };
    }
    return {
      planId: planId ?? undefined,
      data: {
        status: "DECIDED",
        outcome: input.outcome,
        decisionGrounds: input.grounds,
        complaintInfo: current.formalDecision ? (input.complaintInfo?.trim() || translate("nb", "case.complaintInfoDefault")) : (input.complaintInfo ?? null),
        decidedAt: new Date(),
        decidedById: actor.id,
        planId,
      },
    };
  });
  const done = handover as { planId: string; result: Awaited<ReturnType<typeof assignCoordinatorInTx>> } | null;
  if (done) announceCoordinatorChange(actor, done.planId, done.result);
  return { ...publicCase(updated), planId: updated.planId };
}

export const closeCaseInput = z.object({ caseId: id, version });

export async function closeCase(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof closeCaseInput>, meta: RequestMeta) {
  const { updated } = await changeCase(prisma, actor, meta, input.caseId, input.version, "case.close", async (_tx, current) => {
    if (current.status === "CLOSED") throw new AppError("CONFLICT", "case.alreadyClosed");
    return { data: { status: "CLOSED", closedAt: new Date() } };
  });
  return publicCase(updated);
}

/** Case officers of the municipality, for assigning. */
export async function listCaseOfficers(prisma: PrismaClient, actor: SessionUser) {
  return prisma.user.findMany({
    where: { municipalityId: actor.municipalityId, active: true, roles: { some: { role: { in: ["KE_CASE_OFFICER", "KE_LEADER"] } } } },
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
  if (content.length === 0 || content.length > MAX_DOCUMENT_BYTES) throw new AppError("BAD_REQUEST", "case.documentTooLarge");
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { id: input.caseId, municipalityId: actor.municipalityId }, select: { id: true, planId: true } });
    if (!found) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    // The bytes go in as base64 and PostgreSQL decodes them: the same on PostgreSQL and PGlite
    // (pglite-prisma-adapter 0.6 cannot pass Prisma 6.19's Bytes parameters).
    const documentId = randomUUID();
    await tx.$executeRaw`INSERT INTO "CaseDocument" (id, "caseId", name, "mimeType", size, content, "uploadedById")
      VALUES (${documentId}, ${found.id}, ${input.name}, ${input.mimeType}, ${content.length}, decode(${content.toString("base64")}, 'base64'), ${actor.id})`;
    const document = await tx.caseDocument.findUniqueOrThrow({
      where: { id: documentId },
      select: { id: true, name: true, mimeType: true, size: true, createdAt: true },
    });
    await recordAudit(tx, {
      action: "case.document_add",
      municipalityId: actor.municipalityId,
      actorId: actor.id,
      planId: found.planId ?? undefined,
      targetType: "case",
      targetId: found.id,
      details: { documentId: document.id, name: document.name },
      meta,
    });
    return document;
  });
}

export async function listCaseDocuments(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseIdInput>) {
  const found = await prisma.case.findFirst({ where: { id: input.caseId, municipalityId: actor.municipalityId }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
  return prisma.caseDocument.findMany({
    where: { caseId: found.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, mimeType: true, size: true, createdAt: true, uploadedById: true },
  });
}

export const documentInput = z.object({ caseId: id, documentId: id });

/** One document's content, for download; reading it is audited. */
export async function getCaseDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof documentInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const document = await tx.caseDocument.findFirst({
      where: { id: input.documentId, caseId: input.caseId, case: { municipalityId: actor.municipalityId } },
      select: { id: true, name: true, mimeType: true, case: { select: { planId: true } } },
    });
    if (!document) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    const [{ content }] = await tx.$queryRaw<{ content: string }[]>`SELECT encode(content, 'base64') AS content FROM "CaseDocument" WHERE id = ${document.id}`;
    await recordAudit(tx, {
      action: "case.document_view",
      municipalityId: actor.municipalityId,
      actorId: actor.id,
      planId: document.case.planId ?? undefined,
      targetType: "case",
      targetId: input.caseId,
      details: { documentId: document.id },
      meta,
    });
    // encode() wraps its output every 76 characters.
    return { name: document.name, mimeType: document.mimeType, contentBase64: content.replace(/\s/g, "") };
  });
}

export const findPersonInput = z.object({ query: z.string().trim().min(2).max(100) });

/** Service users of the municipality by name or e-mail, for linking a case to an account (at most 20). */
export async function findCasePerson(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof findPersonInput>) {
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
  const { updated } = await changeCase(prisma, actor, meta, input.caseId, input.version, "case.link_subject", async (tx, current) => {
    openOnly(current);
    const person = await tx.user.findFirst({
      where: { id: input.userId, municipalityId: actor.municipalityId, active: true, roles: { some: { role: "USER" } } },
      select: { id: true, name: true },
    });
    if (!person) throw new AppError("BAD_REQUEST", "case.notAServiceUser");
    return { data: { subjectUserId: person.id, subjectName: person.name } };
  });
  return publicCase(updated);
}
