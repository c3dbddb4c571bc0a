import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES } from "../../app/domain/schemas.ts";
import { seedDemo } from "../../prisma/demo.ts";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { listPlanDocumentsForArchive, readPlanDocumentBytes } from "../../server/plans/documents.ts";
import { impostors, ooxml, smallPdf, tinyPng } from "../fixtures/document-files.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Documents on a plan (issue 13, docs/decisions/025-plan-documents.md): who may add, see,
// download and delete them; the type from the content; the size limit; the audit; closed plans.

const t = useTestDatabase();
const PURPOSE = "Kontroll av planens dokumentasjon";

type Visibility = "ALL_MEMBERS" | "USER_AND_COORDINATOR";
const add = (w: PlanWorld, who: Who, options: { name?: string; bytes?: Buffer; visibility?: Visibility } = {}) =>
  w.callers[who].planDocument.add({
    planId: w.plan.id,
    name: options.name ?? "Vedlegg.pdf",
    visibility: options.visibility ?? "ALL_MEMBERS",
    contentBase64: (options.bytes ?? smallPdf()).toString("base64"),
  });
const listed = async (w: PlanWorld, who: Who) => (await w.callers[who].planDocument.list({ planId: w.plan.id })).documents.map((d) => d.name).sort();

/** The world, a document for everyone and one for the user and the coordinator only. */
async function withDocuments() {
  const w = await createPlanWorld(t.db);
  const open = await add(w, "coordinator", { name: "Referat.pdf" });
  const restricted = await add(w, "owner", { name: "Epikrise.pdf", visibility: "USER_AND_COORDINATOR" });
  await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
  return { w, open, restricted };
}

const USER_SIDE_AND_COORDINATOR: Who[] = ["owner", "representative", "coordinator"];
const OTHER_MEMBERS: Who[] = ["relativeWithConsent", "staffInGroup", "keLeader"];
// No part in the plan: the answer never tells whether it exists.
const OUTSIDERS: Who[] = ["relativeWithoutConsent", "staffOutside", "unitLeader", "admin", "away"];

describe("who may add a document", () => {
  it("those who may change the plan; not readers, commenters, the coordinating unit or outsiders", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    for (const who of ["owner", "representative", "coordinator", "staffInGroup"] as const) {
      await expect(add(w, who, { name: `${who}.pdf` }), who).resolves.toMatchObject({ name: `${who}.pdf`, mimeType: "application/pdf", uploadedBy: { id: w.people[who].id } });
    }
    const before = await t.db.prisma.auditEvent.count();
    for (const who of ["relativeWithConsent", "keLeader"] as const) await expect(add(w, who), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(add(w, "caseOfficer")).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    for (const who of OUTSIDERS) await expect(add(w, who), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.prisma.auditEvent.count()).toBe(before);
    expect(await t.db.prisma.planDocument.count()).toBe(4);
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.document_add", actorId: w.people.staffInGroup.id } });
    expect(row).toMatchObject({ kind: "CHANGE", planId: w.plan.id, targetType: "planDocument" });
  });

  it("keeps a document for the user and the coordinator only when one of them adds it", async () => {
    const w = await createPlanWorld(t.db);
    for (const who of USER_SIDE_AND_COORDINATOR) await expect(add(w, who, { visibility: "USER_AND_COORDINATOR" }), who).resolves.toMatchObject({ visibility: "USER_AND_COORDINATOR" });
    await expect(add(w, "staffInGroup", { visibility: "USER_AND_COORDINATOR" })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "planDocs.restrictedNotAllowed" });
    const { canUpload, canRestrict } = await w.callers.staffInGroup.planDocument.list({ planId: w.plan.id });
    expect({ canUpload, canRestrict }).toEqual({ canUpload: true, canRestrict: false });
    expect(await w.callers.relativeWithConsent.planDocument.list({ planId: w.plan.id })).toMatchObject({ canUpload: false, canRestrict: false });
  });
});

describe("who sees and downloads a document", () => {
  it("everyone with rights in the plan sees the shared one; the restricted one only the user's side and the coordinator", async () => {
    const { w } = await withDocuments();
    for (const who of USER_SIDE_AND_COORDINATOR) expect(await listed(w, who), who).toEqual(["Epikrise.pdf", "Referat.pdf"]);
    for (const who of OTHER_MEMBERS) expect(await listed(w, who), who).toEqual(["Referat.pdf"]);
    for (const who of OUTSIDERS) await expect(listed(w, who), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listed(w, "caseOfficer")).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
  });

  it("a restricted document is refused to other members, the coordinating unit and outsiders as if it did not exist", async () => {
    const { w, open, restricted } = await withDocuments();
    const get = (who: Who, documentId: string) => w.callers[who].planDocument.get({ planId: w.plan.id, documentId });
    for (const who of USER_SIDE_AND_COORDINATOR) {
      const back = await get(who, restricted.id);
      expect(Buffer.from(back.contentBase64, "base64").equals(smallPdf()), who).toBe(true);
      expect(back).toMatchObject({ name: "Epikrise.pdf", mimeType: "application/pdf" });
    }
    for (const who of OTHER_MEMBERS) {
      await expect(get(who, open.id), who).resolves.toMatchObject({ name: "Referat.pdf" });
      await expect(get(who, restricted.id), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    for (const who of OUTSIDERS) await expect(get(who, open.id), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(get("caseOfficer", open.id)).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    // No read row for what was refused.
    expect(await t.db.prisma.auditEvent.count({ where: { action: "plan.document_view", targetId: restricted.id } })).toBe(3);
  });

  it("staff of another plan reach neither this plan's documents nor, through their own plan, its document ids", async () => {
    const { w, open } = await withDocuments();
    const otherOwner = await createUser(t.db.prisma, { municipalityId: w.home.id, roles: ["USER"] });
    const otherPlan = await createPlan(t.db.prisma, { municipalityId: w.home.id, ownerId: otherOwner.id, coordinatorId: w.people.staffOutside.id });
    const other = w.callers.staffOutside;
    await expect(other.planDocument.list({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.planDocument.get({ planId: otherPlan.id, documentId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.planDocument.delete({ planId: otherPlan.id, documentId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await other.planDocument.list({ planId: otherPlan.id })).documents).toEqual([]);
    // Another municipality's coordinating unit, even with a purpose stated for its own plans, gets nothing.
    await expect(w.callers.away.planDocument.get({ planId: w.plan.id, documentId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("writes a read row naming the document for each download, with the coordinating unit's purpose", async () => {
    const { w, open } = await withDocuments();
    await w.callers.relativeWithConsent.planDocument.get({ planId: w.plan.id, documentId: open.id });
    await w.callers.keLeader.planDocument.get({ planId: w.plan.id, documentId: open.id });
    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.document_view" }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: "READ", actorId: w.people.relativeWithConsent.id, planId: w.plan.id, targetType: "planDocument", targetId: open.id, planRole: "PARTICIPANT" });
    expect(rows[1]).toMatchObject({ actorId: w.people.keLeader.id, targetId: open.id, purpose: PURPOSE, planRole: "AUDITOR" });
    // Reading is never activity.
    const before = (await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt;
    await w.callers.owner.planDocument.get({ planId: w.plan.id, documentId: open.id });
    expect((await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt).toEqual(before);
  });
});

describe("what a document may be", () => {
  it("is found from its content: a program or a web page named .pdf is refused, a PNG named .pdf is a PNG", async () => {
    const w = await createPlanWorld(t.db);
    for (const [name, bytes] of [
      ["program", impostors.exe()],
      ["web page", impostors.html()],
      ["zip", impostors.plainZip()],
      ["macro-enabled Word", ooxml("docm")],
    ] as const) {
      await expect(add(w, "coordinator", { name: "vedlegg.pdf", bytes }), name).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "planDocs.wrongType" });
    }
    expect(await t.db.prisma.planDocument.count()).toBe(0);
    await expect(add(w, "coordinator", { name: "bilde.pdf", bytes: tinyPng() })).resolves.toMatchObject({ name: "bilde.pdf.png", mimeType: "image/png" });
    await expect(add(w, "coordinator", { name: "Tiltaksplan.docx", bytes: ooxml("docx") })).resolves.toMatchObject({
      name: "Tiltaksplan.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    // A name is a file name: no path, no control characters.
    for (const name of ["../../etc/passwd.pdf", "a\\b.pdf", "linje\nskift.pdf"]) await expect(add(w, "coordinator", { name }), name).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is at most the limit, and not empty", async () => {
    const w = await createPlanWorld(t.db);
    const tooLarge = Buffer.concat([smallPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - smallPdf().length)]);
    await expect(add(w, "coordinator", { bytes: tooLarge })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "planDocs.tooLarge", params: { mb: 10 } });
    await expect(add(w, "coordinator", { bytes: Buffer.alloc(MAX_DOCUMENT_BYTES + 100_000) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(add(w, "coordinator", { bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "x.pdf", visibility: "ALL_MEMBERS", contentBase64: "not base64!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.prisma.planDocument.count()).toBe(0);
  });
});

describe("deleting a document", () => {
  it("is for its uploader or the coordinator; the row stays, with who and when, and is gone from lists and downloads", async () => {
    const w = await createPlanWorld(t.db);
    const staffs = await add(w, "staffInGroup", { name: "Fysio.pdf" });
    const owners = await add(w, "owner", { name: "Mitt.pdf" });
    const remove = (who: Who, documentId: string) => w.callers[who].planDocument.delete({ planId: w.plan.id, documentId });
    await expect(remove("owner", staffs.id)).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "planDocs.deleteNotAllowed" });
    await expect(remove("relativeWithConsent", staffs.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(remove("away", staffs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(remove("staffOutside", staffs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.callers.owner.planDocument.list({ planId: w.plan.id })).documents.map((d) => [d.name, d.canDelete])).toEqual([
      ["Mitt.pdf", true],
      ["Fysio.pdf", false],
    ]);

    await remove("staffInGroup", staffs.id);
    await remove("coordinator", owners.id);
    const stored = await t.db.prisma.planDocument.findUniqueOrThrow({ where: { id: staffs.id } });
    expect(stored.deletedAt).toBeInstanceOf(Date);
    expect(stored.deletedById).toBe(w.people.staffInGroup.id);
    expect(await listed(w, "coordinator")).toEqual([]);
    await expect(w.callers.coordinator.planDocument.get({ planId: w.plan.id, documentId: staffs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(remove("coordinator", staffs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.document_delete" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.actorId, r.targetId, r.kind])).toEqual([
      [w.people.staffInGroup.id, staffs.id, "CHANGE"],
      [w.people.coordinator.id, owners.id, "CHANGE"],
    ]);
  });
});

describe("a closed plan", () => {
  it("refuses new documents and deletions, and its documents are still read", async () => {
    const { w, open } = await withDocuments();
    const version = (await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;
    await w.callers.coordinator.plan.close({ planId: w.plan.id, version, reason: "Målene er nådd.", endedOn: "2026-11-30" });
    const before = await t.db.prisma.auditEvent.count({ where: { kind: "CHANGE" } });
    await expect(add(w, "coordinator")).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.closedReadOnly" });
    await expect(add(w, "owner")).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.closedReadOnly" });
    await expect(w.callers.coordinator.planDocument.delete({ planId: w.plan.id, documentId: open.id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.closedReadOnly" });
    expect(await t.db.prisma.auditEvent.count({ where: { kind: "CHANGE" } })).toBe(before);
    const list = await w.callers.coordinator.planDocument.list({ planId: w.plan.id });
    expect(list).toMatchObject({ canUpload: false, canRestrict: false });
    expect(list.documents.every((d) => !d.canDelete)).toBe(true);
    await expect(w.callers.owner.planDocument.get({ planId: w.plan.id, documentId: open.id })).resolves.toMatchObject({ name: "Referat.pdf" });
  });
});

describe("for the archive copy", () => {
  it("lists every document that is not deleted, restricted ones too, and reads their bytes", async () => {
    const { w, open, restricted } = await withDocuments();
    const gone = await add(w, "coordinator", { name: "Feil.pdf" });
    await w.callers.coordinator.planDocument.delete({ planId: w.plan.id, documentId: gone.id });
    const documents = await listPlanDocumentsForArchive(t.db.prisma, w.plan.id);
    expect(documents.map((d) => [d.id, d.name, d.visibility, d.mimeType])).toEqual([
      [open.id, "Referat.pdf", "ALL_MEMBERS", "application/pdf"],
      [restricted.id, "Epikrise.pdf", "USER_AND_COORDINATOR", "application/pdf"],
    ]);
    expect(documents[0].size).toBe(smallPdf().length);
    expect((await readPlanDocumentBytes(t.db.prisma, restricted.id)).equals(smallPdf())).toBe(true);
    // Through a signed-in session too (the same transaction client type the archive job uses).
    const { caller } = await signIn(t.db, w.people.coordinator.id);
    expect((await caller.planDocument.list({ planId: w.plan.id })).documents).toHaveLength(2);
  });
});

describe("the demo", () => {
  it("gives Kari's plan two real PDFs: one for the group, one only for Kari's side and the coordinator", async () => {
    await seedDemo(t.db.prisma);
    const person = (email: string) => t.db.prisma.user.findFirstOrThrow({ where: { email } });
    const kari = await person("bruker@demo.no");
    const plan = await t.db.prisma.plan.findFirstOrThrow({ where: { ownerId: kari.id } });
    const names = async (email: string) => {
      const { caller } = await signIn(t.db, (await person(email)).id);
      return (await caller.planDocument.list({ planId: plan.id })).documents.map((d) => d.name).sort();
    };
    expect(await names("koordinator@demo.no")).toEqual(["Epikrise fra sykehuset.pdf", "Treningsprogram fysioterapi.pdf"]);
    expect(await names("fagperson@demo.no")).toEqual(["Treningsprogram fysioterapi.pdf"]);
    for (const d of await listPlanDocumentsForArchive(t.db.prisma, plan.id)) {
      const bytes = await readPlanDocumentBytes(t.db.prisma, d.id);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(bytes.length).toBe(d.size);
    }
  });
});
