import { randomUUID } from "node:crypto";
import { z } from "zod";
import { id, MAX_DOCUMENT_BYTES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError, notFound } from "../errors.ts";
import { DOCUMENT_TYPES, sniffDocument, type DocumentKind } from "../files/sniff.ts";
import { shortText } from "../plans/schemas.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { caseHandlingPolicy } from "./access.ts";
import type { caseIdInput } from "./read.ts";

// Documents of a case (scanned letters, hospital notices): attached, listed and read by the
// coordinating unit only; reading one is audited.

const ALLOWED_DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];
/** What a case document may be, found from its content (server/files/sniff.ts): the browser's claim is not trusted. */
export const CASE_DOCUMENT_KINDS: readonly DocumentKind[] = ["pdf", "jpeg", "png", "text", "docx"];

export const addDocumentInput = z.object({
  caseId: id,
  name: shortText(200),
  mimeType: z.enum(ALLOWED_DOCUMENT_TYPES as [string, ...string[]]),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4),
});

/** Attaches a document to a case (coordinating unit only), audited with the case. */
export async function addCaseDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addDocumentInput>, meta: RequestMeta) {
  const content = Buffer.from(input.contentBase64, "base64");
  if (content.length === 0 || content.length > MAX_DOCUMENT_BYTES) throw new DomainError("BAD_REQUEST", "case.documentTooLarge");
  const kind = sniffDocument(content, CASE_DOCUMENT_KINDS);
  if (!kind) throw new DomainError("BAD_REQUEST", "planDocs.caseWrongType");
  // Stored as what the content is, whatever the browser said.
  const mimeType = DOCUMENT_TYPES[kind].mimeType;
  return write(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.document_add", async (tx, { found }) => {
    // The bytes go in as base64 and PostgreSQL decodes them: the same on PostgreSQL and PGlite
    // (pglite-prisma-adapter 0.6 cannot pass Prisma 6.19's Bytes parameters).
    const documentId = randomUUID();
    await tx.$executeRaw`INSERT INTO "CaseDocument" (id, "caseId", name, "mimeType", size, content, "uploadedById")
      VALUES (${documentId}, ${found.id}, ${input.name}, ${mimeType}, ${content.length}, decode(${content.toString("base64")}, 'base64'), ${actor.id})`;
    const document = await tx.caseDocument.findUniqueOrThrow({
      where: { id: documentId },
      select: { id: true, name: true, mimeType: true, size: true, createdAt: true },
    });
    return { result: document, details: { documentId: document.id, name: document.name } };
  });
}

/** The documents' names (which say what the case is about); the look is recorded. */
export async function listCaseDocuments(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof caseIdInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.documents", async (tx, { found }) => ({
    result: await tx.caseDocument.findMany({
      where: { caseId: found.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, mimeType: true, size: true, createdAt: true, uploadedById: true },
    }),
  }));
}

export const documentInput = z.object({ caseId: id, documentId: id });

/** One document's content, for download; reading it is audited. */
export async function getCaseDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof documentInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, caseHandlingPolicy(input.caseId), "case.document_view", async (tx, { found }) => {
    const document = await tx.caseDocument.findFirst({ where: { id: input.documentId, caseId: found.id }, select: { id: true, name: true, mimeType: true } });
    if (!document) throw notFound();
    const [{ content }] = await tx.$queryRaw<{ content: string }[]>`SELECT encode(content, 'base64') AS content FROM "CaseDocument" WHERE id = ${document.id}`;
    // encode() wraps its output every 76 characters.
    return { result: { name: document.name, mimeType: document.mimeType, contentBase64: content.replace(/\s/g, "") }, details: { documentId: document.id } };
  });
}
