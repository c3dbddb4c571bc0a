import { inflateRawSync } from "node:zlib";

// What a file is, from its bytes: never from its name or what the browser says it is. Used for
// documents on plans and on cases (docs/decisions/025-plan-documents.md). Only the types below
// are recognised; anything else (a program, a web page, a macro-enabled Office file, an old
// binary .doc) is null, and the caller refuses it.

export interface SniffedType {
  mimeType: string;
  /** The usual file extension, without the dot; a name without it gets it added. */
  extension: string;
  /** Other extensions that name the same type. */
  aliases?: string[];
}

export const DOCUMENT_TYPES = {
  pdf: { mimeType: "application/pdf", extension: "pdf" },
  jpeg: { mimeType: "image/jpeg", extension: "jpg", aliases: ["jpeg"] },
  png: { mimeType: "image/png", extension: "png" },
  docx: { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
  xlsx: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  pptx: { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extension: "pptx" },
  odt: { mimeType: "application/vnd.oasis.opendocument.text", extension: "odt" },
  ods: { mimeType: "application/vnd.oasis.opendocument.spreadsheet", extension: "ods" },
  odp: { mimeType: "application/vnd.oasis.opendocument.presentation", extension: "odp" },
  text: { mimeType: "text/plain", extension: "txt" },
} as const satisfies Record<string, SniffedType>;

export type DocumentKind = keyof typeof DOCUMENT_TYPES;

/** What may be put on a plan: PDF, images and Office files (OOXML and OpenDocument). */
export const PLAN_DOCUMENT_KINDS: readonly DocumentKind[] = ["pdf", "jpeg", "png", "docx", "xlsx", "pptx", "odt", "ods", "odp"];

/** The `accept` attribute of an upload field for these kinds (a hint to the browser, never the check). */
export function acceptFor(kinds: readonly DocumentKind[]): string {
  return kinds.flatMap((k) => [DOCUMENT_TYPES[k].extension, ...((DOCUMENT_TYPES[k] as SniffedType).aliases ?? [])].map((e) => `.${e}`)).join(",");
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// The main part's content type in [Content_Types].xml says which Office document an OOXML
// package is; the macro-enabled variants (docm, xlsm, pptm) have other types and are refused.
const OOXML_MAIN: [string, DocumentKind][] = [
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "docx"],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xlsx"],
  ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "pptx"],
];

const ODF_MIMETYPES: Record<string, DocumentKind> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};

/** The kind of the file among `allowed`, from its content; null when it is none of them. */
export function sniffDocument(bytes: Uint8Array, allowed: readonly DocumentKind[] = PLAN_DOCUMENT_KINDS): DocumentKind | null {
  const kind = sniff(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), allowed.includes("text"));
  return kind && allowed.includes(kind) ? kind : null;
}

function sniff(b: Buffer, text: boolean): DocumentKind | null {
  if (b.length >= 5 && b.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (b.length >= 4 && b.readUInt32LE(0) === 0x04034b50) return zipKind(b);
  if (text && isPlainText(b)) return "text";
  return null;
}

/** Plain text: valid UTF-8 without control characters other than tab, line breaks and form feed. */
function isPlainText(b: Buffer): boolean {
  if (b.length === 0) return false;
  try {
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(b);
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded);
  } catch {
    return false;
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** An OOXML or OpenDocument package, from the ZIP's central directory; null for any other ZIP. */
function zipKind(b: Buffer): DocumentKind | null {
  const entries = centralDirectory(b);
  if (!entries) return null;
  const mimetype = entries.find((e) => e.name === "mimetype");
  if (mimetype) {
    const value = entryText(b, mimetype, 200)?.trim();
    return (value && ODF_MIMETYPES[value]) || null;
  }
  const types = entries.find((e) => e.name === "[Content_Types].xml");
  if (!types) return null;
  const xml = entryText(b, types, 1024 * 1024);
  if (!xml) return null;
  // The main part's override, e.g. <Override PartName="/word/document.xml" ContentType="…main+xml"/>.
  const found = OOXML_MAIN.filter(([contentType]) => xml.includes(`ContentType="${contentType}"`));
  return found.length === 1 ? found[0][1] : null;
}

const MAX_ENTRIES = 10_000;

function centralDirectory(b: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most that long).
  const from = Math.max(0, b.length - 22 - 0xffff);
  let end = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = b.readUInt16LE(end + 10);
  let offset = b.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > b.length || b.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = b.readUInt16LE(offset + 28);
    const extraLength = b.readUInt16LE(offset + 30);
    const commentLength = b.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > b.length) return null;
    entries.push({
      method: b.readUInt16LE(offset + 10),
      compressedSize: b.readUInt32LE(offset + 20),
      localHeaderOffset: b.readUInt32LE(offset + 42),
      name: b.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's content as text, at most `max` bytes of it unpacked (a ZIP bomb stops there); null when unreadable. */
function entryText(b: Buffer, entry: ZipEntry, max: number): string | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > b.length) return null;
  const data = b.subarray(start, end);
  try {
    if (entry.method === 0) return data.subarray(0, max).toString("utf8");
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: max }).toString("utf8");
  } catch {
    return null;
  }
  return null;
}

/** The name with the extension of its real type: "rapport.pdf" that is a PNG becomes "rapport.pdf.png". */
export function nameWithExtension(name: string, kind: DocumentKind): string {
  const type: SniffedType = DOCUMENT_TYPES[kind];
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension && [type.extension, ...(type.aliases ?? [])].includes(extension)) return name;
  return `${name}.${type.extension}`;
}
