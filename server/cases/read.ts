import { z } from "zod";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { CaseType, id, KE_ROLES, OPEN_CASE_STATUSES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { rolePolicy, selfPolicy } from "../records/policy.ts";
import { read } from "../records/read.ts";
import { casePartyWhere, caseReadPolicy } from "./access.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import { birthDateOf, isChild, maskedIdentity, recordsOfCaseSubject } from "./persons.ts";

// Reading cases: the person's own (public part), the coordinating unit's lists and one case with
// its handling, and the people a case officer picks from.

const coordinatingUnit = rolePolicy(KE_ROLES);

/** How the person themselves sees the case's progress: "Mottatt", "Under behandling", "Foreløpig svar sendt", "Avgjort". */
export function personStatus(c: { status: string; interimReplySentAt: Date | null; assignedToId: string | null }) {
  if (c.status === "DECIDED" || c.status === "CLOSED") return "DECIDED" as const;
  if (c.interimReplySentAt) return "INTERIM_SENT" as const;
  if (c.status === "IN_PROGRESS" || c.assignedToId) return "IN_PROGRESS" as const;
  return "RECEIVED" as const;
}

export type CaseRow = Prisma.CaseGetPayload<object>;

/** What the applicant and the person the case is about may see: no internal notes or handling details. */
export function publicCase(c: CaseRow) {
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

/**
 * "Mine saker": the cases the person sent, that are about them, or about someone they represent.
 * A case about someone else is that person's information: each one shown is a recorded read.
 */
export async function listMyCases(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return read(prisma, actor, meta, selfPolicy, "case.view", async (tx) => {
    const cases = await tx.case.findMany({ where: await casePartyWhere(tx, actor), orderBy: { receivedAt: "desc" }, take: 100 });
    const othersCases = cases.filter((c) => c.subjectUserId !== actor.id && c.submittedById !== actor.id);
    return { rows: othersCases.map((c) => ({ planId: c.planId, target: { type: "case", id: c.id } })), result: cases.map(publicCase) };
  });
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
export async function listCases(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof listCasesInput>, meta: RequestMeta) {
  // The list names the people the cases are about: each look is recorded.
  return read(prisma, actor, meta, rolePolicy(KE_ROLES), "case.list", async (tx) => {
    const result = await casesOf(tx, actor, input);
    return { result, details: { count: result.length, status: input.status, type: input.type } };
  });
}

async function casesOf(prisma: Tx, actor: SessionUser, input: z.infer<typeof listCasesInput>) {
  const where: Prisma.CaseWhereInput = {
    municipalityId: actor.municipalityId,
    ...(input.status === "OPEN" ? { status: { in: [...OPEN_CASE_STATUSES] } } : {}),
    ...(input.status === "DECIDED" ? { status: { notIn: [...OPEN_CASE_STATUSES] } } : {}),
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
  // The person's identity number, masked; from the case, else from the person it is linked to.
  const subject = found.subjectUserId ? await tx.user.findFirst({ where: { id: found.subjectUserId, municipalityId: actor.municipalityId }, select: { identityEnc: true } }) : null;
  const identityEnc = found.subjectIdentityEnc ?? subject?.identityEnc ?? null;
  const records = await recordsOfCaseSubject(tx, found);
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
    subjectIdentity: maskedIdentity(identityEnc),
    subjectIsChild: isChild(birthDateOf(identityEnc)),
    /** What the person already has: granting links to their open plan instead of making a second. */
    personRecords: records,
    openPlanId: records.plans.find((p) => p.type === "IP" && (p.status === "DRAFT" || p.status === "ACTIVE"))?.id ?? null,
    notes: notes.map((n) => ({ ...n, authorName: names.get(n.authorId) ?? "" })),
    ...deadlineFlags(found),
  };
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
