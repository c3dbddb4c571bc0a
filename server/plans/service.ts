import { z } from "zod";
import { FINISHED_GOAL_STATUSES, FINISHED_MEASURE_STATUSES, KE_ROLES, PlanStatus, PlanType, seesCoordinatorRequests, STAFF_ROLES } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import { calendarDate, todayInOslo } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { datedMeetingsOfPlan, meetingDatesForPlans, meetingDatesOf } from "../meetings/read.ts";
import { newFromUserCounts } from "../records/activity.ts";
import { rolePolicy } from "../records/policy.ts";
import { planRows, read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { openPlanOf } from "../cases/persons.ts";
import { isValidConsent, planContentWhere, planPolicy, type PlanAccess } from "./access.ts";
import { isoDate, optionalDate, shortText, version } from "./schemas.ts";
import { applyVersioned, assertCurrentVersion } from "./versioned.ts";
import { uniqueViolation } from "../db/unique.ts";
import { templateFrom, templatesOfMunicipality } from "./templates.ts";
import { namesOf } from "../users/names.ts";

// The plan's overview for lists. The plan's content (goals, measures, texts) is never
// part of a list; opening a plan reads content and is audit-logged.

/** Plans whose current coordinator works in the unit: how "a unit's plans" is meant everywhere. */
export function coordinatedFromUnit(unitId: string): Prisma.PlanWhereInput {
  // The current coordinator is kept on the plan by a database trigger (docs/decisions/023).
  return { currentCoordinator: { unitId } };
}

const currentCoordinator = {
  where: { endedAt: null },
  select: { coordinator: { select: { id: true, name: true } } },
} satisfies Prisma.Plan$coordinatorsArgs;

/**
 * The plans the caller may see, with what needs their attention; for coordinating-unit roles
 * every plan in their municipality. Overview fields only: no goals, measures or texts. Only staff
 * get "needs follow-up" (evaluations due, new from the user): it is their work, not a relative's.
 */
export async function listPlans(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta, input: { unitId?: string } = {}) {
  if (!hasAnyRole(actor, KE_ROLES)) return plansOverview(prisma, actor, false);
  // The coordinating unit's list names every user in the municipality: each look is recorded.
  return read(prisma, actor, meta, rolePolicy(KE_ROLES), "plan.list", async (tx) => {
    const result = await plansOverview(tx, actor, true, input.unitId);
    return { result, details: { count: result.length, unitId: input.unitId } };
  });
}

async function plansOverview(prisma: Tx, actor: SessionUser, ke: boolean, unitId?: string) {
  const staff = !ke && hasAnyRole(actor, STAFF_ROLES);
  const now = new Date();
  // Evaluation dates are calendar dates: due from the start of Oslo's today.
  const today = calendarDate(todayInOslo(now));
  const plans = await prisma.plan.findMany({
    where: ke ? { municipalityId: actor.municipalityId, ...(unitId ? coordinatedFromUnit(unitId) : {}) } : planContentWhere(actor, now),
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    take: 500,
    select: {
      id: true,
      type: true,
      status: true,
      nextReviewAt: true,
      updatedAt: true,
      lastActivityAt: true,
      owner: { select: { id: true, name: true } },
      coordinators: currentCoordinator,
      _count: {
        select: {
          goals: { where: { evaluationDate: { lte: today }, status: { notIn: [...FINISHED_GOAL_STATUSES] }, deletedAt: null } },
          measures: { where: { evaluationDate: { lte: today }, status: { notIn: [...FINISHED_MEASURE_STATUSES] }, deletedAt: null } },
        },
      },
    },
  });
  const followed = plans.filter((p) => p.owner.id !== actor.id).map((p) => p.id);
  const newInput = staff ? await newFromUserCounts(prisma, actor.id, followed) : new Map<string, number>();
  const meetings = await meetingDatesForPlans(prisma, plans.map((p) => p.id), now);
  return plans.map(({ coordinators, _count, ...plan }) => ({
    ...plan,
    coordinator: coordinators[0]?.coordinator ?? null,
    evaluationsDue: staff || ke ? _count.goals + _count.measures : 0,
    newFromUser: newInput.get(plan.id) ?? 0,
    lastMeetingAt: meetings.get(plan.id)?.lastMeetingAt ?? null,
    nextMeetingAt: meetings.get(plan.id)?.nextMeetingAt ?? null,
  }));
}

/**
 * The service user's own plans with who is in the group, for "Min plan". Each plan shown
 * is a read of plan content and gets an audit row in the same transaction.
 */
export async function getMyPlans(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return read(prisma, actor, meta, rolePolicy(["USER"]), "plan.view", async (tx) => {
    const plans = await myPlans(tx, actor);
    return { rows: planRows(plans.map((p) => p.id)), result: plans };
  });
}

export type MyPlan = Awaited<ReturnType<typeof myPlans>>[number];

/** The caller's own plans, newest first, for a caller whose USER role the policy has checked. */
export async function myPlans(tx: Tx, actor: SessionUser) {
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
      closedAt: true,
      closedReason: true,
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
  return plans.map(({ coordinators, participants, ...plan }) => ({
    ...plan,
    coordinator: coordinators[0]?.coordinator ?? null,
    participants: participants.map(({ user, displayName, ...p }) => ({ ...p, name: user?.name ?? displayName ?? "" })),
  }));
}

/** Counts for the coordinating unit's overview, scoped to the caller's municipality. */
export async function getMunicipalityPlanStats(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await rolePolicy([...KE_ROLES, "ADMIN"]).resolve(prisma, actor);
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

/** The coordinating unit's list of plans: optionally those coordinated from one unit. */
export const planListInput = z.object({ unitId: id.optional() }).default({});

export const getPlanInput = z.object({ planId: id });

/** Everything in a plan the caller may see, and what they may do; the read is audited. */
export async function getPlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof getPlanInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.view", async (tx, { access }) => ({ result: await planView(tx, actor, access) }));
}

const notDeleted = { planId: true, deletedAt: true, deletedById: true, deletedReason: true } as const;

/** The plan as plan.byId answers it, for a caller whose access the read has resolved. */
export async function planView(tx: Tx, actor: SessionUser, access: PlanAccess) {
  const now = new Date();
  return planViewOf(tx, actor, access, await tx.plan.findUniqueOrThrow({ where: { id: access.planId }, select: planViewSelect(now) }), now);
}

/** What plan.byId reads of a plan; the plan page reads more relations in the same statement (decision 054). */
export function planViewSelect(now: Date) {
  return {
    id: true,
    number: true,
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
    closedAt: true,
    closedReason: true,
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
    // Without what every row has the same of (the plan, "not deleted"): the page sends it all.
    goals: {
      where: { deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
      omit: notDeleted,
      include: {
        measures: {
          where: { deletedAt: null },
          orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
          omit: notDeleted,
          include: { responsibleUser: { select: { id: true, name: true } }, unit: { select: { id: true, name: true } } },
        },
      },
    },
    evaluations: {
      where: { NOT: [{ goal: { deletedAt: { not: null } } }, { measure: { deletedAt: { not: null } } }] },
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      omit: { planId: true },
    },
    services: { where: { deletedAt: null }, orderBy: { createdAt: "asc" } },
    logEntries: { where: { deletedAt: null }, orderBy: [{ date: "desc" }, { createdAt: "desc" }], take: 100 },
    comments: { where: { deletedAt: null }, orderBy: { createdAt: "asc" } },
    coordinatorRequests: { orderBy: { createdAt: "desc" }, take: 5 },
    // The co-edited texts' formatted projections, for the first paint before the editors load.
    collabDocuments: { select: { name: true, html: true } },
    // Read with the rest (one statement fewer); shown only to those below.
    questions: { select: { answeredAt: true } },
    // For the last and next meeting and the plan type's template: read here, not in statements of their own.
    meetings: datedMeetingsOfPlan(now),
    municipality: { select: { planTemplates: templatesOfMunicipality } },
  } satisfies Prisma.PlanSelect;
}

/** plan.byId's answer from what `planViewSelect` read (with `now` as it was read). */
export async function planViewOf(tx: Tx, actor: SessionUser, access: PlanAccess, row: Prisma.PlanGetPayload<{ select: ReturnType<typeof planViewSelect> }>, now: Date) {
  const { collabDocuments: texts, questions: allQuestions, meetings, municipality, ...plan } = row;
  // Names of the people who wrote log entries, comments, goals and evaluations.
  const authorIds = [
    ...new Set([
      ...plan.logEntries.map((e) => e.authorId),
      ...plan.comments.map((c) => c.authorId),
      ...plan.evaluations.map((e) => e.createdById),
      ...plan.goals.map((g) => g.createdById),
    ]),
  ];
  // Almost always people with a part in the plan, whose names the read has: a statement only for others.
  const people = peopleOfPlan(plan);
  const names = await namesOf(tx, actor.municipalityId, authorIds, people.names);
  const roles = people.roles;
  const meetingDates = meetingDatesOf(meetings, now);
  // The coordinating unit's questions: only their coordinator and the unit itself are told they exist.
  const seesQuestions = access.role === "COORDINATOR" || access.role === "AUDITOR";
  const questions = seesQuestions ? allQuestions : [];
  return {
    ...plan,
    // A request for another coordinator is meant for the coordinating unit, not the group: only
    // the KE and the person who asked see it (the user's side sees its own requests).
    coordinatorRequests: plan.coordinatorRequests.filter((r) => seesCoordinatorRequests(access.role) || r.requestedById === actor.id),
    coordinator: plan.coordinators.find((c) => c.endedAt === null) ?? null,
    participants: plan.participants.map((p) => ({
      ...p,
      name: p.user?.name ?? p.displayName ?? "",
      hasValidConsent: p.consents.some((c) => isValidConsent(c, now)),
    })),
    authors: Object.fromEntries(authorIds.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
    /** What each author is in the plan, so a text says who wrote it ("pårørende", "representant"). */
    authorRoles: roles,
    texts: Object.fromEntries(texts.map((t) => [t.name, t.html])),
    ...meetingDates,
    access: { ...access, expiresAt: access.expiresAt?.toISOString() ?? null },
    questions: questions.length ? { count: questions.length, open: questions.some((q) => !q.answeredAt) } : null,
    /** The plan type's template: the life areas its goals are given in, and its headings' guidance. */
    template: templateFrom(plan.type, municipality.planTemplates),
    viewer: { id: actor.id, name: actor.name },
  };
}

export type AuthorRole = "OWNER" | "REPRESENTATIVE" | "RELATIVE" | "PROVIDER" | "COORDINATOR";

/** The name and the part of each person with an account who has, or had, a part in the plan. */
export function peopleOfPlan(plan: {
  owner: { id: string; name: string };
  coordinators: { coordinator: { id: string; name: string } }[];
  participants: { kind: "REPRESENTATIVE" | "RELATIVE" | "PROVIDER"; user: { id: string; name: string } | null }[];
}): { names: Map<string, string>; roles: Record<string, AuthorRole> } {
  const names = new Map<string, string>();
  const roles: Record<string, AuthorRole> = {};
  for (const { coordinator } of plan.coordinators) {
    names.set(coordinator.id, coordinator.name);
    roles[coordinator.id] = "COORDINATOR";
  }
  for (const { user, kind } of plan.participants) {
    if (!user) continue;
    names.set(user.id, user.name);
    roles[user.id] = kind;
  }
  names.set(plan.owner.id, plan.owner.name);
  roles[plan.owner.id] = "OWNER";
  return { names, roles };
}

export const updatePlanInput = z.object({
  planId: id,
  version,
  changes: z
    .object({
      type: PlanType,
      // Closing asks for a reason and a date (plan.close); a closed plan opens again by plan.reopen.
      status: PlanStatus.exclude(["CLOSED"]),
      startDate: optionalDate,
      endDate: optionalDate,
      nextReviewAt: optionalDate,
    })
    .partial()
    .strict(),
});

/**
 * Changes the plan's type, status and dates. A person has one open individual plan (decision 017):
 * reopening a closed IP, or making a plan an IP, while they have another open one is a CONFLICT in
 * words, checked first and held by the database's partial unique index for two at the same moment.
 */
export async function updatePlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updatePlanInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canEditPlan), "plan.update", async (tx) => {
    const current = await tx.plan.findUniqueOrThrow({
      where: { id: input.planId },
      select: { version: true, status: true, startDate: true, endDate: true, nextReviewAt: true, type: true, municipalityId: true, ownerId: true },
    });
    assertCurrentVersion(current, input.version);
    // OTHER is kept for older plans, not chosen for a plan (docs/decisions/028).
    if (input.changes.type === "OTHER" && current.type !== "OTHER") throw new DomainError("BAD_REQUEST", "planTemplate.typeNotOffered");
    const becomes = { type: input.changes.type ?? current.type, status: input.changes.status ?? current.status };
    if (becomes.type === "IP" && becomes.status !== "CLOSED") {
      const open = await openPlanOf(tx, current.municipalityId, current.ownerId);
      if (open && open.id !== input.planId) throw openIpExists();
    }
    await applyVersioned(
      tx.plan.updateMany({ where: { id: input.planId, version: input.version }, data: { ...input.changes, version: { increment: 1 } } }),
      () => tx.plan.findUnique({ where: { id: input.planId }, select: { version: true, status: true, startDate: true, endDate: true, nextReviewAt: true, type: true } }),
    );
    return { result: { ok: true as const }, details: { fields: Object.keys(input.changes) } };
  }).catch((error: unknown) => {
    // Two plans of the person reopened at the same moment: the index refuses the second.
    throw uniqueViolation(error)?.model === "Plan" ? openIpExists() : error;
  });
}

const openIpExists = () => new DomainError("CONFLICT", "plan.openIpExists");

export const createLogInput = z.object({ planId: id, date: isoDate.optional(), body: shortText(5000) });

export async function createLogEntry(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createLogInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canComment), "log.create", async (tx) => {
    const entry = await tx.logEntry.create({
      data: { planId: input.planId, authorId: actor.id, date: input.date ?? calendarDate(todayInOslo()), body: input.body },
    });
    return { result: entry, target: { type: "log", id: entry.id } };
  });
}

export const createCommentInput = z.object({
  planId: id,
  targetType: z.enum(["about", "goal", "measure"]),
  targetId: id.nullable().optional(),
  body: shortText(5000),
});

export async function createComment(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createCommentInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, planPolicy(input.planId, (a) => a.canComment), "comment.create", async (tx) => {
    if (input.targetType !== "about") {
      const exists =
        input.targetType === "goal"
          ? await tx.goal.count({ where: { id: input.targetId ?? "", planId: input.planId, deletedAt: null } })
          : await tx.measure.count({ where: { id: input.targetId ?? "", planId: input.planId, deletedAt: null } });
      if (!exists) throw new DomainError("BAD_REQUEST", "errors.code.NOT_FOUND");
    }
    const comment = await tx.planComment.create({
      data: { planId: input.planId, targetType: input.targetType, targetId: input.targetId ?? null, authorId: actor.id, body: input.body },
    });
    return { result: comment, target: { type: "comment", id: comment.id } };
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
  return write(prisma, actor, meta, planPolicy(planId, (a) => a.canEditPlan), "service.add", async (tx) => {
    const service = await tx.planService.create({ data: { planId, ...data } });
    return { result: service, target: { type: "service", id: service.id } };
  });
}
