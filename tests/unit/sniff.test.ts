import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { acceptFor, nameWithExtension, PLAN_DOCUMENT_KINDS, sniffDocument } from "../../server/files/sniff.ts";
import { impostors, jpegStart, odf, ooxml, smallPdf, tinyPng, zip } from "../fixtures/document-files.ts";

// A file's type from its content, never its name (docs/decisions/025-plan-documents.md).

describe("sniffDocument", () => {
  it("knows PDF, JPEG, PNG, Word, Excel, PowerPoint and OpenDocument by their bytes", () => {
    expect(sniffDocument(smallPdf())).toBe("pdf");
    expect(sniffDocument(jpegStart())).toBe("jpeg");
    expect(sniffDocument(tinyPng())).toBe("png");
    expect(sniffDocument(ooxml("docx"))).toBe("docx");
    expect(sniffDocument(ooxml("xlsx"))).toBe("xlsx");
    expect(sniffDocument(ooxml("pptx"))).toBe("pptx");
    expect(sniffDocument(odf("text"))).toBe("odt");
    expect(sniffDocument(odf("spreadsheet"))).toBe("ods");
    expect(sniffDocument(odf("presentation"))).toBe("odp");
  });

  it("reads a real Excel file as Excel", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Ark").addRow(["Mål", "Status"]);
    expect(sniffDocument(Buffer.from(await book.xlsx.writeBuffer()))).toBe("xlsx");
  });

  it("refuses programs, web pages, macro-enabled Office files, other ZIPs, text and broken files", () => {
    for (const [name, bytes] of Object.entries({
      exe: impostors.exe(),
      html: impostors.html(),
      zip: impostors.plainZip(),
      docm: ooxml("docm"),
      text: Buffer.from("Bare tekst"),
      empty: Buffer.alloc(0),
      truncatedZip: ooxml("docx").subarray(0, 40),
      badOdf: zip([{ name: "mimetype", data: "application/x-shockwave-flash", stored: true }]),
      pdfLater: Buffer.concat([Buffer.from("\n"), smallPdf()]),
    })) {
      expect(sniffDocument(bytes), name).toBeNull();
    }
  });

  it("takes plain UTF-8 text only where text is allowed (case documents)", () => {
    expect(sniffDocument(Buffer.from("Brev fra fastlegen\nÆØÅ"), ["pdf", "text"])).toBe("text");
    expect(sniffDocument(Buffer.from([0x48, 0x00, 0x49]), ["pdf", "text"])).toBeNull();
    expect(sniffDocument(Buffer.from([0xc3, 0x28]), ["pdf", "text"])).toBeNull();
    // A PNG is no case document if only PDF and text are asked for.
    expect(sniffDocument(tinyPng(), ["pdf", "text"])).toBeNull();
  });

  it("stops unpacking a [Content_Types].xml bigger than a megabyte (a ZIP bomb)", () => {
    const bomb = zip([{ name: "[Content_Types].xml", data: `${"<a/>".repeat(400_000)}ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"` }]);
    expect(sniffDocument(bomb)).toBeNull();
  });
});

describe("names", () => {
  it("gives a file the extension of its real type", () => {
    expect(nameWithExtension("rapport.pdf", "pdf")).toBe("rapport.pdf");
    expect(nameWithExtension("bilde.JPEG", "jpeg")).toBe("bilde.JPEG");
    expect(nameWithExtension("rapport.pdf", "png")).toBe("rapport.pdf.png");
    expect(nameWithExtension("uten", "docx")).toBe("uten.docx");
  });

  it("offers the browser the plan's extensions", () => {
    expect(acceptFor(PLAN_DOCUMENT_KINDS)).toBe(".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp");
  });
});
