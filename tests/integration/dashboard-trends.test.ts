import { describe, expect, it } from "vitest";
import { addMonths, calendarDate, osloLocalToInstant, osloMonth, startOfOsloMonth } from "../../app/domain/oslo-time.ts";
import { createPlan, createUnit, createUser } from "../../prisma/factories.ts";
import { noteActivity } from "../../server/records/activity.ts";
import { trendMonths } from "../../server/dashboard/trends.ts";
import { seedDemo } from "../../prisma/demo.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// dashboard.trends (issue 14, docs/decisions/022): each month's figures against a count made
// here from the rows themselves, the unit and case-type filters, publication mode, and who may
// read it. Dates are placed in whole Oslo months before this one, so the test means the same on
// any day it runs.

const t = useTestDatabase();
const prisma = () => t.db.prisma;

const THIS_MONTH = osloMonth(new Date());
const monthsAgo = (n: number) => addMonths(THIS_MONTH, -n);
/** An instant in an Oslo month: day `day` at `time` on the Oslo clock. */
const at = (month: string, day: number, time = "12:00") => osloLocalToInstant(`${month}-${String(day).padStart(2, "0")}T${time}`)!;
const DAY = 86_400_000;

/** percentile_cont as PostgreSQL computes it: linear between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lower = Math.floor(pos);
  return sorted[lower] + (pos - lower) * ((sorted[Math.ceil(pos)] ?? sorted[lower]) - sorted[lower]);
}
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

async function trendsWorld() {
  const w = await createPlanWorld(t.db);
  const m = w.home.id;
  const owner = async () => (await createUser(prisma(), { municipalityId: m, roles: ["USER"] })).id;
  // A second unit with its own coordinator, for the unit filter and the load per unit.
  const psych = await createUnit(prisma(), m, "Psykisk helse");
  const psychCoordinator = await createUser(prisma(), { municipalityId: m, roles: ["COORDINATOR", "STAFF"], unitId: psych.id, name: "Siri Psyk" });

  const plan = async (spec: { createdMonthsAgo: number; activeMonthsAgo?: number[]; status?: "ACTIVE" | "DRAFT" | "CLOSED"; coordinatorId?: string }) => {
    const p = await createPlan(prisma(), { municipalityId: m, ownerId: await owner(), status: spec.status ?? "ACTIVE", coordinatorId: spec.coordinatorId });
    const created = monthsAgo(spec.createdMonthsAgo);
    const months = [spec.createdMonthsAgo, ...(spec.activeMonthsAgo ?? [])];
    await prisma().plan.update({ where: { id: p.id }, data: { createdAt: at(created, 3), lastActivityAt: at(monthsAgo(Math.min(...months)), 20) } });
    for (const n of new Set(months)) await prisma().planActivityMonth.create({ data: { planId: p.id, month: calendarDate(`${monthsAgo(n)}-01`) } });
    return p;
  };
  const c = w.people.coordinator.id;
  const plans = {
    // Active 13 and 3 months ago: without activity 7 to 4 months ago.
    gap: await plan({ createdMonthsAgo: 14, activeMonthsAgo: [13, 3], coordinatorId: c }),
    // Nothing since it was made 20 months ago: without activity in every month shown.
    idle: await plan({ createdMonthsAgo: 20, coordinatorId: psychCoordinator.id }),
    idleToo: await plan({ createdMonthsAgo: 18, activeMonthsAgo: [17], coordinatorId: c }),
    // Made 8 months ago, then nothing: without activity from 2 months ago.
    quiet: await plan({ createdMonthsAgo: 8, coordinatorId: c }),
    // Made 3 months ago: too new to count anywhere.
    young: await plan({ createdMonthsAgo: 3, coordinatorId: c }),
    // Active every other month.
    busy: await plan({ createdMonthsAgo: 16, activeMonthsAgo: [15, 13, 11, 9, 7, 5, 3, 1], coordinatorId: psychCoordinator.id }),
    // A draft waiting for its coordinator counts too (not closed); a closed one never.
    draft: await plan({ createdMonthsAgo: 10, status: "DRAFT" }),
    closed: await plan({ createdMonthsAgo: 20, status: "CLOSED", coordinatorId: c }),
  };

  // Cases: six received two months ago, five of them decided then after 2, 4, 6, 8 and 10 days;
  // two received a month ago, one decided; a complaint; and one in another municipality.
  const twoAgo = monthsAgo(2);
  const oneAgo = monthsAgo(1);
  let n = 0;
  const kase = (data: { municipalityId?: string; type?: "IP_APPLICATION" | "COMPLAINT"; receivedAt: Date; decidedAt?: Date }) =>
    prisma().case.create({
      data: {
        municipalityId: data.municipalityId ?? m,
        reference: `T-${++n}`,
        type: data.type ?? "IP_APPLICATION",
        channel: "PORTAL",
        status: data.decidedAt ? "DECIDED" : "RECEIVED",
        subjectName: `Person ${n}`,
        description: "x",
        receivedAt: data.receivedAt,
        interimReplyDue: calendarDate(`${THIS_MONTH}-01`),
        decisionDue: calendarDate(`${THIS_MONTH}-01`),
        decidedAt: data.decidedAt ?? null,
      },
    });
  for (const [i, days] of [2, 4, 6, 8, 10].entries()) {
    const receivedAt = at(twoAgo, 2 + i);
    await kase({ receivedAt, decidedAt: new Date(receivedAt.getTime() + days * DAY) });
  }
  await kase({ receivedAt: at(twoAgo, 25) });
  // Received at 00:30 on the first of a month, Oslo time: that month, though still the last day of the one before in UTC.
  await kase({ receivedAt: new Date(startOfOsloMonth(oneAgo).getTime() + 30 * 60_000) });
  await kase({ receivedAt: at(oneAgo, 5), decidedAt: at(oneAgo, 19) });
  await kase({ receivedAt: at(oneAgo, 6), type: "COMPLAINT" });
  await kase({ municipalityId: w.other.id, receivedAt: at(oneAgo, 7) });
  return { w, psych, psychCoordinator, plans };
}

/** The figures of each month counted here, straight from the rows, by the definitions in decision 022. */
async function countedByHand(municipalityId: string, months: string[], opts: { unitId?: string; caseType?: string } = {}) {
  const cases = await prisma().case.findMany({ where: { municipalityId, ...(opts.caseType ? { type: opts.caseType as never } : {}) } });
  const plans = await prisma().plan.findMany({
    where: {
      municipalityId,
      status: { not: "CLOSED" },
      ...(opts.unitId ? { coordinators: { some: { endedAt: null, coordinator: { unitId: opts.unitId } } } } : {}),
    },
    include: { activityMonths: true },
  });
  return months.map((month) => {
    const decided = cases.filter((c) => c.decidedAt && osloMonth(c.decidedAt) === month);
    const days = decided.map((c) => (c.decidedAt!.getTime() - c.receivedAt.getTime()) / DAY);
    const windowStart = addMonths(month, -5);
    return {
      month,
      received: cases.filter((c) => osloMonth(c.receivedAt) === month).length,
      decided: decided.length,
      medianDays: days.length ? oneDecimal(percentile(days, 0.5)) : null,
      p90Days: days.length ? oneDecimal(percentile(days, 0.9)) : null,
      inactivePlans: plans.filter(
        (p) =>
          osloMonth(p.createdAt) < windowStart &&
          !p.activityMonths.some((a) => {
            const am = a.month.toISOString().slice(0, 7);
            return am >= windowStart && am <= month;
          }),
      ).length,
    };
  });
}

describe("dashboard.trends", () => {
  it("gives each month's cases, processing days and plans without activity as counted from the rows", async () => {
    const { w } = await trendsWorld();
    const trends = await w.callers.keLeader.dashboard.trends({});
    const months = trends.months.map((r) => r.month);
    expect(months).toEqual(Array.from({ length: 12 }, (_, i) => monthsAgo(11 - i)));
    expect(trends.months).toEqual(await countedByHand(w.home.id, months));

    // And by hand, for a few months, so the count above is not checking itself.
    const month = (n: number) => trends.months.find((r) => r.month === monthsAgo(n))!;
    expect(month(2)).toMatchObject({ received: 6, decided: 5, medianDays: 6, p90Days: 9.2 });
    expect(month(1)).toMatchObject({ received: 3, decided: 1, medianDays: 14, p90Days: 14 });
    expect(month(0)).toMatchObject({ received: 0, decided: 0, medianDays: null, p90Days: null });
    // idle and idleToo in every month; gap 7 to 4 months ago; the draft from 4 months ago (but not
    // 3, when gap was active); quiet from 2 months ago; busy, young and the closed plan never.
    expect(trends.months.map((r) => r.inactivePlans)).toEqual([2, 2, 2, 2, 3, 3, 3, 4, 3, 4, 4, 4]);
  });

  it("counts the months of Oslo's calendar: a case received at 00:30 on the first belongs to that month", async () => {
    const { w } = await trendsWorld();
    const trends = await w.callers.keLeader.dashboard.trends({});
    // By UTC's calendar it would be 7 and 2.
    expect(trends.months.find((r) => r.month === monthsAgo(2))!.received).toBe(6);
    expect(trends.months.find((r) => r.month === monthsAgo(1))!.received).toBe(3);
  });

  it("follows the unit filter for plans (plans coordinated from the unit) and the case-type filter for cases", async () => {
    const { w, psych } = await trendsWorld();
    const months = trendMonths({});
    for (const unitId of [w.unit.id, psych.id]) {
      const trends = await w.callers.keLeader.dashboard.trends({ unitId });
      const byHand = await countedByHand(w.home.id, months, { unitId });
      expect(trends.months.map((r) => r.inactivePlans), unitId).toEqual(byHand.map((r) => r.inactivePlans));
    }
    // Psykisk helse coordinates idle (every month) and busy (never).
    expect((await w.callers.keLeader.dashboard.trends({ unitId: psych.id })).months.every((r) => r.inactivePlans === 1)).toBe(true);

    const complaints = await w.callers.keLeader.dashboard.trends({ caseType: "COMPLAINT" });
    // The case type selects cases only: the plans' figures are those of every plan.
    expect(complaints.months).toEqual(await countedByHand(w.home.id, months, { caseType: "COMPLAINT" }));
    expect(complaints.months.reduce((sum, r) => sum + (r.received ?? 0), 0)).toBe(1);
  });

  it("takes the months of the period asked for, and no more than four years", async () => {
    const { w } = await trendsWorld();
    const from = `${monthsAgo(3)}-17`;
    const to = `${monthsAgo(1)}-02`;
    const trends = await w.callers.keLeader.dashboard.trends({ from, to });
    expect(trends.months.map((r) => r.month)).toEqual([monthsAgo(3), monthsAgo(2), monthsAgo(1)]);
    expect(trends.months).toEqual(await countedByHand(w.home.id, [monthsAgo(3), monthsAgo(2), monthsAgo(1)]));
    // Four years, the most there is: every month still as counted from the rows.
    const long = await w.callers.keLeader.dashboard.trends({ from: "2001-01-01" });
    expect(long.months).toHaveLength(48);
    expect(long.months).toEqual(await countedByHand(w.home.id, long.months.map((r) => r.month)));
    expect(trendMonths({ from: "2001-01-01" })).toHaveLength(48);
    expect(trendMonths({ from: `${THIS_MONTH}-01`, to: "2999-12-31" })).toEqual([THIS_MONTH]);
    expect(trendMonths({ from: "2999-01-01" })).toEqual([]);
  });

  it("gives the coordinators' load per unit now", async () => {
    const { w } = await trendsWorld();
    const { loadPerUnit } = await w.callers.keLeader.dashboard.trends({});
    const open = await prisma().coordinatorAssignment.findMany({
      where: { endedAt: null, plan: { municipalityId: w.home.id, status: { not: "CLOSED" } } },
      include: { coordinator: { include: { unit: true } } },
    });
    const units = [...new Set(open.map((a) => a.coordinator.unit?.name ?? null))];
    const byHand = units.map((unit) => {
      const rows = open.filter((a) => (a.coordinator.unit?.name ?? null) === unit);
      const coordinators = new Set(rows.map((a) => a.coordinatorId)).size;
      return { unit, coordinators, plans: rows.length, plansPerCoordinator: oneDecimal(rows.length / coordinators) };
    });
    expect(loadPerUnit).toEqual(expect.arrayContaining(byHand));
    expect(loadPerUnit).toHaveLength(byHand.length);
    // Hjemmetjenesten: Ingrid with the world plan, gap, idleToo, quiet and young (5); Psykisk helse: Siri with 2.
    expect(loadPerUnit).toEqual([
      { unit: "Hjemmetjenesten", coordinators: 1, plans: 5, plansPerCoordinator: 5 },
      { unit: "Psykisk helse", coordinators: 1, plans: 2, plansPerCoordinator: 2 },
    ]);
    const one = await w.callers.keLeader.dashboard.trends({ unitId: w.unit.id });
    expect(one.loadPerUnit.map((r) => r.unit)).toEqual(["Hjemmetjenesten"]);
  });

  it("hides counts from 1 to 4 in publication mode, and the days of fewer than 5 decisions", async () => {
    const { w } = await trendsWorld();
    const trends = await w.callers.keLeader.dashboard.trends({ publication: true });
    const month = (n: number) => trends.months.find((r) => r.month === monthsAgo(n))!;
    expect(month(2)).toMatchObject({ received: 6, decided: 5, medianDays: 6, p90Days: 9.2 });
    expect(month(1)).toMatchObject({ received: null, decided: null, medianDays: null, p90Days: null });
    // Zero is not hidden: nothing to recognise anyone by.
    expect(month(0)).toMatchObject({ received: 0, decided: 0 });
    expect(trends.months.every((r) => r.inactivePlans === null)).toBe(true);
    expect(trends.loadPerUnit).toEqual([
      { unit: "Hjemmetjenesten", coordinators: null, plans: 5, plansPerCoordinator: null },
      { unit: "Psykisk helse", coordinators: null, plans: null, plansPerCoordinator: null },
    ]);
    // No person is named: only units.
    const text = JSON.stringify(trends);
    for (const person of [...Object.values(w.people), { name: "Siri Psyk" }]) expect(text).not.toContain(person.name);
  });

  it("is for the coordinating unit only, and never counts another municipality", async () => {
    const { w } = await trendsWorld();
    for (const who of ["admin", "coordinator", "owner", "relativeWithConsent", "staffInGroup", "unitLeader"] as const) {
      await expect(w.callers[who].dashboard.trends({}), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(w.callers.caseOfficer.dashboard.trends({})).resolves.toMatchObject({ months: expect.any(Array) });
    const away = await w.callers.away.dashboard.trends({});
    // The other municipality's own figures: its one case, none of ours.
    expect(away.months.map((r) => r.received)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 10 ? 1 : 0)));
    expect(away.months.every((r) => r.decided === 0 && r.inactivePlans === 0)).toBe(true);
    expect(away.loadPerUnit).toEqual([]);
    await expect(w.callers.keLeader.dashboard.trends({ from: "01.01.2027" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the demo municipality", () => {
  it("has a history of activity that agrees with its plans' last activity", async () => {
    const demo = await seedDemo(prisma());
    const plans = await prisma().plan.findMany({ where: { municipalityId: demo.municipalityId }, include: { activityMonths: true } });
    for (const plan of plans) {
      const months = plan.activityMonths.map((a) => a.month.toISOString().slice(0, 7)).sort();
      expect(months[0], "made in its first month").toBe(osloMonth(plan.createdAt));
      expect(months.at(-1), "last in the month of its last activity").toBe(osloMonth(plan.lastActivityAt));
    }
    // This month the trend counts the two plans the overview calls inactive for 6 months.
    const { caller } = await signIn(t.db, (await prisma().user.findUniqueOrThrow({ where: { email: "leder@demo.no" } })).id);
    const [trends, overview] = await Promise.all([caller.dashboard.trends({}), caller.dashboard.overview({})]);
    expect(trends.months.at(-1)!.inactivePlans).toBe(overview.plans.inactive6Months);
    expect(new Set(trends.months.map((r) => r.inactivePlans)).size, "it changes over the year").toBeGreaterThan(1);
  });
});

describe("activity months", () => {
  it("are written by the write path when a change moves the plan's last activity, once per month", async () => {
    const w = await createPlanWorld(t.db);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: new Date(Date.now() - 40 * DAY) } });
    await w.callers.owner.log.create({ planId: w.plan.id, body: "Fin dag" });
    await w.callers.coordinator.log.create({ planId: w.plan.id, body: "Ny avtale" });
    // Reading is not activity.
    await w.callers.keLeader.dashboard.trends({});
    const rows = await prisma().planActivityMonth.findMany({ where: { planId: w.plan.id } });
    expect(rows.map((r) => r.month.toISOString().slice(0, 7))).toEqual([THIS_MONTH]);
  });

  it("catch the first activity of a month even within the minute the last one moved", async () => {
    const w = await createPlanWorld(t.db);
    const start = startOfOsloMonth(monthsAgo(1));
    await prisma().plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: new Date(start.getTime() - 20_000) } });
    await prisma().$transaction((tx) => noteActivity(tx, w.plan.id, new Date(start.getTime() + 10_000)));
    // Within the same month and minute: nothing moves, nothing more is written.
    await prisma().$transaction((tx) => noteActivity(tx, w.plan.id, new Date(start.getTime() + 30_000)));
    const stored = await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id }, include: { activityMonths: true } });
    expect(stored.lastActivityAt).toEqual(new Date(start.getTime() + 10_000));
    expect(stored.activityMonths.map((r) => r.month.toISOString().slice(0, 7))).toEqual([monthsAgo(1)]);
  });
});
