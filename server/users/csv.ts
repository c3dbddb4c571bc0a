// A small CSV reader for the staff import (RFC 4180 as spreadsheets write it): a byte-order
// mark is dropped, the separator is ";" (Excel in Norway) or "," (found from the header line),
// fields may be quoted ("a ""quoted"" word", separators and line breaks inside quotes), and
// lines end in CRLF, LF or CR. No dependency: the project has no CSV parser, and this is all the
// import needs. Pure: tests/unit/csv.test.ts.

export type Separator = ";" | ",";

export interface CsvRecord {
  /** The line in the file the record starts on (1 is the header). */
  line: number;
  fields: string[];
}

export interface CsvTable {
  separator: Separator;
  header: string[];
  records: CsvRecord[];
  /** A quote that is never closed: the file ends inside a field. */
  unterminatedQuoteAt: number | null;
}

/** The separator of the first line: whichever of ";" and "," occurs more often outside quotes (";" on a tie). */
export function detectSeparator(text: string): Separator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

export function parseCsv(input: string): CsvTable {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let unterminatedQuoteAt: number | null = null;
  let quoteStartLine = 1;

  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it (not even a separator) is no record.
    if (!(fields.length === 1 && fields[0] === "")) rows.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === "") {
      // A quote opens a field only at its start (spaces before it are dropped, as spreadsheets do).
      field = "";
      quoted = true;
      quoteStartLine = line;
    } else if (char === separator) {
      fields.push(field);
      field = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) unterminatedQuoteAt = quoteStartLine;
  if (field !== "" || fields.length) endRecord();

  const [head, ...records] = rows;
  return { separator, header: head?.fields.map((h) => h.trim()) ?? [], records, unterminatedQuoteAt };
}
