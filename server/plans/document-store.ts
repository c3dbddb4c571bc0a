import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Tx } from "../db/types.ts";
import type { Env } from "../env.ts";

// Where the bytes of a plan's documents are kept (docs/decisions/025-plan-documents.md). The row
// in PlanDocument is always in the database and says which store holds its bytes, so documents
// uploaded before a change of DOCUMENT_STORE are still read from where they are.
//   DATABASE (default): in the row's `content` column, on PostgreSQL and embedded PGlite alike.
//   S3: in an S3-compatible bucket (for PostgreSQL deployments), under the row's `storageKey`.

export type DocumentStorage = "DATABASE" | "S3";

/** A stored document: its row's id, and its key in an object store. */
export interface StoredDocumentRef {
  id: string;
  storageKey: string | null;
}

export interface DocumentStore {
  readonly kind: DocumentStorage;
  /** The key a new document's bytes get in an object store; the database needs none. */
  keyFor?(planId: string, documentId: string): string;
  /** Keeps the bytes of the document whose row is `ref` (the row exists already, in `tx`). */
  put(tx: Tx, ref: StoredDocumentRef, bytes: Buffer, mimeType: string): Promise<void>;
  /** The bytes; throws when they are gone. */
  get(tx: Tx, ref: StoredDocumentRef): Promise<Buffer>;
  /** Removes the bytes (a failed upload's, or a purge's); nothing when they are already gone. */
  delete(tx: Tx, ref: StoredDocumentRef): Promise<void>;
}

/**
 * The bytes in the row. They go in as base64 and PostgreSQL decodes them, and come out the same
 * way: the same on PostgreSQL and PGlite (pglite-prisma-adapter 0.6 cannot pass Prisma 6.19's
 * Bytes parameters).
 */
export const databaseStore: DocumentStore = {
  kind: "DATABASE",
  async put(tx, ref, bytes) {
    await tx.$executeRaw`UPDATE "PlanDocument" SET content = decode(${bytes.toString("base64")}, 'base64') WHERE id = ${ref.id}`;
  },
  async get(tx, ref) {
    const rows = await tx.$queryRaw<{ content: string | null }[]>`SELECT encode(content, 'base64') AS content FROM "PlanDocument" WHERE id = ${ref.id}`;
    const content = rows[0]?.content;
    if (content == null) throw new Error(`Document ${ref.id} has no content in the database`);
    // encode() wraps its output every 76 characters.
    return Buffer.from(content.replace(/\s/g, ""), "base64");
  },
  async delete(tx, ref) {
    await tx.$executeRaw`UPDATE "PlanDocument" SET content = NULL WHERE id = ${ref.id}`;
  },
};

export interface S3Settings {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style addresses (http://host/bucket/key), as MinIO and most self-hosted stores want. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket. */
  prefix?: string;
}

/** An S3-compatible bucket. `client` is for tests that bring their own. */
export function s3Store(settings: S3Settings, client?: S3Client): DocumentStore & { client: S3Client } {
  const s3 =
    client ??
    new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: many S3-compatible stores do not take the
      // SDK's default streaming checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const prefix = settings.prefix ? `${settings.prefix.replace(/\/+$/, "")}/` : "";
  const keyOf = (ref: StoredDocumentRef) => {
    if (!ref.storageKey) throw new Error(`Document ${ref.id} has no storage key`);
    return ref.storageKey;
  };
  return {
    kind: "S3",
    client: s3,
    keyFor: (planId, documentId) => `${prefix}plans/${planId}/${documentId}`,
    async put(_tx, ref, bytes, mimeType) {
      await s3.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(ref), Body: bytes, ContentType: mimeType, ContentLength: bytes.length }));
    },
    async get(_tx, ref) {
      const answer = await s3.send(new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(ref) }));
      if (!answer.Body) throw new Error(`Document ${ref.id} has no body in the bucket`);
      return Buffer.from(await answer.Body.transformToByteArray());
    },
    async delete(_tx, ref) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: keyOf(ref) }));
      } catch (error) {
        if (!(error instanceof NoSuchKey)) throw error;
      }
    },
  };
}

/** The S3 settings from the environment, or null when documents stay in the database. */
export function s3SettingsFromEnv(env: Pick<Env, "DOCUMENT_STORE" | "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE" | "S3_PREFIX">): S3Settings | null {
  if (env.DOCUMENT_STORE !== "s3") return null;
  if (!env.S3_BUCKET) throw new Error("DOCUMENT_STORE=s3 needs S3_BUCKET");
  return {
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    prefix: env.S3_PREFIX,
  };
}

// The stores of this process: new uploads go to `current`; a row's own `storage` says where its
// bytes are read from. Set once at start (server/app.ts) from the environment.
let current: DocumentStore = databaseStore;
let s3: DocumentStore | null = null;

export function configureDocumentStores(stores: { s3: DocumentStore | null; uploadTo: DocumentStorage }): void {
  if (stores.uploadTo === "S3" && !stores.s3) throw new Error("DOCUMENT_STORE=s3 without an S3 store");
  s3 = stores.s3;
  current = stores.uploadTo === "S3" && stores.s3 ? stores.s3 : databaseStore;
}

/** From the environment: DOCUMENT_STORE=s3 and S3_* (README, "Documents"). */
export function configureDocumentStoresFromEnv(env: Parameters<typeof s3SettingsFromEnv>[0]): void {
  const settings = s3SettingsFromEnv(env);
  configureDocumentStores(settings ? { s3: s3Store(settings), uploadTo: "S3" } : { s3: null, uploadTo: "DATABASE" });
}

/** Where new uploads go. */
export function uploadStore(): DocumentStore {
  return current;
}

/** The store that holds a row's bytes. */
export function storeFor(storage: DocumentStorage): DocumentStore {
  if (storage === "DATABASE") return databaseStore;
  if (!s3) throw new Error("A document is kept in S3, but DOCUMENT_STORE=s3 is not configured");
  return s3;
}
