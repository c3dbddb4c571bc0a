import { describe, expect, it } from "vitest";
import { calendarDate, todayInOslo } from "../../app/domain/oslo-time.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import { runAssessmentReminders } from "../../server/assessments/reminders.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// The coordinator is told when a plan's assessment goes out of date: past the municipality's age
// limit, or older than a change in the person's services or a new decision. Once each.

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const daysAgo = (days: number) => calendarDate(addCalendarDays(todayInOslo(), -days));

async function assessedDaysAgo(w: PlanWorld, days: number) {
  const { assessmentId } = await w.callers.coordinator.assessment.record({ planId: w.plan.id, assessedOn: todayInOslo(), methods: ["CONVERSATION"], scores: { "IPLOS:01": 2 } });
  await prisma().assessment.update({ where: { id: assessmentId }, data: { assessedOn: daysAgo(days) } });
}

const notices = (w: PlanWorld) => prisma().notification.findMany({ where: { planId: w.plan.id, kind: "assessment.out_of_date" } });

describe("assessment reminders", () => {
  it("tell the coordinator once when the latest assessment passes 12 months, and not before", async () => {
    const w = await createPlanWorld(t.db);
    await assessedDaysAgo(w, 300);
    await runAssessmentReminders(prisma());
    expect(await notices(w)).toEqual([]);

    await prisma().assessment.updateMany({ where: { planId: w.plan.id }, data: { assessedOn: daysAgo(368) } });
    await runAssessmentReminders(prisma());
    await runAssessmentReminders(prisma());
    const told = await notices(w);
    expect(told.map((n) => n.userId)).toEqual([w.people.coordinator.id]);
    expect(told[0].body).toMatch(/eldre enn kommunen regner som gyldig/);
    expect(told[0].link).toBe(`/planer/${w.plan.id}#kartlegging`);
  });

  it("follow the municipality's own limit", async () => {
    const w = await createPlanWorld(t.db);
    await prisma().municipality.update({ where: { id: w.home.id }, data: { assessmentMaxAgeMonths: 6 } });
    await assessedDaysAgo(w, 190);
    await runAssessmentReminders(prisma());
    expect(await notices(w)).toHaveLength(1);
  });

  it("tell the coordinator when a service starts after the assessment, and when a decision is made after it", async () => {
    const w = await createPlanWorld(t.db);
    await assessedDaysAgo(w, 30);
    await runAssessmentReminders(prisma());
    expect(await notices(w)).toEqual([]);

    await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Praktisk bistand", provider: "Hjemmetjenesten", fromDate: addCalendarDays(todayInOslo(), -2) });
    await runAssessmentReminders(prisma());
    const afterService = await notices(w);
    expect(afterService).toHaveLength(1);
    expect(afterService[0].body).toMatch(/Tjenestene er endret/);

    const other = await createPlanWorld(t.db);
    await assessedDaysAgo(other, 30);
    await prisma().case.create({
      data: {
        municipalityId: other.home.id,
        reference: "2026-0901",
        type: "IP_APPLICATION",
        channel: "PORTAL",
        subjectName: "Kari Eier",
        subjectUserId: other.people.owner.id,
        planId: other.plan.id,
        description: "Søknad",
        receivedAt: daysAgo(20),
        interimReplyDue: daysAgo(0),
        decisionDue: daysAgo(-10),
        decidedAt: daysAgo(1),
        outcome: "GRANTED",
        status: "DECIDED",
      },
    });
    await runAssessmentReminders(prisma());
    const afterDecision = await notices(other);
    expect(afterDecision).toHaveLength(1);
    expect(afterDecision[0].body).toMatch(/nytt vedtak/);
  });

  it("leave closed plans and plans without an assessment alone", async () => {
    const w = await createPlanWorld(t.db);
    await runAssessmentReminders(prisma());
    expect(await notices(w)).toEqual([]);
    await assessedDaysAgo(w, 368);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await runAssessmentReminders(prisma());
    expect(await notices(w)).toEqual([]);
  });
});
