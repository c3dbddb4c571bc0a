import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { appRouter, type Caller } from "../../server/router.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { startServer } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Reading is never activity: a plan's last activity and the coordinator's "new from the user"
// move only when something in the plan changes. Every read procedure of the router (the table
// below must name each one) and opening the co-edited texts, ten times by every member, leave
// both alone; one real change by the user moves both.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const clients: TextClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await server?.close();
  server = undefined;
});

const PURPOSE = "Årlig gjennomgang av planer";
type Ids = { planId: string; meetingId: string; caseId: string; documentId: string; unitId: string; planDocumentId: string };

/** Every query of the router with an input; a reader who is refused is simply refused (and writes nothing either way). */
const READS: Record<string, (c: Caller, ids: Ids) => Promise<unknown>> = {
  "auth.me": (c) => c.auth.me(),
  "auth.providers": (c) => c.auth.providers(),
  "auth.secondFactorPending": (c) => c.auth.secondFactorPending(),
  "auth.signInSettings": (c) => c.auth.signInSettings(),
  "plan.list": (c) => c.plan.list(),
  "plan.mine": (c) => c.plan.mine(),
  "plan.stats": (c) => c.plan.stats(),
  "plan.byId": (c, { planId }) => c.plan.byId({ planId }),
  "plan.archives": (c, { planId }) => c.plan.archives({ planId }),
  "plan.page": (c, { planId }) => c.plan.page({ planId }),
  "plan.myPage": (c) => c.plan.myPage(),
  "plan.archivePdf": (c, { planId }) => c.plan.archivePdf({ planId, archiveId: "00000000-0000-4000-8000-000000000000" }),
  "plan.archivePackage": (c, { planId }) => c.plan.archivePackage({ planId, archiveId: "00000000-0000-4000-8000-000000000000" }),
  "measure.mine": (c) => c.measure.mine(),
  "participant.candidates": (c, { planId }) => c.participant.candidates({ planId, query: "Ol" }),
  "participant.invitation": (c) => c.participant.invitation({ token: "ingen-slik-lenke" }),
  "coordinator.candidates": (c) => c.coordinator.candidates(),
  "audit.forPlan": (c, { planId }) => c.audit.forPlan({ planId }),
  "audit.exportForPlan": (c, { planId }) => c.audit.exportForPlan({ planId }),
  "case.mine": (c) => c.case.mine(),
  "case.byId": (c, { caseId }) => c.case.byId({ caseId }),
  "case.list": (c) => c.case.list({}),
  "case.officers": (c) => c.case.officers(),
  "case.documents": (c, { caseId }) => c.case.documents({ caseId }),
  "case.document": (c, { caseId, documentId }) => c.case.document({ caseId, documentId }),
  "case.findPerson": (c) => c.case.findPerson({ query: "Kari" }),
  "planDocument.list": (c, { planId }) => c.planDocument.list({ planId }),
  "planDocument.get": (c, { planId, planDocumentId }) => c.planDocument.get({ planId, documentId: planDocumentId }),
  "search.plans": (c) => c.search.plans({ q: "Kari" }),
  "search.cases": (c) => c.search.cases({ q: "Kari" }),
  "search.inPlan": (c, { planId }) => c.search.inPlan({ planId, q: "morgen" }),
  "caseType.list": (c) => c.caseType.list(),
  "planTemplate.list": (c) => c.planTemplate.list(),
  "assessment.forPlan": (c, { planId }) => c.assessment.forPlan({ planId }),
  "assessment.codeList": (c) => c.assessment.codeList(),
  "planTemplate.byType": (c) => c.planTemplate.byType({ type: "STAFETTLOGG" }),
  "dashboard.overview": (c) => c.dashboard.overview({}),
  "dashboard.assessments": (c) => c.dashboard.assessments({}),
  "assessment.registerExport": (c) => c.assessment.registerExport({ format: "csv" }),
  "dashboard.plans": (c) => c.dashboard.plans({ metric: "activePlans", filter: {} }),
  "dashboard.meetings": (c) => c.dashboard.meetings({ metric: "withoutMinutes", filter: {} }),
  "dashboard.cases": (c) => c.dashboard.cases({ metric: "openCases", filter: {} }),
  "dashboard.measures": (c) => c.dashboard.measures({ metric: "evaluationOverdue", filter: {} }),
  "dashboard.unit": (c, { unitId }) => c.dashboard.unit({ unitId }),
  "dashboard.trends": (c) => c.dashboard.trends({}),
  "question.forPlan": (c, { planId }) => c.question.forPlan({ planId }),
  "plan.deleted": (c, { planId }) => c.plan.deleted({ planId }),
  "notification.mine": (c) => c.notification.mine(),
  "notification.unread": (c) => c.notification.unread(),
  "notification.settings": (c) => c.notification.settings(),
  "meeting.list": (c, { planId }) => c.meeting.list({ planId }),
  "meeting.byId": (c, { meetingId }) => c.meeting.byId({ meetingId }),
  "meeting.page": (c, { meetingId }) => c.meeting.page({ meetingId }),
  "meeting.upcoming": (c) => c.meeting.upcoming(),
  "meeting.ics": (c, { meetingId }) => c.meeting.ics({ meetingId }),
  "task.mine": (c) => c.task.mine(),
  "user.list": (c) => c.user.list(),
  "user.byId": (c) => c.user.byId({ userId: "00000000-0000-4000-8000-000000000000" }),
  "municipality.settings": (c) => c.municipality.settings(),
  "identityProvider.list": (c) => c.identityProvider.list(),
  "unit.list": (c) => c.unit.list(),
  "unit.names": (c) => c.unit.names(),
};

const MEMBERS: Who[] = ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup", "keLeader"];

async function followUpOf(w: PlanWorld) {
  const plans = await w.callers.coordinator.plan.list();
  const plan = plans.find((p) => p.id === w.plan.id)!;
  const stored = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true } });
  return { newFromUser: plan.newFromUser, lastActivityAt: stored.lastActivityAt.toISOString() };
}

describe("activity", () => {
  it("covers every read procedure of the router", () => {
    const queries = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
      .filter(([, p]) => p._def.type === "query")
      .map(([name]) => name)
      .sort();
    expect(Object.keys(READS).sort()).toEqual(queries);
  });

  it("is never moved by reading: every read ten times by every member, and opening the texts, changes nothing; the user's change moves both", async () => {
    const w = await createPlanWorld(t.db);
    // Something to read in every area: a meeting, a case with a document.
    const meeting = await w.callers.coordinator.meeting.create({
      planId: w.plan.id,
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      durationMinutes: 60,
      location: "Rådhuset",
      invitees: [{ userId: w.people.relativeWithConsent.id }, { userId: w.people.staffInGroup.id }],
    });
    const kase = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Ønsker ny koordinator" });
    const document = await w.callers.caseOfficer.case.addDocument({ caseId: kase.id, name: "Brev.txt", mimeType: "text/plain", contentBase64: Buffer.from("Brev").toString("base64") });
    const planDocument = await w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "Vedlegg.pdf", visibility: "ALL_MEMBERS", contentBase64: Buffer.from("%PDF-1.4 vedlegg").toString("base64") });
    const ids: Ids = { planId: w.plan.id, meetingId: meeting.id, caseId: kase.id, documentId: document.id, unitId: w.unit.id, planDocumentId: planDocument.id };

    // A quiet plan the coordinator has looked at: nothing new from the user.
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: new Date(Date.now() - 40 * 86_400_000) } });
    await w.callers.coordinator.plan.byId({ planId: w.plan.id });
    const before = await followUpOf(w);
    expect(before.newFromUser).toBe(0);
    // The coordinating unit says why it reads (a record, not activity in the plan).
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });

    let reads = 0;
    for (const who of MEMBERS) {
      for (const [name, call] of Object.entries(READS)) {
        for (let i = 0; i < 10; i++) {
          try {
            await call(w.callers[who], ids);
            reads++;
          } catch (error) {
            // Refused reads are fine here (a relative may not list cases); anything else is not.
            expect((error as { code?: string }).code, `${who} ${name}`).toMatch(/FORBIDDEN|NOT_FOUND/);
          }
        }
      }
    }
    expect(reads).toBeGreaterThan(600);

    // Opening the co-edited texts, as every page does, ten times each.
    server = await startServer(t.db);
    for (const who of ["owner", "coordinator", "relativeWithConsent"] as const) {
      for (let i = 0; i < 10; i++) {
        const { token } = await createSession(t.db.prisma, w.people[who].id);
        const client = openText(server.origin, token, `plan:${w.plan.id}:aboutMe`);
        clients.push(client);
        await until(() => client.provider.isSynced, "opened");
        await client.close();
      }
    }
    await until(async () => (await t.db.prisma.auditEvent.count({ where: { action: "plan.text.open", planId: w.plan.id } })) === 30, "text openings recorded");

    expect(await followUpOf(w)).toEqual(before);

    // One change by the user: the plan is active, and the coordinator sees one thing new from the user.
    await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title: "Begynne i kor" });
    const after = await followUpOf(w);
    expect(after.newFromUser).toBe(1);
    expect(after.lastActivityAt > before.lastActivityAt).toBe(true);
    // About 2,000 calls: room for a busy machine.
  }, 120_000);
});
