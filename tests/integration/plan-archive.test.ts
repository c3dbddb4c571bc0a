import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { SaxesParser } from "saxes";
import { afterEach, describe, expect, it } from "vitest";
import { databaseDelivery, httpDelivery } from "../../server/archive/delivery.ts";
import { NOARK5_NAMESPACE } from "../../server/archive/noark.ts";
import { archivePeriod, configureArchive, processArchive, processDueArchives, runScheduledArchives } from "../../server/archive/service.ts";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { smallPdf, tinyPng } from "../fixtures/document-files.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Archive copies (issue 13, docs/decisions/027): the PDF is PDF/A-2 with every font embedded, the
// Noark 5 XML is well formed and names the plan and its case, the package holds every document;
// who may make and download them; closing makes one; the half-yearly job makes one per plan and
// period however often it runs; the HTTP adapter posts, and a failing archive is tried again.

const t = useTestDatabase();
const PURPOSE = "Arkivering av planen";
const prisma = () => t.db.prisma;

afterEach(() => configureArchive({ delivery: databaseDelivery, months: [1, 7] }));

const version = async (w: PlanWorld) => (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;

async function withCaseAndDocuments() {
  const w = await createPlanWorld(t.db);
  await prisma().case.create({
    data: {
      municipalityId: w.home.id,
      reference: "2026-0042",
      type: "IP_APPLICATION",
      channel: "PORTAL",
      status: "DECIDED",
      subjectUserId: w.people.owner.id,
      subjectName: "Kari Eier",
      planId: w.plan.id,
      description: "Søknad om individuell plan",
      receivedAt: new Date("2026-09-01T10:00:00Z"),
      interimReplyDue: new Date("2026-09-30"),
      decisionDue: new Date("2026-10-30"),
      decidedAt: new Date("2026-10-01T10:00:00Z"),
      outcome: "GRANTED",
    },
  });
  await prisma().plan.update({ where: { id: w.plan.id }, data: { aboutMe: "Jeg heter Kari, bor på Ås og er glad i blåbær. ÆØÅ – «viktig»." } });
  const kept = await w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "Epikrise fra sykehuset.pdf", visibility: "USER_AND_COORDINATOR", contentBase64: smallPdf("Epikrise").toString("base64") });
  const photo = await w.callers.owner.planDocument.add({ planId: w.plan.id, name: "Bilde av rommet mitt.png", visibility: "ALL_MEMBERS", contentBase64: tinyPng().toString("base64") });
  const removed = await w.callers.coordinator.planDocument.add({ planId: w.plan.id, name: "Feil dokument.pdf", visibility: "ALL_MEMBERS", contentBase64: smallPdf("Feil").toString("base64") });
  await w.callers.coordinator.planDocument.delete({ planId: w.plan.id, documentId: removed.id });
  return { w, kept, photo, removed };
}

async function archiveFiles(w: PlanWorld, archiveId: string, who: Who = "coordinator") {
  const pdf = Buffer.from((await w.callers[who].plan.archivePdf({ planId: w.plan.id, archiveId })).contentBase64, "base64");
  const zip = Buffer.from((await w.callers[who].plan.archivePackage({ planId: w.plan.id, archiveId })).contentBase64, "base64");
  return { pdf, zip, entries: unzipSync(new Uint8Array(zip)) };
}

/** Every font dictionary in the PDF, and whether each descriptor carries its font program. */
async function fontsOf(pdf: Buffer) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts: { name: string; subtype: string; embedded: boolean }[] = [];
  const look = (value: unknown) => (value instanceof PDFRef ? doc.context.lookup(value) : value);
  const descriptorEmbeds = (font: PDFDict): boolean => {
    const descriptor = look(font.get(PDFName.of("FontDescriptor")));
    if (!(descriptor instanceof PDFDict)) return false;
    return ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor.has(PDFName.of(key)));
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const subtype = String(object.get(PDFName.of("Subtype")));
    if (subtype === "/Type0") continue; // its descendant CIDFont is listed on its own
    fonts.push({ name: String(object.get(PDFName.of("BaseFont"))), subtype, embedded: descriptorEmbeds(object) });
  }
  // The characters the text maps to (ToUnicode), to see that the Norwegian letters are drawn.
  let unicode = "";
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of("ToUnicode"))) continue;
    const stream = look(object.get(PDFName.of("ToUnicode")));
    if (stream instanceof PDFRawStream) unicode += Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
  }
  const outputIntents = look(doc.catalog.get(PDFName.of("OutputIntents")));
  return { fonts, unicode: unicode.toLowerCase(), outputIntents: outputIntents instanceof PDFArray ? outputIntents.size() : 0 };
}

const hasPoppler = (() => {
  try {
    execFileSync("pdffonts", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function wellFormed(xml: string): { elements: string[]; texts: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  const elements: string[] = [];
  const texts: string[] = [];
  parser.on("opentag", (tag) => elements.push(`${tag.uri}|${tag.local}`));
  parser.on("text", (text) => texts.push(text));
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return { elements, texts };
}

describe("an archive copy", () => {
  it("is a PDF/A-2 with every font embedded, Noark 5 XML naming the plan and its case, and every document that is not deleted", async () => {
    const { w, kept, photo } = await withCaseAndDocuments();
    // Kartlegging is part of the plan: each assessment and the person's own view.
    await w.callers.coordinator.assessment.record({ planId: w.plan.id, assessedOn: "2026-11-02", methods: ["CONVERSATION"], scores: { "IPLOS:13": 3, "IPLOS:16": 9 } });
    await w.callers.owner.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer avtaler" }] });
    const made = await w.callers.coordinator.plan.archive({ planId: w.plan.id });
    expect(made.status).toBe("DELIVERED");
    const { pdf, zip, entries } = await archiveFiles(w, made.id);

    // PDF/A-2b: declared in the XMP, with an output intent, and every font's program inside.
    expect(pdf.subarray(0, 8).toString("latin1")).toMatch(/^%PDF-1\.7/);
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const { fonts, unicode, outputIntents } = await fontsOf(pdf);
    expect(outputIntents).toBeGreaterThan(0);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true });
    expect(fonts.map((f) => f.name).join(" ")).not.toMatch(/Helvetica|Times|Courier/);
    // æ, ø, å, Æ, Ø, Å are drawn with the embedded font.
    for (const code of ["00e6", "00f8", "00e5", "00c6", "00d8", "00c5"]) expect(unicode, code).toContain(code);
    if (hasPoppler) {
      const dir = mkdtempSync(path.join(tmpdir(), "arkiv-"));
      try {
        const file = path.join(dir, "plan.pdf");
        writeFileSync(file, pdf);
        const listing = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
        expect(listing.length).toBeGreaterThan(0);
        // Columns: name type encoding emb sub uni object ID; "emb" must say yes for every font.
        for (const line of listing) expect(line.split(/\s+/).at(-5), line).toBe("yes");
        expect(execFileSync("pdfinfo", ["-meta", file], { encoding: "utf8" })).toMatch(/pdfaid:part>2</);
        const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
        expect(text).toMatch(/glad i blåbær\. ÆØÅ/);
        expect(text).toMatch(/Kartlagt 2\. nov(ember|\.) 2026 av Ingrid Koordinator \(Samtale\)/);
        expect(text).toContain("Hukommelse: 3");
        expect(text).toContain("Syn: ikke relevant");
        expect(text).toContain("Hukommelse: 4 «Jeg glemmer avtaler» (Kari Eier");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    // The package: the PDF, the XML and the documents (the deleted one left out).
    const names = Object.keys(entries).sort();
    expect(names).toEqual(["dokumenter/1-Epikrise fra sykehuset.pdf", "dokumenter/2-Bilde av rommet mitt.png", "noark5.xml", "plan.pdf"].sort());
    expect(Buffer.from(entries["plan.pdf"]).equals(pdf)).toBe(true);
    expect(Buffer.from(entries["dokumenter/2-Bilde av rommet mitt.png"]).equals(tinyPng())).toBe(true);
    const stored = await prisma().planArchive.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.checksum).toBe(createHash("sha256").update(zip).digest("hex"));

    // The XML: well formed, in the Noark 5 namespace, naming the plan, the case and each file.
    const xml = Buffer.from(entries["noark5.xml"]).toString("utf8");
    expect(stored.xml).toBe(xml);
    const { elements, texts } = wellFormed(xml);
    expect(elements[0]).toBe(`${NOARK5_NAMESPACE}|mappe`);
    for (const element of ["saksmappe", "tittel", "saksdato", "saksansvarlig", "journalpost", "journalposttype", "journaldato", "dokumentbeskrivelse", "dokumenttype", "dokumentobjekt", "format", "sjekksum", "filstoerrelse", "referanseDokumentfil"]) {
      if (element === "saksmappe" || element === "journalpost") expect(xml).toContain(`xsi:type="${element}"`);
      else expect(elements, element).toContain(`${NOARK5_NAMESPACE}|${element}`);
    }
    expect(texts).toContain("Individuell plan for Kari Eier");
    expect(texts).toContain("2026-0042");
    expect(texts).toContain(w.plan.id);
    expect(texts).toContain("Ingrid Koordinator");
    expect(elements.filter((e) => e.endsWith("|dokumentbeskrivelse"))).toHaveLength(3);
    for (const document of [kept, photo]) expect(texts.some((text) => text.includes(document.name))).toBe(true);
    expect(texts.some((text) => text.includes("Feil dokument"))).toBe(false);
    expect(texts).toContain(createHash("sha256").update(pdf).digest("hex"));
  });

  it("is made and downloaded by the coordinator and the coordinating unit with a purpose; everyone else is refused", async () => {
    const w = await createPlanWorld(t.db);
    const made = await w.callers.coordinator.plan.archive({ planId: w.plan.id });
    await expect(archiveFiles(w, made.id, "coordinator")).resolves.toBeTruthy();
    // The coordinating unit: only with a stated purpose, which the read rows carry.
    await expect(w.callers.keLeader.plan.archivePackage({ planId: w.plan.id, archiveId: made.id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    await expect(archiveFiles(w, made.id, "keLeader")).resolves.toBeTruthy();
    await expect(w.callers.keLeader.plan.archive({ planId: w.plan.id })).resolves.toMatchObject({ status: "DELIVERED" });
    const downloads = await prisma().auditEvent.findMany({ where: { planId: w.plan.id, action: "plan.archive.download", actorId: w.people.keLeader.id } });
    expect(downloads.length).toBe(2);
    for (const row of downloads) expect(row).toMatchObject({ kind: "READ", purpose: PURPOSE, planRole: "AUDITOR" });

    const before = await prisma().auditEvent.count();
    for (const who of ["owner", "representative", "relativeWithConsent", "staffInGroup"] as const) {
      await expect(w.callers[who].plan.archivePackage({ planId: w.plan.id, archiveId: made.id }), who).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "archive.notAllowed" });
      await expect(w.callers[who].plan.archivePdf({ planId: w.plan.id, archiveId: made.id }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].plan.archive({ planId: w.plan.id }), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      // They see when it was last archived, not the copies.
      await expect(w.callers[who].plan.archives({ planId: w.plan.id }), who).resolves.toMatchObject({ copies: null, canArchive: false });
    }
    for (const who of ["relativeWithoutConsent", "staffOutside", "unitLeader", "admin", "away"] as const) {
      await expect(w.callers[who].plan.archivePackage({ planId: w.plan.id, archiveId: made.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(w.callers[who].plan.archive({ planId: w.plan.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await prisma().auditEvent.count()).toBe(before);

    // A copy of another plan is not found through this one.
    const stranger = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"] });
    const otherPlan = await createPlan(prisma(), { municipalityId: w.home.id, ownerId: stranger.id, coordinatorId: w.people.coordinator.id });
    const otherCopy = await w.callers.coordinator.plan.archive({ planId: otherPlan.id });
    await expect(w.callers.coordinator.plan.archivePdf({ planId: w.plan.id, archiveId: otherCopy.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const listed = await w.callers.coordinator.plan.archives({ planId: w.plan.id });
    expect(listed.canArchive).toBe(true);
    expect(listed.copies?.map((c) => c.reason)).toEqual(["ON_DEMAND", "ON_DEMAND"]);
    expect(listed.lastArchivedAt).not.toBeNull();
  });

  it("tells when the plan was last archived from the list it shows, and from the copies beyond it when the list is full", async () => {
    const w = await createPlanWorld(t.db);
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
    // One built copy, then 50 newer ones not built yet: the built one falls outside the list of 50.
    await prisma().planArchive.create({ data: { planId: w.plan.id, reason: "SCHEDULED", period: "2025-12", createdAt: day(0), builtAt: day(0), status: "DELIVERED" } });
    const seen = async (who: "coordinator" | "owner") => (await w.callers[who].plan.archives({ planId: w.plan.id })).lastArchivedAt;
    expect(await seen("coordinator")).toEqual(day(0));
    expect(await seen("owner")).toEqual(day(0));
    await prisma().planArchive.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ planId: w.plan.id, reason: "ON_DEMAND" as const, createdAt: day(i + 1) })) });
    const listed = await w.callers.coordinator.plan.archives({ planId: w.plan.id });
    expect(listed.copies).toHaveLength(50);
    expect(listed.copies?.some((c) => c.builtAt)).toBe(false);
    expect(listed.lastArchivedAt).toEqual(day(0));
    expect(await seen("owner")).toEqual(day(0));
  });

  it("is made when the plan is closed, may be made of a closed plan, and is never activity in the plan", async () => {
    const w = await createPlanWorld(t.db);
    const quiet = new Date(Date.now() - 40 * 86_400_000);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: quiet } });
    await w.callers.coordinator.plan.archive({ planId: w.plan.id });
    expect((await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt).toEqual(quiet);
    expect(await prisma().auditEvent.findFirst({ where: { planId: w.plan.id, action: "plan.archive" } })).toMatchObject({ kind: "CHANGE", actorId: w.people.coordinator.id });

    await w.callers.coordinator.plan.close({ planId: w.plan.id, version: await version(w), reason: "Målene er nådd.", endedOn: "2026-11-30" });
    const closing = await prisma().planArchive.findFirstOrThrow({ where: { planId: w.plan.id, reason: "CLOSED" } });
    expect(closing).toMatchObject({ status: "DELIVERED", createdById: w.people.coordinator.id });
    expect(closing.builtAt).not.toBeNull();
    const { pdf } = await archiveFiles(w, closing.id);
    expect(pdf.toString("latin1")).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);

    // A closed plan is read-only, but archiving is not a change to its content.
    const afterClose = (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt;
    await expect(w.callers.coordinator.plan.archive({ planId: w.plan.id })).resolves.toMatchObject({ status: "DELIVERED" });
    expect((await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt).toEqual(afterClose);
    expect(await prisma().planArchive.count({ where: { planId: w.plan.id } })).toBe(3);
  });

  it("does not stop a plan from closing when the archive cannot be reached; the copy is tried again", async () => {
    const w = await createPlanWorld(t.db);
    const archive = await archiveServer((_, count) => (count === 1 ? 503 : 201));
    try {
      configureArchive({ delivery: httpDelivery({ url: archive.url, token: "hemmelig-token" }) });
      await w.callers.coordinator.plan.close({ planId: w.plan.id, version: await version(w), reason: "Flyttet til en annen kommune.", endedOn: "2026-11-30" });
      expect((await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).status).toBe("CLOSED");
      const failed = await prisma().planArchive.findFirstOrThrow({ where: { planId: w.plan.id, reason: "CLOSED" } });
      expect(failed).toMatchObject({ status: "FAILED", attempts: 1, lastError: "archive answered HTTP 503", delivery: "http" });
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      // Not yet due: the job leaves it.
      expect(await processDueArchives(prisma())).toEqual({ delivered: 0, failed: 0 });
      // Later, the job tries again and the archive takes it.
      expect(await processDueArchives(prisma(), { now: new Date(Date.now() + 3 * 3_600_000) })).toEqual({ delivered: 1, failed: 0 });
      const delivered = await prisma().planArchive.findUniqueOrThrow({ where: { id: failed.id } });
      expect(delivered).toMatchObject({ status: "DELIVERED", attempts: 2, lastError: null });
      expect(archive.received).toHaveLength(2);
    } finally {
      await archive.close();
    }
  });
});

interface Received {
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** A stand-in for the municipality's archive: answers each POST with the status `answer` gives. */
async function archiveServer(answer: (request: Received, count: number) => number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const got = { headers: request.headers, body: Buffer.concat(chunks) };
      received.push(got);
      response.statusCode = answer(got, received.length);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/arkiv/mottak`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the HTTP adapter", () => {
  it("posts the package with its checksum and the token, and records the delivery", async () => {
    const { w } = await withCaseAndDocuments();
    const archive = await archiveServer(() => 200);
    try {
      configureArchive({ delivery: httpDelivery({ url: archive.url, token: "hemmelig-token" }) });
      const made = await w.callers.coordinator.plan.archive({ planId: w.plan.id });
      expect(made.status).toBe("DELIVERED");
      expect(archive.received).toHaveLength(1);
      const [post] = archive.received;
      expect(post.headers).toMatchObject({ "content-type": "application/zip", authorization: "Bearer hemmelig-token", "x-archive-id": made.id, "x-plan-id": w.plan.id, "x-case-number": "2026-0042" });
      const stored = await prisma().planArchive.findUniqueOrThrow({ where: { id: made.id } });
      expect(post.headers["x-checksum-sha256"]).toBe(stored.checksum);
      expect(createHash("sha256").update(post.body).digest("hex")).toBe(stored.checksum);
      expect(Object.keys(unzipSync(new Uint8Array(post.body)))).toContain("noark5.xml");
      expect(stored).toMatchObject({ status: "DELIVERED", delivery: "http", attempts: 1 });
      expect(stored.deliveredAt).not.toBeNull();
    } finally {
      await archive.close();
    }
  });

  it("leaves a copy FAILED when the endpoint refuses or is away, and the next attempt delivers it", async () => {
    const w = await createPlanWorld(t.db);
    const archive = await archiveServer(() => 500);
    await archive.close();
    // Nobody listens there now: unreachable. The copy is kept (built), only its delivery failed.
    configureArchive({ delivery: httpDelivery({ url: archive.url, timeoutMs: 5_000 }) });
    const made = await w.callers.coordinator.plan.archive({ planId: w.plan.id });
    expect(made.status).toBe("FAILED");
    const failed = await prisma().planArchive.findUniqueOrThrow({ where: { id: made.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.lastError).toMatch(/^archive unreachable/);
    expect(failed.lastError).not.toContain("127.0.0.1");
    expect(failed.builtAt).not.toBeNull();

    const refusing = await archiveServer(() => 500);
    try {
      expect(await processArchive(prisma(), made.id, { delivery: httpDelivery({ url: refusing.url }) })).toBe("FAILED");
      expect(await prisma().planArchive.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ status: "FAILED", attempts: 2, lastError: "archive answered HTTP 500" });
    } finally {
      await refusing.close();
    }
    const working = await archiveServer(() => 202);
    try {
      expect(await processArchive(prisma(), made.id, { delivery: httpDelivery({ url: working.url }) })).toBe("DELIVERED");
      // Delivered copies are left alone.
      expect(await processArchive(prisma(), made.id, { delivery: httpDelivery({ url: working.url }) })).toBeNull();
      expect(working.received).toHaveLength(1);
    } finally {
      await working.close();
    }
  });
});

describe("the scheduled archive", () => {
  it("names the period by the configured months", () => {
    expect(archivePeriod(new Date("2027-02-10T12:00:00Z"), [1, 7])).toBe("2027-01");
    expect(archivePeriod(new Date("2027-07-01T00:30:00Z"), [1, 7])).toBe("2027-07");
    expect(archivePeriod(new Date("2027-12-31T23:30:00Z"), [1, 7])).toBe("2028-01"); // already New Year in Oslo
    expect(archivePeriod(new Date("2027-03-10T12:00:00Z"), [7])).toBe("2026-07");
  });

  it("archives every active plan once per period, however many runs and instances", async () => {
    const w = await createPlanWorld(t.db);
    const draftOwner = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"] });
    const draft = await createPlan(prisma(), { municipalityId: w.home.id, ownerId: draftOwner.id, status: "DRAFT" });
    const closedOwner = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"] });
    const closed = await createPlan(prisma(), { municipalityId: w.home.id, ownerId: closedOwner.id, status: "CLOSED" });
    const quiet = new Date(Date.now() - 40 * 86_400_000);
    await prisma().plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: quiet } });

    const now = new Date("2027-07-02T03:00:00Z");
    // Two instances at once, then again the next night.
    const [first, second] = await Promise.all([runScheduledArchives(prisma(), { now }), runScheduledArchives(prisma(), { now })]);
    expect(first.requested + second.requested).toBe(1);
    expect(first.delivered + second.delivered).toBe(1);
    await runScheduledArchives(prisma(), { now: new Date("2027-07-03T03:00:00Z") });
    const copies = await prisma().planArchive.findMany({ where: { reason: "SCHEDULED" } });
    expect(copies.map((c) => [c.planId, c.period, c.status])).toEqual([[w.plan.id, "2027-07", "DELIVERED"]]);
    expect(await prisma().planArchive.count({ where: { planId: { in: [draft.id, closed.id] } } })).toBe(0);
    // The system's read is recorded with the plan, and is not activity.
    expect(await prisma().auditEvent.findFirst({ where: { planId: w.plan.id, action: "plan.archive" } })).toMatchObject({ actorId: null, details: { reason: "SCHEDULED", period: "2027-07" } });
    expect((await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).lastActivityAt).toEqual(quiet);

    // The next period makes the next copy.
    await runScheduledArchives(prisma(), { now: new Date("2028-01-05T03:00:00Z") });
    expect((await prisma().planArchive.findMany({ where: { reason: "SCHEDULED" }, orderBy: { period: "asc" } })).map((c) => c.period)).toEqual(["2027-07", "2028-01"]);
  });
});
