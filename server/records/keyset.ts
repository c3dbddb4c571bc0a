import { z } from "zod";
import { DomainError } from "../errors.ts";

// Keyset paging of a list sorted by one date column, with the id as tie-break: each page starts
// after the last row shown, so rows added while someone pages neither repeat nor push rows out of
// view (an offset would). The cursor names the sort it belongs to; a cursor from another sort, or
// one that is not ours, is refused as bad input.

export type Direction = "asc" | "desc";

export interface SortColumn {
  /** The column, as Prisma names it. */
  field: string;
  /** A column that may be empty: empty values come last in either direction. */
  nullable: boolean;
}

export const pageInput = {
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  direction: z.enum(["asc", "desc"]).default("asc"),
};

interface Position {
  value: Date | null;
  id: string;
}

export function encodeKeyset(sort: string, value: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([sort, value ? value.toISOString() : null, id])).toString("base64url");
}

const ID = /^[\w-]{1,100}$/;

export function decodeKeyset(cursor: string | undefined, sort: string): Position | null {
  if (!cursor) return null;
  try {
    const [forSort, value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = value === null ? null : new Date(String(value));
    if (forSort === sort && typeof id === "string" && ID.test(id) && (date === null || !Number.isNaN(date.getTime()))) return { value: date, id };
  } catch {
    // fall through
  }
  throw new DomainError("BAD_REQUEST", "errors.invalidCursor");
}

/** The rows after `after` in this order, as a condition to AND with the list's own. */
export function keysetAfter({ field, nullable }: SortColumn, direction: Direction, after: Position | null): Record<string, unknown> {
  if (!after) return {};
  const beyond = direction === "asc" ? "gt" : "lt";
  if (after.value === null) return { [field]: null, id: { [beyond]: after.id } };
  return {
    OR: [{ [field]: { [beyond]: after.value } }, { [field]: after.value, id: { [beyond]: after.id } }, ...(nullable ? [{ [field]: null }] : [])],
  };
}

export function keysetOrder({ field, nullable }: SortColumn, direction: Direction) {
  return [{ [field]: nullable ? { sort: direction, nulls: "last" } : direction }, { id: direction }];
}

/** One page: `limit` rows, and a cursor when more follow (one row more is read to know). */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, sort: string, valueOf: (row: T) => Date | null) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeKeyset(sort, valueOf(last), last.id) : null };
}
