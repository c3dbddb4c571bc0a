import { DomainError } from "../errors.ts";

// Keyset paging: a cursor is the (time, key) of the last row or line shown, opaque to the client.
// A list that grows while it is paged (an access log, which records its own reading) can also
// carry the moment its first page was read, so every later page shows the same snapshot.

export interface Cursor {
  at: Date;
  id: string;
  asOf?: Date;
}

export function encodeCursor(at: Date, key: string, asOf?: Date): string {
  return Buffer.from(JSON.stringify([at.toISOString(), key, ...(asOf ? [asOf.toISOString()] : [])])).toString("base64url");
}

// Keys are ids or the access log's line keys ("c:<id>", "r:<id>:<day>:<md5>"): plain ASCII.
const KEY = /^[\w:.-]{1,200}$/;
// Times a row can have: the portal's lifetime, give or take.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const plausible = (date: Date) => !Number.isNaN(date.getTime()) && date.getTime() >= EARLIEST && date.getTime() < LATEST;

/**
 * The position a cursor stands for. A cursor that is not one of ours (or was edited: a key with
 * characters a query cannot take, a time out of range) is refused as bad input, never passed on.
 */
export function decodeCursor(cursor: string | undefined | null): Cursor | null {
  if (!cursor) return null;
  try {
    const [at, key, asOf] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(at));
    const snapshot = asOf === undefined ? undefined : new Date(String(asOf));
    if (typeof key === "string" && KEY.test(key) && plausible(date) && (!snapshot || plausible(snapshot))) return { at: date, id: key, asOf: snapshot };
  } catch {
    // fall through
  }
  throw new DomainError("BAD_REQUEST", "errors.invalidCursor");
}
