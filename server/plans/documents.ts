import { randomUUID } from "node:crypto";
import { z } from "zod";
import { id, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB, PlanDocumentVisibility, seesRestrictedDocuments, type PlanRole } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { DOCUMENT_TYPES, nameWithExtension, sniffDocument } from "../files/sniff.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { planPolicy, planPolicyOf, type PlanAccess } from "./access.ts";
import { storeFor, uploadStore, type StoredDocumentRef } from "./document-store.ts";
import { shortText } from "./schemas.ts";

// Documents on a plan (issue 13, docs/decisions/025-plan-documents.md): PDF, images and Office
// files, their type found from their content; seen by everyone with rights in the plan, or only
// by the user's side and the coordinator; downloads audited; deleting keeps the row (deletedAt).

/** Anyone who may change something in the plan may add a document to it. */
export const mayUpload = (access: PlanAccess) => access.canEditPlan || access.canEditOwnMeasures;

/** Which documents a member sees: restricted ones only for the user's side and the coordinator. */
function visibleWhere(role: PlanRole): Prisma.PlanDocumentWhereInput {
  return seesRestrictedDocuments(role) ? { deletedAt: null } : { deletedAt: null, visibility: "ALL_MEMBERS" };
}

/** A file name: no path, no control characters (the upload form cleans the browser's name first: cleanFileName). */
// eslint-disable-next-line no-control-regex
const fileName = shortText(200).regex(/^[^\u0000-\u001f\u007f/\\]+$/);

export const addPlanDocumentInput = z.object({
  planId: id,
  name: fileName,
  visibility: PlanDocumentVisibility,
  /** The file, base64-encoded; its type is read from its content, never from the name. */
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

const documentSelect = {
  id: true,
  name: true,
  mimeType: true,
  size: true,
  visibility: true,
  createdAt: true,
  uploadedBy: { select: { id: true, name: true } },
} satisfies Prisma.PlanDocumentSelect;

/** Adds a document to the plan, for those who may change the plan (never on a closed plan). */
export async function addPlanDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addPlanDocumentInput>, meta: RequestMeta) {
  const content = Buffer.from(input.contentBase64, "base64");
  if (content.length === 0) throw new DomainError("BAD_REQUEST", "planDocs.empty");
  if (content.length > MAX_DOCUMENT_BYTES) throw new DomainError("BAD_REQUEST", "planDocs.tooLarge", { mb: MAX_DOCUMENT_MB });
  const kind = sniffDocument(content);
  if (!kind) throw new DomainError("BAD_REQUEST", "planDocs.wrongType");
  const { mimeType } = DOCUMENT_TYPES[kind];
  const store = uploadStore();
  const uploaded: { ref?: StoredDocumentRef } = {};
  try {
    return await write(prisma, actor, meta, planPolicy(input.planId, mayUpload), "plan.document_add", async (tx, { planId, access }) => {
      if (input.visibility === "USER_AND_COORDINATOR" && !seesRestrictedDocuments(access.role)) throw new DomainError("FORBIDDEN", "planDocs.restrictedNotAllowed");
      const documentId = randomUUID();
      const storageKey = store.keyFor?.(planId, documentId) ?? null;
      await tx.planDocument.create({
        data: { id: documentId, planId, name: nameWithExtension(input.name, kind), mimeType, size: content.length, visibility: input.visibility, storage: store.kind, storageKey, uploadedById: actor.id },
      });
      uploaded.ref = { id: documentId, storageKey };
      await store.put(tx, uploaded.ref, content, mimeType);
      const document = await tx.planDocument.findUniqueOrThrow({ where: { id: documentId }, select: documentSelect });
      return { result: document, target: { type: "planDocument", id: documentId }, details: { documentId, mimeType, size: content.length, visibility: input.visibility } };
    });
  } catch (error) {
    // The row is gone with the transaction; bytes put in an object store are not.
    if (uploaded.ref && store.kind === "S3") await store.delete(prisma, uploaded.ref).catch(() => {});
    throw error;
  }
}

export const planDocumentsInput = z.object({ planId: id });

/** The documents the person may see on the plan, and what they may do; the look is recorded. */
export async function listPlanDocuments(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planDocumentsInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.documents", async (tx, { access }) => ({ result: await documentsOf(tx, actor, access) }));
}

/** The documents as planDocument.list answers them, for a caller whose access the read has resolved. */
export async function documentsOf(tx: Tx, actor: SessionUser, access: PlanAccess) {
  const { documents } = await tx.plan.findUniqueOrThrow({ where: { id: access.planId }, select: { documents: documentsOfPlan(access) } });
  return documentsFrom(actor, access, documents);
}

/** Which of a plan's documents the caller sees: a relation of the plan's read (the plan page's, or one of its own). */
export function documentsOfPlan(access: PlanAccess) {
  return { where: visibleWhere(access.role), orderBy: { createdAt: "desc" }, select: documentSelect } satisfies Prisma.Plan$documentsArgs;
}

/** planDocument.list's answer from the rows `documentsOfPlan` reads. */
export function documentsFrom(actor: SessionUser, access: PlanAccess, documents: Prisma.PlanDocumentGetPayload<{ select: typeof documentSelect }>[]) {
  return {
    documents: documents.map((d) => ({ ...d, canDelete: mayDelete(access, d.uploadedBy.id, actor.id) })),
    canUpload: mayUpload(access),
    canRestrict: mayUpload(access) && seesRestrictedDocuments(access.role),
  };
}

/** The coordinator deletes any document they see; others their own, while they may still change the plan. */
function mayDelete(access: PlanAccess, uploadedById: string, actorId: string): boolean {
  if (access.closed) return false;
  return access.role === "COORDINATOR" || (uploadedById === actorId && mayUpload(access));
}

export const planDocumentInput = z.object({ planId: id, documentId: id });

/** One document's content, for download; the read row names the document. */
export async function getPlanDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planDocumentInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.document_view", async (tx, { planId, access }) => {
    const document = await tx.planDocument.findFirst({
      where: { id: input.documentId, planId, ...visibleWhere(access.role) },
      select: { id: true, name: true, mimeType: true, size: true, storage: true, storageKey: true },
    });
    // A document the person may not see is as missing as one that does not exist.
    if (!document) throw notFound();
    const bytes = await storeFor(document.storage).get(tx, document);
    return {
      result: { name: document.name, mimeType: document.mimeType, size: document.size, contentBase64: bytes.toString("base64") },
      target: { type: "planDocument", id: document.id },
      details: { documentId: document.id },
    };
  });
}

/** Deletes a document (kept, with who and when): by its uploader or the coordinator. */
export async function deletePlanDocument(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planDocumentInput>, meta: RequestMeta) {
  const policy = planPolicyOf(
    async (tx) => (await tx.planDocument.findFirst({ where: { id: input.documentId, planId: input.planId, plan: { municipalityId: actor.municipalityId } }, select: { planId: true } }))?.planId,
    (access) => access.role === "COORDINATOR" || mayUpload(access),
  );
  return write(prisma, actor, meta, policy, "plan.document_delete", async (tx, { planId, access }) => {
    const document = await tx.planDocument.findFirst({ where: { id: input.documentId, planId, ...visibleWhere(access.role) }, select: { id: true, uploadedById: true } });
    if (!document) throw notFound();
    if (!mayDelete(access, document.uploadedById, actor.id)) throw new DomainError("FORBIDDEN", "planDocs.deleteNotAllowed");
    await tx.planDocument.update({ where: { id: document.id }, data: { deletedAt: new Date(), deletedById: actor.id } });
    return { result: { id: document.id }, target: { type: "planDocument", id: document.id }, details: { documentId: document.id } };
  });
}

// For server-internal use (the archive copy, the print view's list): no access check here, the
// caller has checked that the person may see the plan (and, for restricted documents, more).

/** The plan's documents that are not deleted, oldest first. */
export function listPlanDocumentsForArchive(tx: Tx, planId: string) {
  return tx.planDocument.findMany({
    where: { planId, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, mimeType: true, size: true, createdAt: true, visibility: true },
  });
}

/** One document's bytes, from wherever they are kept. */
export async function readPlanDocumentBytes(tx: Tx, documentId: string): Promise<Buffer> {
  const document = await tx.planDocument.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, storage: true, storageKey: true } });
  return storeFor(document.storage).get(tx, document);
}
