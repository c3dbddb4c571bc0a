import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import { osloDate } from "../../app/domain/oslo-time.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { notFound } from "../errors.ts";
import { contextFor, dashboardPolicy, MEASURE_METRICS, MEETING_METRICS, PLAN_METRICS, reachOfPlanMetric, type PlanMetric } from "./service.ts";

// The unit leader's page: the dashboard's figures for one unit (the plans its coordinators
// coordinate, the measures its staff are responsible for), and each coordinator's share, from
// the same conditions as the coordinating unit's figures, so the lists behind them agree.

export const unitOverviewInput = z.object({ unitId: id.optional() }).optional();

/** What each coordinator of the unit is shown with: their plans, and those needing a look. */
const PER_COORDINATOR = ["activePlans", "inactive6Months", "evaluationsOverdue"] as const satisfies readonly PlanMetric[];
const UNIT_PLAN_METRICS = (Object.keys(PLAN_METRICS) as PlanMetric[]).filter((metric) => reachOfPlanMetric(metric) === "unit");

/** A unit leader reads their own unit; the coordinating unit any unit (the unit is then required). */
export async function getUnitOverview(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof unitOverviewInput>) {
  const { filter } = await dashboardPolicy({ unitId: input?.unitId ?? actor.leadsUnitId ?? undefined, publication: false }, "unit").resolve(prisma, actor);
  const unit = filter.unitId ? await prisma.unit.findFirst({ where: { id: filter.unitId, municipalityId: actor.municipalityId }, select: { id: true, name: true } }) : null;
  if (!unit) throw notFound();
  const now = new Date();
  const c = contextFor(actor, filter, now);

  const [planCounts, withoutMinutes, measuresOverdue, coordinators, shares] = await Promise.all([
    Promise.all(UNIT_PLAN_METRICS.map((metric) => prisma.plan.count({ where: PLAN_METRICS[metric](c) }))),
    prisma.meeting.count({ where: MEETING_METRICS.withoutMinutes(c) }),
    prisma.measure.count({ where: MEASURE_METRICS.evaluationOverdue(c) }),
    prisma.user.findMany({
      where: { unitId: unit.id, municipalityId: actor.municipalityId, active: true, roles: { some: { role: "COORDINATOR" } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, title: true },
    }),
    // Per coordinator: the plans in each figure they coordinate now (a plan has one coordinator at a time).
    Promise.all(PER_COORDINATOR.map((metric) => prisma.plan.groupBy({ by: ["currentCoordinatorId"], where: PLAN_METRICS[metric](c), _count: { _all: true } }))),
  ]);
  const share = (metric: number, coordinatorId: string) => shares[metric].find((row) => row.currentCoordinatorId === coordinatorId)?._count._all ?? 0;
  return {
    today: osloDate(c.today),
    unit,
    plans: Object.fromEntries(UNIT_PLAN_METRICS.map((metric, i) => [metric, planCounts[i]])) as Partial<Record<PlanMetric, number>>,
    meetings: { withoutMinutes },
    measures: { evaluationOverdue: measuresOverdue },
    coordinators: coordinators.map((person) => ({
      ...person,
      ...(Object.fromEntries(PER_COORDINATOR.map((metric, i) => [metric, share(i, person.id)])) as Record<(typeof PER_COORDINATOR)[number], number>),
    })),
  };
}
