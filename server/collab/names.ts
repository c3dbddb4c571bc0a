import { UUID_SOURCE } from "../../app/domain/ids.ts";
import { ABOUT_FIELDS, type AboutField } from "../../app/domain/lists.ts";

// A co-edited text is named `<kind>:<id>:<field>`; the name alone says which row and column
// the text belongs to, so the server can check access and project the text back.

export type DocumentName =
  | { kind: "plan"; id: string; field: AboutField }
  | { kind: "goal"; id: string; field: "description" }
  | { kind: "measure"; id: string; field: "description" }
  | { kind: "evaluation"; id: string; field: "achieved" }
  | { kind: "meeting"; id: string; field: "minutes" };

const FIELDS: Record<DocumentName["kind"], readonly string[]> = {
  plan: ABOUT_FIELDS,
  goal: ["description"],
  measure: ["description"],
  evaluation: ["achieved"],
  meeting: ["minutes"],
};
// Only the canonical spelling (lower-case id): one text has one name, so two spellings can never
// open two live copies of the same text.
const PATTERN = new RegExp(`^(plan|goal|measure|evaluation|meeting):(${UUID_SOURCE}):([a-zA-Z]+)$`);

/** The parsed name, or null for anything that is not one of ours. */
export function parseDocumentName(name: string): DocumentName | null {
  const match = PATTERN.exec(name);
  if (!match) return null;
  const [, kind, id, field] = match as unknown as [string, DocumentName["kind"], string, string];
  if (!FIELDS[kind].includes(field)) return null;
  return { kind, id, field } as DocumentName;
}

export function documentName(doc: DocumentName): string {
  return `${doc.kind}:${doc.id}:${doc.field}`;
}
