import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";

// Tables as files: CSV for anything, Excel (.xlsx) for people who work in Excel. The rows are
// exactly those of the list on screen (same procedure, same selection). Long lists are written
// as they are read, a page at a time (csvStream, xlsxStream), never held whole in memory.

export type Cell = string | number | null;
export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

function csvCell(value: Cell): string {
  const text = value === null ? "" : String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLines = (rows: Cell[][]) => rows.map((row) => `${row.map(csvCell).join(";")}\r\n`).join("");

/** CSV as Norwegian Excel opens it: semicolons, a byte-order mark for æøå, CRLF line ends. */
export function toCsv(table: Table): string {
  return `\uFEFF${csvLines([table.columns, ...table.rows])}`;
}

/** The same CSV, written page by page as the pages are read. */
export function csvStream(columns: string[], pages: AsyncIterator<Cell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream({
    async pull(controller) {
      const head = first ? `\uFEFF${csvLines([columns])}` : "";
      first = false;
      const { value, done } = await pages.next();
      if (head) controller.enqueue(encoder.encode(head));
      if (done) return controller.close();
      controller.enqueue(encoder.encode(csvLines(value)));
    },
  });
}

/** An Excel workbook written row by row to the response (ExcelJS's streaming writer). */
export function xlsxStream(title: string, columns: string[], pages: AsyncIterable<Cell[][]>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = "Individuell plan";
  void (async () => {
    const sheet = workbook.addWorksheet(sheetName(title), { properties: { defaultColWidth: 24 } });
    const header = sheet.addRow(columns);
    header.font = { bold: true };
    header.commit();
    for await (const rows of pages) for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

const sheetName = (title: string) => title.slice(0, 31).replace(/[\\/*?:[\]]/g, " ");

export function fileResponse(table: Pick<Table, "title">, format: "csv" | "xlsx", body: string | Buffer | ReadableStream<Uint8Array>) {
  const name = `${table.title.toLowerCase().replace(/[^a-z0-9æøå]+/gi, "-").replace(/^-|-$/g, "")}.${format}`;
  return new Response(typeof body === "string" || body instanceof ReadableStream ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // RFC 6266: an ASCII fallback, and the real (Norwegian) name in UTF-8.
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
