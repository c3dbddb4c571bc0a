import { calendarDate, formatDate, todayInOslo } from "../../app/domain/oslo-time.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import { translate } from "../i18n.ts";
import { announceNotifications, storeNotifications, type NewNotification } from "../notifications/deliver.ts";
import { assessmentAgeLimit, outOfDate } from "./freshness.ts";

// "The assessment is out of date" (issue 15 part 4), told to the plan's coordinator: when the
// latest assessment passes the municipality's age limit, or a service starts, ends or is taken
// out, or a decision is made, after it. Run by a pg-boss schedule; each notice has a key per
// plan, reason and day it became out of date, so running it again (or on two instances) tells
// once. The candidates are found in bulk; outOfDate() (the plan page's own rule) decides.

const CATCH_UP_DAYS = 7;

export async function runAssessmentReminders(prisma: PrismaClient, now = new Date()) {
  const today = calendarDate(todayInOslo(now));
  const recent = calendarDate(addCalendarDays(todayInOslo(now), -CATCH_UP_DAYS));
  const municipalities = await prisma.municipality.findMany({ select: { id: true, assessmentMaxAgeMonths: true } });
  const candidates = new Set<string>();
  for (const m of municipalities) {
    // Crossed the age limit in the last week: assessed on a day between the limit a week ago and today's.
    const limit = assessmentAgeLimit(today, m.assessmentMaxAgeMonths);
    const weekAgo = assessmentAgeLimit(recent, m.assessmentMaxAgeMonths);
    const aged = await prisma.$queryRaw<{ planId: string }[]>(Prisma.sql`
      SELECT a."planId" FROM "Assessment" a JOIN "Plan" p ON p.id = a."planId"
      WHERE p."municipalityId" = ${m.id} AND p.status = 'ACTIVE' AND p."currentCoordinatorId" IS NOT NULL
      GROUP BY a."planId" HAVING max(a."assessedOn") < ${limit} AND max(a."assessedOn") >= ${weekAgo}`);
    for (const row of aged) candidates.add(row.planId);
  }
  // A service or a decision that changed in the last week, in a plan that has an assessment.
  const assessed = { assessments: { some: {} }, status: "ACTIVE" as const, currentCoordinatorId: { not: null } };
  const changedServices = await prisma.planService.findMany({
    where: { plan: assessed, OR: [{ fromDate: { gte: recent, lte: today } }, { toDate: { gte: recent, lte: today } }, { createdAt: { gte: recent } }, { deletedAt: { gte: recent } }] },
    select: { planId: true },
  });
  for (const s of changedServices) candidates.add(s.planId);
  // A decision about the person counts whether or not its case names the plan (as on the plan page).
  const decided = await prisma.case.findMany({ where: { decidedAt: { gte: recent }, OR: [{ planId: { not: null } }, { subjectUserId: { not: null } }] }, select: { planId: true, subjectUserId: true } });
  for (const c of decided) if (c.planId) candidates.add(c.planId);
  const people = [...new Set(decided.map((c) => c.subjectUserId).filter((id): id is string => id !== null))];
  if (people.length) for (const p of await prisma.plan.findMany({ where: { ownerId: { in: people }, ...assessed }, select: { id: true } })) candidates.add(p.id);

  const items: NewNotification[] = [];
  for (const planId of candidates) {
    const plan = await prisma.plan.findUnique({
      where: { id: planId },
      select: { id: true, ownerId: true, status: true, municipalityId: true, currentCoordinatorId: true, municipality: { select: { assessmentMaxAgeMonths: true } } },
    });
    if (plan?.status !== "ACTIVE" || !plan.currentCoordinatorId) continue;
    const latest = await prisma.assessment.findFirst({ where: { planId }, orderBy: { assessedOn: "desc" }, select: { assessedOn: true } });
    const stale = await outOfDate(prisma, plan, latest?.assessedOn ?? null, plan.municipality.assessmentMaxAgeMonths, today);
    if (!stale || stale.reason === "NONE_YET") continue;
    items.push({
      municipalityId: plan.municipalityId,
      userId: plan.currentCoordinatorId,
      kind: "assessment.out_of_date",
      title: translate("nb", "notifications.notice.assessmentOutOfDate.title"),
      body: translate("nb", `notifications.notice.assessmentOutOfDate.${stale.reason}`, { date: stale.since ? formatDate(calendarDate(stale.since), "nb") : "" }),
      link: `/planer/${planId}#kartlegging`,
      planId,
      dedupeKey: `assessment-out-of-date:${planId}:${stale.reason}:${stale.since}`,
    });
  }
  const created = await prisma.$transaction((tx) => storeNotifications(tx, items));
  announceNotifications(created);
  return created;
}
