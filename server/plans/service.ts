import { z } from "zod";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { hasAnyRole, KE_ROLES } from "../auth/roles.ts";
import { AppError } from "../trpc/errors.ts";
import { planContentWhere, resolvePlanAccess } from "./access.ts";
import { id, isoDate, optionalDate, shortText, version } from "./schemas.ts";
import { applyVersioned, assertCurrentVersion } from "./versioned.ts";
import { changePlan } from "./write.ts";
import { meetingDatesForPlans } from "../meetings/service.ts";

// The plan's overview for lists. The plan's content (goals, measures, texts) is never
// part of a list; opening a plan reads content and is audit-logged.

const currentCoordinator = {
  where: { endedAt: null },
  select: { coordinator: { select: { id: true, name: true } } },
} satisfies Prisma.Plan$coordinatorsArgs;

/**
 * The plans the caller may see, with what needs their attention; for coordinating-unit roles
 * every plan in their municipality. Overview fields only: no goals, measures or texts.
 */
export async function listPlans(prisma: PrismaClient, actor: SessionUser) {
  const ke = hasAnyRole(actor, KE_ROLES);
  const today = new Date();
  const plans = await prisma.plan.findMany({
    where: ke ? { municipalityId: actor.municipalityId } : planContentWhere(actor, today),
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    take: 500,
    select: {
      id: true,
      type: true,
      status: true,
      nextReviewAt: true,
      updatedAt: true,
      lastActivityAt: true,
      ownerId: true,
      owner: { select: { id: true, name: true } },
      coordinators: currentCoordinator,
      _count: {
        select: {
          goals: { where: { evaluationDate: { lte: today }, status: { notIn: ["ACHIEVED", "DROPPED"] } } },
          measures: { where: { evaluationDate: { lte: today }, status: { notIn: ["COMPLETED", "CANCELLED"] } } },
        },
      },
    },
  });
  const newInput = ke ? new Map<string, number>() : await countNewInputFromUsers(prisma, actor, plans);
  const meetings = await meetingDatesForPlans(prisma, plans.map((p) => p.id), today);
  return plans.map(({ coordinators, _count, ownerId: _ownerId, ...plan }) => ({
    ...plan,
    coordinator: coordinators[0]?.coordinator ?? null,
    evaluationsDue: _count.goals + _count.measures,
    newFromUser: newInput.get(plan.id) ?? 0,
    lastMeetingAt: meetings.get(plan.id)?.lastMeetingAt ?? null,
    nextMeetingAt: meetings.get(plan.id)?.nextMeetingAt ?? null,
  }));
}

/**
 * Changes the service user made since the caller last opened each plan ("new input from the
 * user"), read from the audit trail so nothing extra has to be kept in step.
 */
async function countNewInputFromUsers(prisma: PrismaClient, actor: SessionUser, plans: { id: string; ownerId: string }[]) {
  const result = new Map<string, number>();
  const others = plans.filter((p) => p.ownerId !== actor.id);
  if (!others.length) return result;
  const lastViews = await prisma.auditEvent.groupBy({
    by: ["planId"],
    where: { actorId: actor.id, action: "plan.view", planId: { in: others.map((p) => p.id) } },
    _max: { createdAt: true },
  });
  const lastViewed = new Map(lastViews.map((v) => [v.planId, v._max.createdAt]));
  for (const plan of others) {
    const since = lastViewed.get(plan.id) ?? new Date(0);
    const count = await prisma.auditEvent.count({
      where: { planId: plan.id, actorId: plan.ownerId, createdAt: { gt: since }, NOT: { action: { endsWith: ".view" } } },
    });
    if (count) result.set(plan.id, count);
  }
  return result;
}

/**
 * The service user's own plans with who is in the group, for "Min plan". Each plan shown
 * is a read of plan content and gets an audit row in the same transaction.
 */
export async function getMyPlans(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const plans = await tx.plan.findMany({
      where: { municipalityId: actor.municipalityId, ownerId: actor.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        type: true,
        status: true,
        startDate: true,
        endDate: true,
        nextReviewAt: true,
        coordinators: {
          where: { endedAt: null },
          select: { coordinator: { select: { id: true, name: true, phone: true, email: true, title: true } } },
        },
        participants: {
          where: { active: true },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            kind: true,
            displayName: true,
            organisation: true,
            contribution: true,
            user: { select: { name: true } },
          },
        },
      },
    });
    for (const plan of plans) await recordPlanView(tx, actor, plan.id, meta);
    return plans.map(({ coordinators, participants, ...plan }) => ({
      ...plan,
      coordinator: coordinators[0]?.coordinator ?? null,
      participants: participants.map(({ user, displayName, ...p }) => ({ ...p, name: user?.name ?? displayName ?? "" })),
    }));
  });
}

/** Opening a plan is reading health data: one audit row per plan shown, with the purpose when one was given. */
function recordPlanView(tx: Tx, actor: SessionUser, planId: string, meta: RequestMeta, purpose?: string) {
  return recordAudit(tx, {
    action: "plan.view",
    municipalityId: actor.municipalityId,
    actorId: actor.id,
    planId,
    targetType: "plan",
    targetId: planId,
    purpose,
    meta,
  });
}

/** Counts for the coordinating unit's overview, scoped to the caller's municipality. */
export async function getMunicipalityPlanStats(prisma: PrismaClient, actor: SessionUser) {
  const municipalityId = actor.municipalityId;
  const [byStatus, activeWithoutCoordinator, reviewDue] = await Promise.all([
    prisma.plan.groupBy({ by: ["status"], where: { municipalityId }, _count: { _all: true } }),
    prisma.plan.count({ where: { municipalityId, status: "ACTIVE", coordinators: { none: { endedAt: null } } } }),
    prisma.plan.count({ where: { municipalityId, status: "ACTIVE", nextReviewAt: { lte: new Date() } } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    active: count("ACTIVE"),
    draft: count("DRAFT"),
    closed: count("CLOSED"),
    activeWithoutCoordinator,
    reviewDue,
  };
}

export const getPlanInput = z.object({
  planId: id,
  /** Coordinating-unit roles opening a plan they take no part in must say why; it is recorded. */
  purpose: z.string().trim().min(3).max(500).optional(),
});

/** Everything in a plan the caller may see, and what they may do; the read is audited. */
export async function getPlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof getPlanInput>, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const access = await resolvePlanAccess(tx, actor, input.planId, { auditPurpose: input.purpose });
    const plan = await tx.plan.findUniqueOrThrow({
      where: { id: input.planId },
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
        version: true,
        createdAt: true,
        updatedAt: true,
        lastActivityAt: true,
        owner: { select: { id: true, name: true, phone: true, email: true } },
        coordinators: {
          orderBy: { startedAt: "desc" },
          select: {
            id: true,
            startedAt: true,
            endedAt: true,
            handoverNote: true,
            coordinator: { select: { id: true, name: true, phone: true, email: true, title: true, unit: { select: { name: true } } } },
          },
        },
        participants: {
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            kind: true,
            displayName: true,
            organisation: true,
            contribution: true,
            phone: true,
            email: true,
            access: true,
            legalBasis: true,
            active: true,
            version: true,
            user: { select: { id: true, name: true, email: true, phone: true } },
            consents: {
              orderBy: { createdAt: "desc" },
              select: { id: true, validFrom: true, validTo: true, withdrawnAt: true, note: true, createdAt: true },
            },
          },
        },
        goals: {
          orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
          include: {
            measures: {
              orderBy: { createdAt: "asc" },
              include: { responsibleUser: { select: { id: true, name: true } }, unit: { select: { id: true, name: true } } },
            },
          },
        },
        evaluations: { orderBy: [{ date: "desc" }, { createdAt: "desc" }] },
        services: { orderBy: { createdAt: "asc" } },
        logEntries: { orderBy: [{ date: "desc" }, { createdAt: "desc" }], take: 100 },
        comments: { orderBy: { createdAt: "asc" } },
        coordinatorRequests: { orderBy: { createdAt: "desc" }, take: 5 },
      },
    });
    await recordPlanView(tx, actor, plan.id, meta, access.role === "AUDITOR" ? input.purpose : undefined);
    // Names of the people who wrote log entries, comments and evaluations.
    const authorIds = [
      ...new Set([...plan.logEntries.map((e) => e.authorId), ...plan.comments.map((c) => c.authorId), ...plan.evaluations.map((e) => e.createdById)]),
    ];
    const authors = await tx.user.findMany({ where: { id: { in: authorIds }, municipalityId: actor.municipalityId }, select: { id: true, name: true } });
    const now = new Date();
    const meetingDates = (await meetingDatesForPlans(tx, [plan.id], now)).get(plan.id);
    // The co-edited texts' formatted projections, for the first paint before the editors load.
    const texts = await tx.collabDocument.findMany({ where: { planId: plan.id }, select: { name: true, html: true } });
    return {
      ...plan,
      coordinator: plan.coordinators.find((c) => c.endedAt === null) ?? null,
      participants: plan.participants.map((p) => ({
        ...p,
        name: p.user?.name ?? p.displayName ?? "",
        hasValidConsent: p.consents.some((c) => !c.withdrawnAt && c.validFrom <= now && (!c.validTo || c.validTo > now)),
      })),
      authors: Object.fromEntries(authors.map((a) => [a.id, a.name])),
      texts: Object.fromEntries(texts.map((t) => [t.name, t.html])),
      lastMeetingAt: meetingDates?.lastMeetingAt ?? null,
      nextMeetingAt: meetingDates?.nextMeetingAt ?? null,
      access: { ...access, expiresAt: access.expiresAt?.toISOString() ?? null },
      viewer: { id: actor.id, name: actor.name },
    };
  });
}

export const updatePlanInput = z.object({
  planId: id,
  version,
  changes: z
    .object({
      type: z.enum(["IP", "OTHER"]),
      status: z.enum(["DRAFT", "ACTIVE", "CLOSED"]),
      startDate: optionalDate,
      endDate: optionalDate,
      nextReviewAt: optionalDate,
    })
    .partial()
    .strict(),
});

export async function updatePlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updatePlanInput>, meta: RequestMeta) {
  return changePlan(prisma, actor, meta, input.planId, { action: "plan.update", entity: "plan", allowed: (a) => a.canEditPlan }, async (tx) => {
    const current = await tx.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { version: true, status: true, startDate: true, endDate: true, nextReviewAt: true, type: true } });
    assertCurrentVersion(current, input.version);
    await applyVersioned(
      tx.plan.updateMany({ where: { id: input.planId, version: input.version }, data: { ...input.changes, version: { increment: 1 } } }),
      () => tx.plan.findUnique({ where: { id: input.planId }, select: { version: true, status: true, startDate: true, endDate: true, nextReviewAt: true, type: true } }),
    );
    return { result: { ok: true as const }, entityId: input.planId, details: { fields: Object.keys(input.changes) } };
  });
}

export const createLogInput = z.object({ planId: id, date: isoDate.optional(), body: shortText(5000) });

export async function createLogEntry(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createLogInput>, meta: RequestMeta) {
  return changePlan(prisma, actor, meta, input.planId, { action: "log.create", entity: "log", allowed: (a) => a.canComment }, async (tx) => {
    const entry = await tx.logEntry.create({
      data: { planId: input.planId, authorId: actor.id, date: input.date ?? todayAsDate(), body: input.body },
    });
    return { result: entry, entityId: entry.id };
  });
}

export const createCommentInput = z.object({
  planId: id,
  targetType: z.enum(["about", "goal", "measure"]),
  targetId: id.nullable().optional(),
  body: shortText(5000),
});

export async function createComment(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createCommentInput>, meta: RequestMeta) {
  return changePlan(prisma, actor, meta, input.planId, { action: "comment.create", entity: "comment", allowed: (a) => a.canComment }, async (tx) => {
    if (input.targetType !== "about") {
      const exists =
        input.targetType === "goal"
          ? await tx.goal.count({ where: { id: input.targetId ?? "", planId: input.planId } })
          : await tx.measure.count({ where: { id: input.targetId ?? "", planId: input.planId } });
      if (!exists) throw new AppError("BAD_REQUEST", "errors.code.NOT_FOUND");
    }
    const comment = await tx.planComment.create({
      data: { planId: input.planId, targetType: input.targetType, targetId: input.targetId ?? null, authorId: actor.id, body: input.body },
    });
    return { result: comment, entityId: comment.id };
  });
}

export const addServiceInput = z.object({
  planId: id,
  name: shortText(200),
  provider: shortText(200),
  fromDate: optionalDate,
  toDate: optionalDate,
});

export async function addService(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addServiceInput>, meta: RequestMeta) {
  const { planId, ...data } = input;
  return changePlan(prisma, actor, meta, planId, { action: "service.add", entity: "service", allowed: (a) => a.canEditPlan }, async (tx) => {
    const service = await tx.planService.create({ data: { planId, ...data } });
    return { result: service, entityId: service.id, details: { name: service.name } };
  });
}

export const removeServiceInput = z.object({ planId: id, serviceId: id });

export async function removeService(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof removeServiceInput>, meta: RequestMeta) {
  return changePlan(prisma, actor, meta, input.planId, { action: "service.remove", entity: "service", allowed: (a) => a.canEditPlan }, async (tx) => {
    const { count } = await tx.planService.deleteMany({ where: { id: input.serviceId, planId: input.planId } });
    if (!count) throw new AppError("NOT_FOUND", "errors.code.NOT_FOUND");
    return { result: { ok: true as const }, entityId: input.serviceId };
  });
}

function todayAsDate(): Date {
  // The calendar day in Norway, stored as that date.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(new Date());
  return new Date(`${day}T00:00:00.000Z`);
}
