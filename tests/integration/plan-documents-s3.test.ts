import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env.ts";
import { configureDocumentStores, configureDocumentStoresFromEnv, databaseStore, s3SettingsFromEnv, s3Store, type DocumentStore } from "../../server/plans/document-store.ts";
import { readPlanDocumentBytes } from "../../server/plans/documents.ts";
import { ooxml, smallPdf } from "../fixtures/document-files.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Documents kept in an S3-compatible bucket (DOCUMENT_STORE=s3), against a real S3-compatible
// server from npm (s3rver) on a free port: the same procedures, access checks and audit as with
// the bytes in the database; only where the bytes are differs.

const t = useTestDatabase();
const BUCKET = "ip-dokumenter";
let server: S3rver;
let directory: string;
let store: ReturnType<typeof s3Store>;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "ip-s3-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true });
  const { port } = (await server.run()) as unknown as { port: number };
  // The settings as the environment gives them (README, "Documents on plans").
  const settings = s3SettingsFromEnv(
    parseEnv({ DOCUMENT_STORE: "s3", S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_FORCE_PATH_STYLE: "true", S3_PREFIX: "test" }),
  )!;
  store = s3Store(settings);
  await store.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

beforeEach(() => configureDocumentStores({ s3: store, uploadTo: "S3" }));

afterAll(async () => {
  configureDocumentStores({ s3: null, uploadTo: "DATABASE" });
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

const objectKeys = async () => ((await store.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
const add = (w: PlanWorld, bytes: Buffer, name = "Vedlegg.pdf", visibility: "ALL_MEMBERS" | "USER_AND_COORDINATOR" = "ALL_MEMBERS") =>
  w.callers.coordinator.planDocument.add({ planId: w.plan.id, name, visibility, contentBase64: bytes.toString("base64") });

describe("documents in an S3-compatible bucket", () => {
  it("keeps the bytes in the bucket and only the row in the database; downloads and the archive read them back", async () => {
    const w = await createPlanWorld(t.db);
    const pdf = smallPdf("I bøtta");
    const doc = await add(w, pdf);
    const row = await t.db.prisma.planDocument.findUniqueOrThrow({ where: { id: doc.id } });
    expect(row).toMatchObject({ storage: "S3", content: null, storageKey: `test/plans/${w.plan.id}/${doc.id}`, size: pdf.length });
    const object = await store.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: row.storageKey! }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(pdf)).toBe(true);
    expect(object.ContentType).toBe("application/pdf");

    const back = await w.callers.relativeWithConsent.planDocument.get({ planId: w.plan.id, documentId: doc.id });
    expect(Buffer.from(back.contentBase64, "base64").equals(pdf)).toBe(true);
    expect((await readPlanDocumentBytes(t.db.prisma, doc.id)).equals(pdf)).toBe(true);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "plan.document_view", targetId: doc.id } })).toBe(1);
  });

  it("still reads documents kept in the database before the switch, and the same access rules hold", async () => {
    const w = await createPlanWorld(t.db);
    configureDocumentStores({ s3: store, uploadTo: "DATABASE" });
    const before = await add(w, ooxml("docx"), "Gammel.docx");
    configureDocumentStores({ s3: store, uploadTo: "S3" });
    const restricted = await add(w, smallPdf("Bare for Kari"), "Epikrise.pdf", "USER_AND_COORDINATOR");
    expect((await t.db.prisma.planDocument.findUniqueOrThrow({ where: { id: before.id } })).storage).toBe("DATABASE");
    expect((await w.callers.staffInGroup.planDocument.get({ planId: w.plan.id, documentId: before.id })).name).toBe("Gammel.docx");
    await expect(w.callers.staffInGroup.planDocument.get({ planId: w.plan.id, documentId: restricted.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.owner.planDocument.get({ planId: w.plan.id, documentId: restricted.id })).resolves.toMatchObject({ name: "Epikrise.pdf" });
  });

  it("puts nothing in the bucket for a refused upload, and a deleted document's row says so while its bytes stay", async () => {
    const w = await createPlanWorld(t.db);
    const keys = await objectKeys();
    await expect(add(w, Buffer.from("<html>ikke pdf</html>"))).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "planDocs.wrongType" });
    await expect(w.callers.relativeWithConsent.planDocument.add({ planId: w.plan.id, name: "x.pdf", visibility: "ALL_MEMBERS", contentBase64: smallPdf().toString("base64") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Refused inside the transaction: a restricted document from someone who may not keep one.
    await expect(
      w.callers.staffInGroup.planDocument.add({ planId: w.plan.id, name: "x.pdf", visibility: "USER_AND_COORDINATOR", contentBase64: smallPdf().toString("base64") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await objectKeys()).toEqual(keys);

    const doc = await add(w, smallPdf());
    await w.callers.coordinator.planDocument.delete({ planId: w.plan.id, documentId: doc.id });
    expect((await t.db.prisma.planDocument.findUniqueOrThrow({ where: { id: doc.id } })).deletedAt).toBeInstanceOf(Date);
    expect(await objectKeys()).toContain(`test/plans/${w.plan.id}/${doc.id}`);
  });
});

describe("the store interface", () => {
  it.each([
    ["database", () => databaseStore],
    ["S3", () => store],
  ] as [string, () => DocumentStore][])("%s: put, get and delete", async (_name, storeOf) => {
    const s = storeOf();
    const w = await createPlanWorld(t.db);
    const id = crypto.randomUUID();
    const storageKey = s.keyFor?.(w.plan.id, id) ?? null;
    await t.db.prisma.planDocument.create({
      data: { id, planId: w.plan.id, name: "a.pdf", mimeType: "application/pdf", size: 5, storage: s.kind, storageKey, uploadedById: w.people.coordinator.id },
    });
    const ref = { id, storageKey };
    await s.put(t.db.prisma, ref, Buffer.from("%PDF-"), "application/pdf");
    expect((await s.get(t.db.prisma, ref)).toString()).toBe("%PDF-");
    await s.put(t.db.prisma, ref, Buffer.from("%PDF-2"), "application/pdf");
    expect((await s.get(t.db.prisma, ref)).toString()).toBe("%PDF-2");
    await s.delete(t.db.prisma, ref);
    await expect(s.get(t.db.prisma, ref)).rejects.toThrow();
    // Deleting what is gone is no error.
    await s.delete(t.db.prisma, ref);
  });

  it("is configured from the environment: the database unless DOCUMENT_STORE=s3, which needs a bucket", () => {
    expect(s3SettingsFromEnv(parseEnv({}))).toBeNull();
    expect(() => configureDocumentStoresFromEnv(parseEnv({ DOCUMENT_STORE: "s3" }))).toThrow(/S3_BUCKET/);
    expect(() => parseEnv({ DOCUMENT_STORE: "ftp" })).toThrow(/DOCUMENT_STORE/);
  });
});
