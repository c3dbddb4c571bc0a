import { describe, expect, it } from "vitest";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { addWorkingDays } from "../../app/domain/working-days.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

describe("case lifecycle", () => {
  it("a service user applies; deadlines are set; the case officer sends the interim reply; the user sees it; granting creates the plan", async () => {
    const w = await createPlanWorld(t.db);
    // A person without a plan applies for one.
    const applicant = w.people.staffOutside; // has an account; give them the USER role
    await t.db.prisma.userRole.create({ data: { userId: applicant.id, role: "USER" } });
    const { signIn } = await import("./helpers.ts");
    const me = (await signIn(t.db, applicant.id)).caller;

    const created = await me.case.create({ type: "IP_APPLICATION", description: "Jeg trenger hjelp til å samordne tjenestene mine." });
    expect(created).toMatchObject({ personStatus: "RECEIVED", reference: expect.stringMatching(/^\d{4}-0001$/) });
    const today = osloDate(new Date());
    const stored = await t.db.prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(day(stored.decisionDue)).toBe(addWorkingDays(today, 20));
    expect(stored).toMatchObject({ subjectUserId: applicant.id, submittedById: applicant.id, channel: "PORTAL", formalDecision: true });

    // The case officer takes it, and sends the interim reply.
    const officer = w.callers.caseOfficer;
    const listed = await officer.case.list();
    expect(listed.map((c) => c.id)).toEqual([created.id]);
    await officer.case.assign({ caseId: created.id, version: 1, officerId: w.people.caseOfficer.id });
    expect((await me.case.mine())[0].personStatus).toBe("IN_PROGRESS");
    const replied = await officer.case.sendInterimReply({ caseId: created.id, version: 2, reason: "Vi venter på opplysninger fra fastlegen." });
    expect(replied.interimReplyText).toContain(`Foreløpig svar – sak ${created.reference}`);
    expect(replied.interimReplyText).toContain("Vi venter på opplysninger fra fastlegen.");
    await expect(officer.case.sendInterimReply({ caseId: created.id, version: 3 })).rejects.toMatchObject({ code: "CONFLICT" });
    const mine = await me.case.mine();
    expect(mine[0]).toMatchObject({ personStatus: "INTERIM_SENT", interimReplyText: replied.interimReplyText });

    // Granted: the plan exists, with the user's consent (the application), and a coordinator case follows.
    const decided = await officer.case.decide({ caseId: created.id, version: 3, outcome: "GRANTED", grounds: "Du har behov for langvarige og koordinerte tjenester." });
    expect(decided.planId).toBeTruthy();
    const plan = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: decided.planId! } });
    expect(plan).toMatchObject({ ownerId: applicant.id, status: "DRAFT", consentGivenBy: applicant.id });
    expect(await t.db.prisma.case.count({ where: { type: "COORDINATOR_REQUEST", planId: plan.id } })).toBe(1);
    const after = (await me.case.mine()).find((c) => c.id === created.id)!;
    expect(after).toMatchObject({ personStatus: "DECIDED", outcome: "GRANTED" });
    expect(after.complaintInfo).toContain("Du kan klage");
    await expect(officer.case.decide({ caseId: created.id, version: 4, outcome: "REFUSED", grounds: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Every step is in the audit trail.
    const actions = (await t.db.prisma.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["case.create", "case.assign", "case.interim_reply", "case.decide"]));
  });

  it("granting a coordinator appoints one atomically, handing over from the current one", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." });
    await expect(
      w.callers.keLeader.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Innvilget." }),
    ).rejects.toMatchObject({ messageKey: "case.coordinatorRequired" });
    await w.callers.keLeader.case.decide({
      caseId: c.id,
      version: 1,
      outcome: "GRANTED",
      grounds: "Innvilget.",
      coordinatorId: w.people.staffOutside.id,
      handoverNote: "Kari ønsker møter før 12.",
    });
    const open = await t.db.prisma.coordinatorAssignment.findMany({ where: { planId: w.plan.id, endedAt: null } });
    expect(open.map((a) => a.coordinatorId)).toEqual([w.people.staffOutside.id]);
  });

  it("a case registered from paper keeps the day it arrived, and its deadlines follow that day", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.caseOfficer.case.create({
      type: "COMPLAINT",
      channel: "PAPER",
      subjectName: "Per Hansen",
      description: "Klage på avslag.",
      receivedAt: "2026-01-31T09:00:00+01:00",
    });
    const stored = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(day(stored.interimReplyDue)).toBe("2026-02-28");
    expect(day(stored.decisionDue)).toBe("2026-03-02"); // 30 calendar days
    expect(stored.submittedById).toBeNull();
    const [row] = await w.callers.caseOfficer.case.list();
    expect(row).toMatchObject({ decisionOverdue: true, interimOverdue: true });
  });
});

describe("case access", () => {
  it("only the coordinating unit lists and handles cases; nobody outside the municipality sees them", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Ny koordinator, takk." });
    for (const who of ["owner", "relativeWithConsent", "coordinator", "staffInGroup", "unitLeader"] as const) {
      await expect(w.callers[who].case.list(), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].case.sendInterimReply({ caseId: c.id, version: 1 }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].case.decide({ caseId: c.id, version: 1, outcome: "REFUSED", grounds: "x" }), who).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    // The applicant sees their own case; other members of the plan do not.
    await expect(w.callers.owner.case.byId({ caseId: c.id })).resolves.toMatchObject({ internal: null });
    await expect(w.callers.coordinator.case.byId({ caseId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another municipality's coordinating unit sees nothing.
    expect(await w.callers.away.case.list()).toEqual([]);
    await expect(w.callers.away.case.byId({ caseId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.away.case.sendInterimReply({ caseId: c.id, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.callers.keLeader.case.byId({ caseId: c.id })).internal).not.toBeNull();
  });

  it("staff may send a notice of need from a plan, but not apply for others; a user may not register paper cases", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.coordinator.case.create({ type: "NEED_NOTICE", planId: w.plan.id, description: "Trenger mer hjelp." })).resolves.toBeTruthy();
    await expect(w.callers.coordinator.case.create({ type: "IP_APPLICATION", subjectName: "Noen", description: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(w.callers.owner.case.create({ type: "NEED_NOTICE", description: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.owner.case.create({ type: "COMPLAINT", channel: "PAPER", description: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("invalid input gets a 400 and creates nothing", async () => {
    const w = await createPlanWorld(t.db);
    for (const bad of [
      { type: "IP_APPLICATION", description: "" },
      { type: "NOPE", description: "x" },
      { type: "COMPLAINT", description: "x".repeat(10_001) },
      { type: "COMPLAINT", description: "x", receivedAt: "i går" },
    ]) {
      await expect(w.callers.caseOfficer.case.create(bad as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await t.db.prisma.case.count()).toBe(0);
  });
});

describe("case type settings", () => {
  it("the administrator sets a type's deadline; new cases use it; others may not change it", async () => {
    const w = await createPlanWorld(t.db);
    const before = await w.callers.admin.caseType.list();
    expect(before.find((s) => s.type === "COMPLAINT")).toMatchObject({ deadlineAmount: 30, deadlineUnit: "CALENDAR_DAYS" });
    await w.callers.admin.caseType.update({ type: "COMPLAINT", deadlineAmount: 10, deadlineUnit: "WORKING_DAYS", formalDecision: true, reminderWorkingDays: 2 });
    const c = await w.callers.owner.case.create({ type: "COMPLAINT", description: "Klage" });
    const stored = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(day(stored.decisionDue)).toBe(addWorkingDays(osloDate(stored.receivedAt), 10));
    for (const who of ["keLeader", "caseOfficer", "coordinator", "owner"] as const) {
      await expect(
        w.callers[who].caseType.update({ type: "COMPLAINT", deadlineAmount: 5, deadlineUnit: "WORKING_DAYS", formalDecision: true, reminderWorkingDays: 2 }),
        who,
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(w.callers.admin.caseType.update({ type: "COMPLAINT", deadlineAmount: 0, deadlineUnit: "WORKING_DAYS", formalDecision: true, reminderWorkingDays: 2 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await w.callers.away.caseType.list()).find((s) => s.type === "COMPLAINT")?.deadlineAmount).toBe(30);
  });
});

describe("case details", () => {
  it("an interim reply on a late case never promises a day that has passed", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.caseOfficer.case.create({ type: "COMPLAINT", channel: "PAPER", subjectName: "Per", description: "Klage", receivedAt: "2026-01-05T10:00:00+01:00" });
    const replied = await w.callers.caseOfficer.case.sendInterimReply({ caseId: c.id, version: 1 });
    const expected = addWorkingDays(osloDate(new Date()), 10);
    const written = new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${expected}T00:00:00Z`));
    expect(replied.interimReplyText).toContain(`innen ${written}`);
    const other = await w.callers.caseOfficer.case.create({ type: "COMPLAINT", channel: "PAPER", subjectName: "Ola", description: "Klage", receivedAt: "2026-01-05T10:00:00+01:00" });
    await expect(w.callers.caseOfficer.case.sendInterimReply({ caseId: other.id, version: 1, expectedBy: "2026-02-01" })).rejects.toMatchObject({
      messageKey: "case.expectedInPast",
    });
  });

  it("a notice of need about a plan needs access to that plan", async () => {
    const w = await createPlanWorld(t.db);
    await expect(w.callers.staffOutside.case.create({ type: "NEED_NOTICE", planId: w.plan.id, description: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.staffInGroup.case.create({ type: "NEED_NOTICE", planId: w.plan.id, description: "Trenger mer hjelp" })).resolves.toBeTruthy();
    const [c] = await w.callers.keLeader.case.list();
    const detail = await w.callers.keLeader.case.byId({ caseId: c.id });
    expect(detail.internal).toMatchObject({ submittedBy: { id: w.people.staffInGroup.id }, planCoordinator: { id: w.people.coordinator.id } });
  });
});

describe("case documents", () => {
  it("the coordinating unit attaches and reads documents; others cannot; bad files get a 400", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "COMPLAINT", description: "Klage" });
    const pdf = Buffer.from("%PDF-1.4 brev fra sykehuset");
    const doc = await w.callers.caseOfficer.case.addDocument({ caseId: c.id, name: "Epikrise.pdf", mimeType: "application/pdf", contentBase64: pdf.toString("base64") });
    expect(doc).toMatchObject({ name: "Epikrise.pdf", size: pdf.length });
    expect((await w.callers.keLeader.case.documents({ caseId: c.id })).map((d) => d.id)).toEqual([doc.id]);
    const back = await w.callers.keLeader.case.document({ caseId: c.id, documentId: doc.id });
    expect(Buffer.from(back.contentBase64, "base64").equals(pdf)).toBe(true);
    expect(await t.db.prisma.auditEvent.count({ where: { action: { in: ["case.document_add", "case.document_view"] }, targetId: c.id } })).toBe(2);
    for (const who of ["owner", "coordinator", "staffInGroup"] as const) {
      await expect(w.callers[who].case.document({ caseId: c.id, documentId: doc.id }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(w.callers.away.case.document({ caseId: c.id, documentId: doc.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      w.callers.caseOfficer.case.addDocument({ caseId: c.id, name: "virus.exe", mimeType: "application/x-msdownload", contentBase64: "AAAA" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.caseOfficer.case.addDocument({ caseId: c.id, name: "tom.pdf", mimeType: "application/pdf", contentBase64: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await t.db.prisma.caseDocument.count()).toBe(1);
  });
});

describe("linking a case to an account", () => {
  it("a relative's application by name is linked to the person's account, and can then be granted", async () => {
    const w = await createPlanWorld(t.db);
    const person = await t.db.prisma.user.create({
      data: { municipalityId: w.home.id, email: "ny.bruker@test.no", name: "Nina Ny", passwordHash: "x", roles: { create: { role: "USER" } } },
    });
    const c = await w.callers.relativeWithConsent.case.create({ type: "IP_APPLICATION", subjectName: "Nina Ny", description: "Søker for søsteren min." });
    // Neither a linked person nor an identity number: granting asks for the number (issue 12; it
    // used to demand an account, which a person could never get).
    await expect(w.callers.caseOfficer.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "x" })).rejects.toMatchObject({
      messageKey: "casePerson.identityRequired",
    });
    const found = await w.callers.caseOfficer.case.findPerson({ query: "nina" });
    expect(found.map((p) => p.id)).toEqual([person.id]);
    expect(await w.callers.caseOfficer.case.findPerson({ query: "Ingrid" })).toEqual([]); // staff are not service users
    await w.callers.caseOfficer.case.linkSubject({ caseId: c.id, version: 1, userId: person.id });
    const decided = await w.callers.caseOfficer.case.decide({ caseId: c.id, version: 2, outcome: "GRANTED", grounds: "Innvilget." });
    expect((await t.db.prisma.plan.findUniqueOrThrow({ where: { id: decided.planId! } })).ownerId).toBe(person.id);
    await expect(w.callers.coordinator.case.findPerson({ query: "nina" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.caseOfficer.case.linkSubject({ caseId: c.id, version: 3, userId: w.people.coordinator.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
