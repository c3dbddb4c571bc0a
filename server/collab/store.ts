import * as Y from "yjs";
import type { PlanRole } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { Database, PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { recordRead } from "../records/read.ts";
import { recordChange, type Committed } from "../records/write.ts";
import { documentName, type DocumentName } from "./names.ts";
import { project, yDocFromText } from "./projection.ts";

// Where co-edited texts live in PostgreSQL. Every update a client sends is written to
// CollabUpdate before the server applies (and so acknowledges) it; storing a document folds
// those rows into CollabDocument.state, refreshes the projections and records the batched
// changes (audit row, plan activity, notices: server/records/write.ts), all in one transaction. Bytes go through base64 in SQL because the embedded
// database's Prisma adapter cannot bind them.

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s/g, ""), "base64"));
const toBase64 = (u: Uint8Array) => Buffer.from(u).toString("base64");

/** The stored state plus any updates not yet folded in; null when the text was never opened. */
export async function loadState(prisma: Tx, name: string): Promise<Uint8Array | null> {
  const [row] = await prisma.$queryRaw<{ state: string }[]>`SELECT encode(state, 'base64') AS state FROM "CollabDocument" WHERE name = ${name}`;
  const pending = await prisma.$queryRaw<{ update: string }[]>`SELECT encode("update", 'base64') AS update FROM "CollabUpdate" WHERE name = ${name} ORDER BY id`;
  if (!row && !pending.length) return null;
  return Y.mergeUpdates([...(row ? [fromBase64(row.state)] : []), ...pending.map((p) => fromBase64(p.update))]);
}

/**
 * A text's projections as they stand now, including updates acknowledged but not yet folded
 * into the stored state (what people saw as "Lagret"); null when the text was never opened.
 */
export async function currentProjection(tx: Tx, name: string): Promise<{ text: string; html: string } | null> {
  const state = await loadState(tx, name);
  if (!state) return null;
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  const projection = project(ydoc);
  ydoc.destroy();
  return projection;
}

/**
 * A text opened for the first time starts from its column. Written at once, so that two
 * servers opening it together start from the same Yjs items instead of two copies.
 */
export async function createFromColumn(prisma: PrismaClient, doc: DocumentName, planId: string, columnText: string): Promise<Uint8Array> {
  const name = documentName(doc);
  const seed = yDocFromText(columnText);
  const { html } = project(seed);
  await prisma.$executeRaw`INSERT INTO "CollabDocument" (name, "planId", state, text, html, "updatedAt")
    VALUES (${name}, ${planId}, decode(${toBase64(Y.encodeStateAsUpdate(seed))}, 'base64'), ${columnText}, ${html}, now())
    ON CONFLICT (name) DO NOTHING`;
  return (await loadState(prisma, name)) ?? Y.encodeStateAsUpdate(seed);
}

/**
 * How long the first update of a group waits for others before its insert starts. Only the
 * author's acknowledgement waits, not the other editors: the update is applied and passed on
 * at once (decision 055).
 */
const GROUP_WINDOW_MS = 10;

/**
 * Appends updates in as few statements as possible: updates that arrive within GROUP_WINDOW_MS
 * of the first, or while an insert runs, go together (group commit), so many typists cost few
 * round trips. The insert goes through the database's raw channel, not Prisma: when editors type
 * slowly it runs for nearly every message, and Prisma's own work was a tenth of the server's
 * busy time (decision 047). The raw channel binds the bytes as they are, on both databases.
 */
export function createUpdateLog(db: Pick<Database, "query">) {
  let queue: { name: string; update: Uint8Array; done: (id: bigint) => void; fail: (e: unknown) => void }[] = [];
  let running: Promise<void> | null = null;

  async function drain() {
    while (queue.length) {
      const batch = queue;
      queue = [];
      try {
        const values = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
        const rows = await db.query<{ id: bigint | string }>(
          `INSERT INTO "CollabUpdate" (name, "update") VALUES ${values} RETURNING id`,
          batch.flatMap((b) => [b.name, b.update]),
        );
        // RETURNING keeps the order of VALUES for a single-statement insert.
        batch.forEach((b, i) => b.done(BigInt(rows[i].id)));
      } catch (error) {
        batch.forEach((b) => b.fail(error));
      }
    }
    running = null;
  }

  return {
    append(name: string, update: Uint8Array): Promise<bigint> {
      return new Promise((done, fail) => {
        queue.push({ name, update, done, fail });
        running ??= new Promise<void>((resolve) => setTimeout(resolve, GROUP_WINDOW_MS)).then(drain);
      });
    },
    /** Resolves when every update appended so far is written (or has failed). */
    async idle() {
      while (running) await running;
    },
  };
}

export interface Editor {
  userId: string;
  name: string;
  municipalityId: string;
  /** What the editor is in the plan: the user's own words notify the coordinator. */
  planRole: PlanRole | null;
  meta: RequestMeta;
}

/** Writes each editor's audit row at most once per document per this period. */
export const AUDIT_BATCH_MS = 5 * 60_000;

const COLUMNS: Record<DocumentName["kind"], { table: string; column: (doc: DocumentName) => string } | null> = {
  plan: { table: "Plan", column: (doc) => doc.field },
  goal: { table: "Goal", column: () => "description" },
  measure: { table: "Measure", column: () => "description" },
  evaluation: { table: "Evaluation", column: () => "achieved" },
  meeting: null,
};

export interface StoreInput {
  doc: DocumentName;
  planId: string;
  state: Uint8Array;
  /** Updates in CollabUpdate that `state` already contains: removed in the same transaction. */
  foldedUpdateIds: bigint[];
  /** People who changed the text since the last store and have no audit row in this period yet. */
  editorsToAudit: Editor[];
}

/**
 * Stores a document with its projections; returns the projections written and the recorded
 * changes (none when the text people see did not change), to publish after commit.
 */
export async function storeDocument(prisma: PrismaClient, input: StoreInput): Promise<{ text: string; html: string; committed: Committed[] }> {
  const name = documentName(input.doc);
  await storeSlots.take();
  try {
    return await storeTransaction(prisma, name, input);
  } finally {
    storeSlots.give();
  }
}

/**
 * Stores run in the background, every second for each text being edited: only a few at once,
 * so that with hundreds of texts open they queue here instead of taking the whole pool from
 * the pages (and timing out waiting for it).
 */
const storeSlots = (() => {
  let free = 3;
  const waiting: (() => void)[] = [];
  return {
    take: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve))),
    give: () => (waiting.length ? waiting.shift()!() : free++),
  };
})();

function storeTransaction(prisma: PrismaClient, name: string, input: StoreInput) {
  return prisma.$transaction(async (tx) => {
    // Another server may have stored the same text a moment ago: merge, never overwrite.
    const [row] = await tx.$queryRaw<{ state: string; text: string; html: string }[]>`
      SELECT encode(state, 'base64') AS state, text, html FROM "CollabDocument" WHERE name = ${name} FOR UPDATE`;
    const merged = row ? Y.mergeUpdates([fromBase64(row.state), input.state]) : input.state;
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, merged);
    const { text, html } = project(ydoc);
    ydoc.destroy();
    await tx.$executeRaw`INSERT INTO "CollabDocument" (name, "planId", state, text, html, "updatedAt")
      VALUES (${name}, ${input.planId}, decode(${toBase64(merged)}, 'base64'), ${text}, ${html}, now())
      ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, text = EXCLUDED.text, html = EXCLUDED.html, "updatedAt" = now()`;
    if (input.foldedUpdateIds.length) {
      await tx.$executeRaw`DELETE FROM "CollabUpdate" WHERE id IN (${Prisma.join(input.foldedUpdateIds)})`;
    }
    const target = COLUMNS[input.doc.kind];
    if (target) {
      // The plain text goes back to the entity's own column (print, export, lists, search).
      await tx.$executeRawUnsafe(
        `UPDATE "${target.table}" SET "${target.column(input.doc)}" = $1 WHERE id = $2 AND "${target.column(input.doc)}" IS DISTINCT FROM $1`,
        text,
        input.doc.id,
      );
    }
    // Only a real change is recorded: opening a text can send an update that changes nothing
    // people see (an editor settling an empty document), and that is not writing.
    const changed = !row || row.text !== text || row.html !== html;
    const committed: Committed[] = [];
    for (const editor of changed ? input.editorsToAudit : []) {
      committed.push(
        await recordChange(tx, {
          action: "plan.text.edit",
          actor: { id: editor.userId, name: editor.name, municipalityId: editor.municipalityId },
          meta: editor.meta,
          municipalityId: editor.municipalityId,
          planId: input.planId,
          planRole: editor.planRole,
          meetingId: input.doc.kind === "meeting" ? input.doc.id : null,
          caseId: null,
          target: { type: input.doc.kind, id: input.doc.id },
          details: { document: name, kind: input.doc.kind, field: input.doc.field },
        }),
      );
    }
    return { text, html, committed };
  });
}

/** Opening a text is reading plan content: one read row, in the transaction that checked access. Never activity. */
export async function auditOpen(tx: Tx, doc: DocumentName, input: { planId: string; editor: Editor; readOnly: boolean; purpose: string | null }) {
  await recordRead(tx, {
    action: "plan.text.open",
    municipalityId: input.editor.municipalityId,
    actorId: input.editor.userId,
    planId: input.planId,
    planRole: input.editor.planRole,
    target: { type: doc.kind, id: doc.id },
    purpose: input.purpose ?? undefined,
    details: { document: documentName(doc), readOnly: input.readOnly },
    meta: input.editor.meta,
  });
}
