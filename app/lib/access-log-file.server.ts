import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { TFunction } from "i18next";
import type { Caller } from "../../server/router.ts";
import { auditActionKey, isAuditAction } from "../domain/audit-actions.ts";
import { formatDateTime } from "../domain/oslo-time.ts";
import type { Lang } from "../i18n/resources.ts";
import { csvStream } from "./export.server.ts";

// The user's own copy of their plan's access log: every row, unfolded, newest first, as CSV
// (streamed page by page) or as a PDF with page numbers.

type AccessLogRow = Awaited<ReturnType<Caller["audit"]["exportForPlan"]>>["rows"][number];
/** The rows, a page at a time, newest first. */
export type Rows = () => AsyncGenerator<AccessLogRow[]>;

/** Pages through audit.exportForPlan from `cursor` on (each page is a recorded read of the log). */
export function exportPages(caller: Caller, planId: string, from?: string): Rows {
  return async function* () {
    let cursor = from;
    do {
      const page = await caller.audit.exportForPlan({ planId, cursor });
      yield page.rows;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  };
}

function cells(row: AccessLogRow, t: TFunction, lang: Lang): string[] {
  return [
    formatDateTime(row.at, lang),
    row.actorName || t("common.unknownPerson"),
    row.planRole ? t(`accessLog.role.${row.planRole}`) : row.actorRoles.map((r) => t(`roles.${r}`)).join(", "),
    isAuditAction(row.action) ? t(auditActionKey(row.action)) : row.action,
    row.purpose ?? "",
  ];
}

const columns = (t: TFunction) => [t("accessLog.when"), t("accessLog.who"), t("accessLog.role.label"), t("accessLog.what"), t("purpose.label")];

/** CSV as Norwegian Excel opens it (export.server.ts), one page of rows at a time. */
export function accessLogCsv(rows: Rows, t: TFunction, lang: Lang): ReadableStream<Uint8Array> {
  const pages = (async function* () {
    for await (const page of rows()) yield page.map((row) => cells(row, t, lang));
  })();
  return csvStream(columns(t), pages);
}

// A4 in points, with margins.
const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const WIDTHS = [110, 110, 80, 140, 59];
const SIZE = 9;
const LINE = 12;

/** Splits text into lines that fit `width` in `font` (the standard fonts have no hyphenation). */
function wrap(text: string, font: PDFFont, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, SIZE) <= width || !current) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}

/** Text the PDF's standard font can draw (WinAnsi: Norwegian letters yes, emoji no). */
const printable = (text: string) => text.replace(/[^\u0020-\u007e\u00a0-\u00ff–—‘’“”•…€]/g, "?");

export async function accessLogPdf(rows: Rows, owner: string, t: TFunction, lang: Lang): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(t("accessLog.exportTitle", { name: owner }));
  pdf.setLanguage(lang === "nb" ? "nb-NO" : "en-GB");
  pdf.setCreator("Individuell plan");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;

  const drawRow = (values: string[], f: PDFFont) => {
    const wrapped = values.map((v, i) => wrap(printable(v), f, WIDTHS[i] - 6));
    const height = Math.max(...wrapped.map((w) => w.length)) * LINE + 4;
    if (y - height < PAGE.margin + 20) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
    let x = PAGE.margin;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => page.drawText(line, { x, y: y - SIZE - j * LINE, size: SIZE, font: f, color: rgb(0.1, 0.1, 0.1) }));
      x += WIDTHS[i];
    });
    y -= height;
    page.drawLine({ start: { x: PAGE.margin, y: y + 2 }, end: { x: PAGE.width - PAGE.margin, y: y + 2 }, thickness: 0.3, color: rgb(0.75, 0.75, 0.75) });
  };

  page.drawText(printable(t("accessLog.exportTitle", { name: owner })), { x: PAGE.margin, y: y - 16, size: 16, font: bold });
  y -= 24;
  page.drawText(printable(t("accessLog.exportMade", { when: formatDateTime(new Date(), lang) })), { x: PAGE.margin, y: y - SIZE, size: SIZE, font });
  y -= 24;
  drawRow(columns(t), bold);
  for await (const batch of rows()) for (const row of batch) drawRow(cells(row, t, lang), font);

  const pages = pdf.getPages();
  pages.forEach((p, index) => {
    const label = `${t("accessLog.page", { page: index + 1 })} / ${pages.length}`;
    p.drawText(label, { x: PAGE.width - PAGE.margin - font.widthOfTextAtSize(label, SIZE), y: PAGE.margin / 2, size: SIZE, font });
  });
  return pdf.save();
}
