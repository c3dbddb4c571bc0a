import { describe, expect, it } from "vitest";
import { toCsv } from "../../app/lib/export.server.ts";

describe("CSV export", () => {
  it("opens in Norwegian Excel: BOM, semicolons, quoted separators, doubled quotes, no formulas", () => {
    const csv = toCsv({ title: "x", columns: ["Navn", "Notat"], rows: [["Åse Ødegård", 'Sa "hei"; gikk'], ["=HYPERLINK()", null], ["+47 900", "-"]] });
    expect(csv).toBe('\uFEFFNavn;Notat\r\nÅse Ødegård;"Sa ""hei""; gikk"\r\n\'=HYPERLINK();\r\n\'+47 900;\'-\r\n');
  });
});
