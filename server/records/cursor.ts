import { DomainError } from "../errors.ts";

// Keyset paging: a cursor is the (time, key) of the last row or line shown, opaque to the client.

export function encodeCursor(at: Date, key: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), key])).toString("base64url");
}

/** The position a cursor stands for; a cursor that is not one of ours is refused as bad input. */
export function decodeCursor(cursor: string | undefined | null): { at: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(at));
    if (typeof key === "string" && !Number.isNaN(date.getTime())) return { at: date, id: key };
  } catch {
    // fall through
  }
  throw new DomainError("BAD_REQUEST", "errors.invalidCursor");
}
