import ExcelJS from "exceljs";

// Tables as files: CSV for anything, Excel (.xlsx) for people who work in Excel. The rows are
// exactly those of the list on screen (same procedure, same selection).

export type Cell = string | number | null;
export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** CSV as Norwegian Excel opens it: semicolons, a byte-order mark for æøå, CRLF line ends. */
export function toCsv(table: Table): string {
  const escape = (value: Cell) => {
    const text = value === null ? "" : String(value);
    // A leading = + - @ would be run as a formula by spreadsheet programs.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(escape).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Individuell plan";
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/*?:[\]]/g, " "));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function fileResponse(table: Table, format: "csv" | "xlsx", body: string | Buffer) {
  const name = `${table.title.toLowerCase().replace(/[^a-z0-9æøå]+/gi, "-").replace(/^-|-$/g, "")}.${format}`;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // RFC 6266: an ASCII fallback, and the real (Norwegian) name in UTF-8.
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
