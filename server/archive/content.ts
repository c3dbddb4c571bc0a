import type { Tx } from "../db/types.ts";
import { latestOwnViews, variablesFor } from "../assessments/scores.ts";

// What an archive copy holds (docs/decisions/027): the whole plan as it stands, read by the
// server for the archive after the caller's access was checked (or by the archive job). Deleted
// content (soft delete) is left out, as everywhere else.

export interface ArchiveDocument {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  createdAt: Date;
}

export interface AccessSummaryRow {
  actorId: string | null;
  name: string;
  planRole: string | null;
  reads: number;
  changes: number;
}

export type PlanSnapshot = Awaited<ReturnType<typeof loadPlanSnapshot>>;

/** The plan, everything in it, its case number and who looked at and changed it. */
export async function loadPlanSnapshot(tx: Tx, planId: string, documents: ArchiveDocument[], until = new Date()) {
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      id: true,
      type: true,
      status: true,
      startDate: true,
      endDate: true,
      nextReviewAt: true,
      aboutMe: true,
      whatMatters: true,
      resources: true,
      wishes: true,
      consentGivenAt: true,
      closedAt: true,
      closedReason: true,
      createdAt: true,
      municipality: { select: { id: true, name: true, number: true } },
      owner: { select: { id: true, name: true } },
      coordinators: {
        orderBy: { startedAt: "asc" },
        select: { startedAt: true, endedAt: true, handoverNote: true, coordinator: { select: { id: true, name: true, title: true } } },
      },
      participants: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          displayName: true,
          organisation: true,
          contribution: true,
          access: true,
          active: true,
          legalBasis: true,
          user: { select: { name: true } },
          consents: { orderBy: { validFrom: "asc" }, select: { validFrom: true, validTo: true, withdrawnAt: true, note: true } },
        },
      },
      goals: {
        where: { deletedAt: null },
        orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          parentId: true,
          lifeArea: true,
          title: true,
          description: true,
          status: true,
          writtenByUser: true,
          ownView: true,
          othersInput: true,
          baselineScore: true,
          targetScore: true,
          evaluationDate: true,
          newScore: true,
          attained: true,
        },
      },
      measures: {
        where: { deletedAt: null, goal: { deletedAt: null } },
        orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          goalId: true,
          title: true,
          description: true,
          amount: true,
          status: true,
          startDate: true,
          endDate: true,
          evaluationDate: true,
          responsibleUser: { select: { name: true } },
          unit: { select: { name: true } },
        },
      },
      evaluations: {
        where: { OR: [{ goalId: null }, { goal: { deletedAt: null } }], AND: [{ OR: [{ measureId: null }, { measure: { deletedAt: null } }] }] },
        orderBy: { date: "asc" },
        select: { goalId: true, measureId: true, date: true, participants: true, achieved: true, nextStep: true, newScore: true, attained: true },
      },
      services: { where: { deletedAt: null }, orderBy: { createdAt: "asc" }, select: { name: true, provider: true, fromDate: true, toDate: true } },
      logEntries: { where: { deletedAt: null }, orderBy: [{ date: "asc" }, { createdAt: "asc" }], select: { date: true, body: true, authorId: true } },
      meetings: {
        where: { status: { not: "CANCELLED" } },
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          startsAt: true,
          durationMinutes: true,
          location: true,
          status: true,
          minutesText: true,
          minutesApprovedAt: true,
          corrections: { orderBy: { createdAt: "asc" }, select: { text: true, createdAt: true } },
        },
      },
    },
  });
  // The municipality's case that granted the plan: its number is the archive's case number.
  const grantingCase = await tx.case.findFirst({
    where: { planId, municipalityId: plan.municipality.id },
    orderBy: [{ outcome: { sort: "asc", nulls: "last" } }, { decidedAt: { sort: "desc", nulls: "last" } }, { receivedAt: "desc" }],
    select: { reference: true, type: true, receivedAt: true, decidedAt: true },
  });
  const logAuthors = await namesOf(tx, plan.logEntries.map((l) => l.authorId));
  const assessment = await assessmentSnapshot(tx, planId, plan.municipality.id);
  return {
    ...plan,
    logEntries: plan.logEntries.map((l) => ({ ...l, author: logAuthors.get(l.authorId) ?? "" })),
    assessment,
    caseReference: grantingCase?.reference ?? null,
    caseDecidedAt: grantingCase?.decidedAt ?? null,
    documents,
    access: await accessSummary(tx, planId, plan.createdAt, until),
    period: { from: plan.createdAt, until },
  };
}

/** Kartlegging: every assessment with its scores, oldest first, and the person's latest own view of each variable. */
async function assessmentSnapshot(tx: Tx, planId: string, municipalityId: string) {
  const assessments = await tx.assessment.findMany({
    where: { planId },
    orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }],
    select: { assessedOn: true, assessedById: true, methods: true, note: true, codeListVersion: true, scores: { select: { variable: true, score: true } } },
  });
  const own = await latestOwnViews(tx, planId);
  const names = await namesOf(tx, [...assessments.map((a) => a.assessedById), ...[...own.values()].map((v) => v.givenById)]);
  const variables = await variablesFor(tx, municipalityId, assessments.map((a) => a.codeListVersion));
  const textOf = (key: string) => variables[key]?.text ?? key;
  return {
    assessments: assessments.map((a) => ({
      assessedOn: a.assessedOn,
      assessedBy: names.get(a.assessedById) ?? "",
      methods: a.methods,
      note: a.note,
      scores: a.scores.map((s) => ({ variable: textOf(s.variable), score: s.score })),
    })),
    ownViews: [...own].map(([key, v]) => ({ variable: textOf(key), score: v.score, words: v.words, givenBy: names.get(v.givenById) ?? "", givenAt: v.createdAt })),
  };
}

async function namesOf(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * Who read and who changed the plan over the period, per person and their part in the plan,
 * counted from the audit trail (reads are READ rows; changes every other kind).
 */
async function accessSummary(tx: Tx, planId: string, from: Date, until: Date): Promise<AccessSummaryRow[]> {
  const groups = await tx.auditEvent.groupBy({
    by: ["actorId", "planRole", "kind"],
    where: { planId, createdAt: { gte: from, lte: until } },
    _count: { _all: true },
  });
  const names = await namesOf(
    tx,
    groups.map((g) => g.actorId),
  );
  const rows = new Map<string, AccessSummaryRow>();
  for (const g of groups) {
    const key = `${g.actorId ?? ""}:${g.planRole ?? ""}`;
    const row = rows.get(key) ?? { actorId: g.actorId, name: g.actorId ? (names.get(g.actorId) ?? "") : "", planRole: g.planRole, reads: 0, changes: 0 };
    if (g.kind === "READ") row.reads += g._count._all;
    else row.changes += g._count._all;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.planRole ?? "").localeCompare(b.planRole ?? "") || a.name.localeCompare(b.name, "nb"));
}
