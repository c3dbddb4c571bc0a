import { createHash } from "node:crypto";
import { zipSync, type Zippable } from "fflate";
import type { ArchiveReason } from "../../app/domain/schemas.ts";
import type { Tx } from "../db/types.ts";
import { translate } from "../i18n.ts";
import { listPlanDocumentsForArchive, readPlanDocumentBytes } from "../plans/documents.ts";
import { loadPlanSnapshot } from "./content.ts";
import { noark5Xml, type PackagedFile } from "./noark.ts";
import { renderPlanPdf } from "./pdf.ts";

// One archive copy as files: plan.pdf (PDF/A-2b), noark5.xml and dokumenter/* in a ZIP.

export interface BuiltArchive {
  pdf: Buffer;
  xml: string;
  zip: Buffer;
  checksum: string;
  /** The paths in the ZIP, in order. */
  files: string[];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A file name safe in a ZIP on every system: no folders, no control or reserved characters. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  return cleaned || "dokument";
}

export async function buildArchive(tx: Tx, input: { archiveId: string; planId: string; reason: ArchiveReason; madeAt: Date }): Promise<BuiltArchive> {
  const documents = await listPlanDocumentsForArchive(tx, input.planId);
  const plan = await loadPlanSnapshot(tx, input.planId, documents, input.madeAt);
  const pdf = await renderPlanPdf(plan, input.madeAt);

  const zippable: Zippable = {};
  const files: PackagedFile[] = [
    {
      path: "plan.pdf",
      title: translate("nb", "archive.pdfDoc.title", { name: plan.owner.name }),
      mimeType: "application/pdf",
      format: "PDF/A-2b",
      sha256: sha256(pdf),
      size: pdf.length,
      createdAt: input.madeAt,
      main: true,
    },
  ];
  zippable["plan.pdf"] = pdf;
  let n = 0;
  for (const document of documents) {
    const bytes = await readPlanDocumentBytes(tx, document.id);
    const path = `dokumenter/${++n}-${safeFileName(document.name)}`;
    zippable[path] = bytes;
    files.push({ path, title: document.name, mimeType: document.mimeType, format: document.mimeType, sha256: sha256(bytes), size: bytes.length, createdAt: document.createdAt, main: false });
  }
  const xml = noark5Xml({ archiveId: input.archiveId, reason: input.reason, madeAt: input.madeAt, plan, files });
  zippable["noark5.xml"] = Buffer.from(xml, "utf8");
  // The time in the ZIP's entries is the copy's; the bytes are the same however often it is read.
  const zip = Buffer.from(zipSync(zippable, { level: 6, mtime: input.madeAt }));
  return { pdf, xml, zip, checksum: sha256(zip), files: ["plan.pdf", ...files.slice(1).map((f) => f.path), "noark5.xml"] };
}
