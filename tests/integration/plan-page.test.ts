import { describe, expect, it } from "vitest";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// plan.page (decision 035): the plan page's content in one read. Who may call it is in
// plan-access.test.ts; here, that it shows exactly what the five reads it replaces show, and
// that one look at the page is one read row.

const t = useTestDatabase();
const PURPOSE = "Årlig gjennomgang av planer";

async function somethingInEveryPart(w: PlanWorld) {
  await w.callers.coordinator.meeting.create({
    planId: w.plan.id,
    startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    durationMinutes: 60,
    location: "Rådhuset",
    invitees: [{ userId: w.people.relativeWithConsent.id }],
  });
  await w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "Vedlegg.pdf", visibility: "ALL_MEMBERS", contentBase64: Buffer.from("%PDF-1.4 vedlegg").toString("base64") });
}

const readRows = (w: PlanWorld, actorId: string) =>
  t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, actorId, kind: "READ" }, orderBy: { createdAt: "asc" }, select: { action: true, purpose: true, planRole: true, details: true } });

describe("plan.page", () => {
  it.each<Who>(["coordinator", "owner", "relativeWithConsent"])("shows %s exactly what plan.byId, meeting.list, assessment.forPlan, planDocument.list and plan.archives show", async (who) => {
    const w = await createPlanWorld(t.db);
    await somethingInEveryPart(w);
    const caller = w.callers[who];
    const planId = w.plan.id;
    const page = await caller.plan.page({ planId });
    expect(page.meetings).toHaveLength(1);
    expect(page.documents.documents).toHaveLength(1);
    expect(page).toEqual({
      plan: await caller.plan.byId({ planId }),
      meetings: await caller.meeting.list({ planId }),
      assessment: await caller.assessment.forPlan({ planId }),
      documents: await caller.planDocument.list({ planId }),
      archives: await caller.plan.archives({ planId }),
    });
  });

  it("writes one read row for one look at the page, with the coordinating unit's purpose, and changes nothing else", async () => {
    const w = await createPlanWorld(t.db);
    await somethingInEveryPart(w);
    const before = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });

    await w.callers.coordinator.plan.page({ planId: w.plan.id });
    expect(await readRows(w, w.people.coordinator.id)).toEqual([
      { action: "plan.view", purpose: null, planRole: "COORDINATOR", details: { parts: ["plan", "meetings", "assessment", "documents", "archives"] } },
    ]);

    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    await w.callers.keLeader.plan.page({ planId: w.plan.id });
    expect(await readRows(w, w.people.keLeader.id)).toEqual([expect.objectContaining({ action: "plan.view", purpose: PURPOSE, planRole: "AUDITOR" })]);

    const after = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });
    expect(after).toEqual(before);
  });

  it("refuses the coordinating unit without a stated purpose, and writes no read row", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.keLeader.plan.page({ planId: w.plan.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await readRows(w, w.people.keLeader.id)).toEqual([]);
  });
});
