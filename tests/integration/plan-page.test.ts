import { describe, expect, it } from "vitest";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// plan.page (decision 035), plan.myPage (041) and meeting.page (043): the plan page, "Min plan"
// and the meeting page in one read each. Who may call plan.page is in plan-access.test.ts;
// plan.myPage and meeting.page are refused here as plan.mine and meeting.byId are. Here, that each shows
// exactly what the reads it replaces show, and that one look at the page is one read row.

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
  await w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "Vedtak.pdf", visibility: "USER_AND_COORDINATOR", contentBase64: Buffer.from("%PDF-1.4 vedtak").toString("base64") });
  await w.callers.coordinator.plan.archive({ planId: w.plan.id });
}

const readRows = (w: PlanWorld, actorId: string) =>
  t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, actorId, kind: "READ" }, orderBy: { createdAt: "asc" }, select: { action: true, purpose: true, planRole: true, details: true } });

describe("plan.page", () => {
  it.each<{ who: Who; documents: number; copies: number | null; units: boolean }>([
    { who: "coordinator", documents: 2, copies: 1, units: true },
    { who: "owner", documents: 2, copies: null, units: false },
    { who: "relativeWithConsent", documents: 1, copies: null, units: false },
  ])("shows $who exactly what plan.byId, meeting.list, assessment.forPlan, planDocument.list, plan.archives and unit.names show", async ({ who, documents, copies, units }) => {
    const w = await createPlanWorld(t.db);
    await somethingInEveryPart(w);
    const caller = w.callers[who];
    const planId = w.plan.id;
    const page = await caller.plan.page({ planId });
    expect(page.meetings).toHaveLength(1);
    // Read with the plan (decision 054): the restricted document and the copies only for those who see them.
    expect(page.documents.documents).toHaveLength(documents);
    expect(page.archives.copies?.length ?? null).toBe(copies);
    expect(page.archives.lastArchivedAt).toBeInstanceOf(Date);
    expect(page).toEqual({
      plan: await caller.plan.byId({ planId }),
      meetings: await caller.meeting.list({ planId }),
      assessment: await caller.assessment.forPlan({ planId }),
      documents: await caller.planDocument.list({ planId }),
      archives: await caller.plan.archives({ planId }),
      // The units to name a measure's unit by, for staff who may change the plan; the user may not ask for them.
      units: units ? await caller.unit.names() : null,
    });
    if (units) expect(page.units?.length).toBeGreaterThan(0);
    else if (who === "owner") await expect(caller.unit.names()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("carries the co-edited texts' last formatted projection by name, and nothing of the rows it read them from", async () => {
    const w = await createPlanWorld(t.db);
    const name = `plan:${w.plan.id}:aboutMe`;
    await t.db.prisma.collabDocument.upsert({
      where: { name },
      create: { name, planId: w.plan.id, state: Buffer.alloc(0), text: "Jeg liker å gå tur.", html: "<p>Jeg liker å gå tur.</p>" },
      update: { html: "<p>Jeg liker å gå tur.</p>" },
    });
    const { plan } = await w.callers.owner.plan.page({ planId: w.plan.id });
    expect(plan.texts[name]).toBe("<p>Jeg liker å gå tur.</p>");
    expect(plan).not.toHaveProperty("collabDocuments");
    expect(plan.questions).toBeNull();
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

  it("names who wrote what it shows: people in the plan from its own read, others in the municipality too, nobody from elsewhere", async () => {
    const w = await createPlanWorld(t.db);
    const outsider = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["STAFF"], name: "Tidligere Ansatt" });
    const today = new Date();
    for (const authorId of [w.people.coordinator.id, w.people.relativeWithConsent.id, outsider.id, w.people.away.id]) {
      await t.db.prisma.logEntry.create({ data: { planId: w.plan.id, authorId, date: today, body: "Notat" } });
    }
    const { plan } = await w.callers.coordinator.plan.page({ planId: w.plan.id });
    expect(plan.authors).toMatchObject({ [w.people.coordinator.id]: "Ingrid Koordinator", [w.people.relativeWithConsent.id]: "Ola Pårørende", [outsider.id]: "Tidligere Ansatt" });
    expect(plan.authors).not.toHaveProperty(w.people.away.id);
  });

  it("names Kartlegging's assessors and own views as assessment.forPlan does: the plan's people from its read, others in the municipality too", async () => {
    const w = await createPlanWorld(t.db);
    const planId = w.plan.id;
    const outsider = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["STAFF"], name: "Tidligere Ansatt" });
    const { assessmentId } = await w.callers.coordinator.assessment.record({ planId, assessedOn: "2026-11-02", methods: ["CONVERSATION"], scores: { "IPLOS:13": 3 } });
    await w.callers.coordinator.assessment.record({ planId, assessedOn: "2026-11-03", methods: ["CONVERSATION"], scores: { "IPLOS:16": 2 } });
    // The first was recorded by someone who has since left the plan's group.
    await t.db.prisma.assessment.update({ where: { id: assessmentId }, data: { assessedById: outsider.id } });
    await w.callers.owner.assessment.ownView({ planId, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer avtaler." }] });
    const pages = [
      { caller: w.callers.coordinator, assessment: (await w.callers.coordinator.plan.page({ planId })).assessment },
      { caller: w.callers.owner, assessment: (await w.callers.owner.plan.myPage()).shown!.assessment },
    ];
    for (const { caller, assessment } of pages) {
      expect(assessment).toEqual(await caller.assessment.forPlan({ planId }));
      expect(assessment.assessments.map((a) => a.assessedBy)).toEqual([
        { id: w.people.coordinator.id, name: "Ingrid Koordinator" },
        { id: outsider.id, name: "Tidligere Ansatt" },
      ]);
      expect(assessment.ownViews["IPLOS:13"]?.givenBy).toEqual({ id: w.people.owner.id, name: w.people.owner.name });
    }
  });

  it("answers nothing when its read row cannot be stored (decision 045)", async () => {
    const w = await createPlanWorld(t.db);
    const actor = w.people.coordinator.id;
    // The database itself refuses this person's read rows, as a full disk or a lost connection would.
    await t.db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_read_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no read rows'; END $$`);
    await t.db.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_read_row BEFORE INSERT ON "AuditEvent" FOR EACH ROW WHEN (NEW."actorId" = '${actor}' AND NEW.kind = 'READ') EXECUTE FUNCTION refuse_read_row()`);
    try {
      await expect(w.callers.coordinator.plan.page({ planId: w.plan.id })).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
      await expect(w.callers.coordinator.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    } finally {
      await t.db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_read_row ON "AuditEvent"`);
      await t.db.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_read_row()`);
    }
    expect(await readRows(w, actor)).toEqual([]);
    await expect(w.callers.coordinator.plan.byId({ planId: w.plan.id })).resolves.toMatchObject({ id: w.plan.id });
  });
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Two coming meetings, one held with approved minutes, and an open task for the user from it. */
async function meetingsForMyPlan(w: PlanWorld) {
  const invitees = [{ userId: w.people.relativeWithConsent.id }];
  const coordinator = w.callers.coordinator;
  await coordinator.meeting.create({ planId: w.plan.id, startsAt: inDays(10), durationMinutes: 60, location: "Rådhuset", invitees });
  const next = await coordinator.meeting.create({ planId: w.plan.id, startsAt: inDays(3), durationMinutes: 60, location: "Helsehuset", invitees });
  await coordinator.meeting.addAgendaItem({ meetingId: next.id, title: "Skolevei" });
  const held = await coordinator.meeting.create({ planId: w.plan.id, startsAt: inDays(2), durationMinutes: 60, location: "Rådhuset", invitees });
  await t.db.prisma.meeting.update({ where: { id: held.id }, data: { startsAt: new Date(Date.now() - 5 * 86_400_000) } });
  await coordinator.meeting.createTask({ meetingId: held.id, title: "Søke om bassengkort", responsibleUserId: w.people.owner.id, dueDate: inDays(20).slice(0, 10) });
  const { invitees: present } = await coordinator.meeting.byId({ meetingId: held.id });
  await coordinator.meeting.recordAttendance({ meetingId: held.id, attendance: present.map((i) => ({ inviteeId: i.id, attended: true })) });
  await coordinator.meeting.approveMinutes({ meetingId: held.id, text: "Til stede: alle." });
  return { next, held };
}

describe("plan.myPage", () => {
  it("shows the owner their plans as plan.mine does, and the plan exactly as plan.byId, meeting.list, meeting.byId, task.mine and assessment.forPlan show", async () => {
    const w = await createPlanWorld(t.db);
    const { next, held } = await meetingsForMyPlan(w);
    const caller = w.callers.owner;
    const planId = w.plan.id;
    const page = await caller.plan.myPage();
    const list = await caller.meeting.list({ planId });
    expect(page.shown?.meetings.next?.id).toBe(next.id);
    expect(page.shown?.meetings.lastApproved?.id).toBe(held.id);
    expect(page).toEqual({
      plans: await caller.plan.mine(),
      shown: {
        plan: await caller.plan.byId({ planId }),
        meetings: {
          // Except a draft's minutes: "Min plan" shows approved minutes only, so a draft is not read.
          next: { ...(await caller.meeting.byId({ meetingId: next.id })), minutes: null },
          later: list.filter((m) => m.status === "PLANNED" && m.id !== next.id),
          lastApproved: await caller.meeting.byId({ meetingId: held.id }),
          olderApproved: [],
          tasks: (await caller.task.mine()).filter((task) => task.planId === planId),
        },
        assessment: await caller.assessment.forPlan({ planId }),
      },
    });
    expect(page.shown?.meetings.tasks.map((task) => task.title)).toEqual(["Søke om bassengkort"]);
  });

  it("names the people in the meetings it shows in full: the plan's own from its read, others in the municipality too", async () => {
    const w = await createPlanWorld(t.db);
    const { next } = await meetingsForMyPlan(w);
    // Someone who has since left the plan's group added the agenda item.
    const outsider = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["STAFF"], name: "Tidligere Ansatt" });
    await t.db.prisma.agendaItem.updateMany({ where: { meetingId: next.id }, data: { addedById: outsider.id } });
    const { shown } = await w.callers.owner.plan.myPage();
    expect(shown?.meetings.next?.organizer).toEqual({ id: w.people.coordinator.id, name: "Ingrid Koordinator" });
    const addedBy = shown?.meetings.next?.agenda.map((a) => a.addedBy) ?? [];
    expect(addedBy.length).toBeGreaterThan(0);
    for (const person of addedBy) expect(person).toEqual({ id: outsider.id, name: "Tidligere Ansatt" });
  });

  it("writes one read row per plan listed, the shown one naming the parts and the meetings shown in full, and changes nothing else", async () => {
    const w = await createPlanWorld(t.db);
    const { next, held } = await meetingsForMyPlan(w);
    // An earlier plan of hers, closed: listed, not shown in full.
    const earlier = await createPlan(t.db.prisma, { municipalityId: w.home.id, ownerId: w.people.owner.id, status: "CLOSED" });
    const before = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });
    const page = await w.callers.owner.plan.myPage();
    expect(page.plans.map((p) => p.id)).toEqual([earlier.id, w.plan.id]);
    expect(page.shown?.plan.id).toBe(w.plan.id);
    const rows = await t.db.prisma.auditEvent.findMany({
      where: { actorId: w.people.owner.id, kind: "READ" },
      orderBy: { planId: "asc" },
      select: { action: true, planId: true, purpose: true, planRole: true, details: true },
    });
    expect(rows).toEqual(
      [
        { action: "plan.view", planId: w.plan.id, purpose: null, planRole: "OWNER", details: { parts: ["plan", "meetings", "tasks", "assessment"], meetings: [next.id, held.id] } },
        { action: "plan.view", planId: earlier.id, purpose: null, planRole: null, details: null },
      ].sort((a, b) => a.planId.localeCompare(b.planId)),
    );
    const after = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });
    expect(after).toEqual(before);
  });

  it("shows a closed plan when there is no other, without tasks, as task.mine", async () => {
    const w = await createPlanWorld(t.db);
    await meetingsForMyPlan(w);
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const { shown } = await w.callers.owner.plan.myPage();
    expect(shown?.plan).toMatchObject({ id: w.plan.id, status: "CLOSED" });
    expect(shown?.meetings.tasks).toEqual([]);
  });

  it("answers a service user without a plan with an empty list and no read row, and refuses anyone else as plan.mine does", async () => {
    const w = await createPlanWorld(t.db);
    const newcomer = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["USER"] });
    expect(await (await signIn(t.db, newcomer.id)).caller.plan.myPage()).toEqual({ plans: [], shown: null });
    for (const who of ["keLeader", "coordinator", "relativeWithConsent", "representative"] as const) {
      await expect(w.callers[who].plan.myPage()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].plan.mine()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const rows = await t.db.prisma.auditEvent.count({ where: { actorId: { in: [newcomer.id, w.people.keLeader.id, w.people.coordinator.id] }, kind: "READ" } });
    expect(rows).toBe(0);
  });
});

describe("meeting.page", () => {
  const meetingRows = (w: PlanWorld, actorId: string) =>
    t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, actorId, kind: "READ" }, orderBy: { createdAt: "asc" }, select: { action: true, purpose: true, planRole: true, targetType: true, details: true } });

  it("shows those who may change the plan the meeting and the plan as meeting.byId and plan.byId do, and a read-only member the meeting alone", async () => {
    const w = await createPlanWorld(t.db);
    const { next } = await meetingsForMyPlan(w);
    for (const who of ["coordinator", "relativeWithConsent", "owner"] as const) {
      const caller = w.callers[who];
      const page = await caller.meeting.page({ meetingId: next.id });
      const canEdit = page.meeting.access.canEdit;
      expect(page, who).toEqual({ meeting: await caller.meeting.byId({ meetingId: next.id }), plan: canEdit ? await caller.plan.byId({ planId: w.plan.id }) : null });
      expect(canEdit, who).toBe(who !== "relativeWithConsent");
    }
  });

  it("writes one read row naming the parts, without the plan once the minutes are approved, and changes nothing else", async () => {
    const w = await createPlanWorld(t.db);
    const { next, held } = await meetingsForMyPlan(w);
    const before = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });
    const earlier = (await meetingRows(w, w.people.coordinator.id)).length;
    await w.callers.coordinator.meeting.page({ meetingId: next.id });
    expect((await w.callers.coordinator.meeting.page({ meetingId: held.id })).plan).toBeNull();
    expect((await meetingRows(w, w.people.coordinator.id)).slice(earlier)).toEqual([
      { action: "meeting.view", purpose: null, planRole: "COORDINATOR", targetType: "meeting", details: { parts: ["meeting", "plan"] } },
      { action: "meeting.view", purpose: null, planRole: "COORDINATOR", targetType: "meeting", details: { parts: ["meeting"] } },
    ]);
    const after = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id }, select: { lastActivityAt: true, version: true } });
    expect(after).toEqual(before);
  });

  it("refuses outsiders (NOT_FOUND) and the coordinating unit without a stated purpose (FORBIDDEN), and writes no read row", async () => {
    const w = await createPlanWorld(t.db);
    const { next } = await meetingsForMyPlan(w);
    for (const who of ["relativeWithoutConsent", "staffOutside", "unitLeader", "admin", "away"] as const) {
      await expect(w.callers[who].meeting.page({ meetingId: next.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await meetingRows(w, w.people[who].id), who).toEqual([]);
    }
    await expect(w.callers.keLeader.meeting.page({ meetingId: next.id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    expect(await meetingRows(w, w.people.keLeader.id)).toEqual([]);
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    const page = await w.callers.keLeader.meeting.page({ meetingId: next.id });
    expect(page.plan).toBeNull();
    expect(await meetingRows(w, w.people.keLeader.id)).toEqual([{ action: "meeting.view", purpose: PURPOSE, planRole: "AUDITOR", targetType: "meeting", details: { parts: ["meeting"] } }]);
  });
});
