import { describe, expect, it } from "vitest";
import { detectSeparator, parseCsv } from "../../server/users/csv.ts";

// The staff import's CSV reader (server/users/csv.ts): what spreadsheets write.

describe("parseCsv", () => {
  it("reads semicolons (Excel in Norway) with a byte-order mark and CRLF, and numbers records by line", () => {
    const table = parseCsv("\uFEFFnavn;e-post\r\nOla;ola@eksempel.no\r\n\r\nKari;kari@eksempel.no\r\n");
    expect(table.separator).toBe(";");
    expect(table.header).toEqual(["navn", "e-post"]);
    expect(table.records).toEqual([
      { line: 2, fields: ["Ola", "ola@eksempel.no"] },
      { line: 4, fields: ["Kari", "kari@eksempel.no"] },
    ]);
    expect(table.unterminatedQuoteAt).toBeNull();
  });

  it("reads commas, quoted separators, doubled quotes and line breaks inside quotes", () => {
    const table = parseCsv('navn,stilling\n"Hansen, Lise","Sier ""hei""\nog ha det"\nPer,\n');
    expect(table.separator).toBe(",");
    expect(table.records).toEqual([
      { line: 2, fields: ["Hansen, Lise", 'Sier "hei"\nog ha det'] },
      { line: 4, fields: ["Per", ""] },
    ]);
  });

  it("ends lines at CR alone too, and keeps a last line without a line break", () => {
    expect(parseCsv("a;b\rc;d").records).toEqual([{ line: 2, fields: ["c", "d"] }]);
  });

  it("says where a quote is never closed", () => {
    expect(parseCsv('navn;e-post\nOla;ola@x.no\n"Kari;kari@x.no\n').unterminatedQuoteAt).toBe(3);
  });

  it("takes the separator from the header line, outside quotes, semicolon on a tie", () => {
    expect(detectSeparator('"a;b",c,d\n1;2;3;4;5')).toBe(",");
    expect(detectSeparator("navn\nOla")).toBe(";");
    expect(detectSeparator("a,b;c")).toBe(";");
  });

  it("reads nothing from nothing", () => {
    expect(parseCsv("")).toEqual({ separator: ";", header: [], records: [], unterminatedQuoteAt: null });
  });
});
