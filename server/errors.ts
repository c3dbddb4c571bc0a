// The domain's own error: services throw it, and only the edge (server/trpc/errors.ts) turns it
// into a tRPC error with an HTTP status. Its message is a key in the i18n catalogue, so the person
// reads it in their own language.

export type DomainErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Data the person needs to resolve it, e.g. the current value after a conflicting edit. */
    readonly details?: unknown,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

/** The database cannot be reached now: a 503 the person may simply retry (`cause` keeps what said so). */
export const databaseUnavailable = (cause?: unknown) => Object.assign(new DomainError("SERVICE_UNAVAILABLE", "errors.databaseUnavailable"), { cause });

/** NOT_FOUND never says whether the thing exists: outsiders and other municipalities get the same answer. */
export const notFound = () => new DomainError("NOT_FOUND", "errors.code.NOT_FOUND");

/** Throws FORBIDDEN unless `allowed`; the message says what the person may not do. */
export function requireRight(allowed: boolean, messageKey = "errors.code.FORBIDDEN"): void {
  if (!allowed) throw new DomainError("FORBIDDEN", messageKey);
}
