import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import type { Lang } from "../../app/i18n/resources.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { databaseUnavailable, DomainError } from "../errors.ts";
import { translate } from "../i18n.ts";
import { formatZodError } from "./zod-messages.ts";

/** A service's DomainError at the tRPC edge: the same code (so HTTP status), key, params and details. */
export class DomainTRPCError extends TRPCError {
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(error: DomainError) {
    super({ code: error.code, message: error.messageKey, cause: error });
    this.messageKey = error.messageKey;
    this.params = error.params;
    this.details = error.details;
  }
}

/**
 * The edge mapping: anything carrying a DomainError becomes a DomainTRPCError, and so does a
 * database that cannot be reached (a 503); other errors pass through.
 */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof DomainTRPCError) return error;
  if (error instanceof DomainError) return new DomainTRPCError(error);
  if (error instanceof TRPCError && error.cause instanceof DomainError) return new DomainTRPCError(error.cause);
  if (isDatabaseUnavailable(error)) return new DomainTRPCError(databaseUnavailable(error));
  return error;
}

export interface DescribedError {
  status: number;
  code: TRPCError["code"];
  message: string;
  fieldErrors?: Record<string, string>;
  details?: unknown;
}

/** What a person should read about an error from a procedure: never a stack trace or internals. */
export function describeError(error: TRPCError, lang: Lang): DescribedError {
  const mapped = toTRPCError(error) as TRPCError;
  const status = getHTTPStatusCodeFromError(mapped);
  const cause = mapped.cause;
  if (cause instanceof DomainError) {
    return { status, code: mapped.code, message: translate(lang, cause.messageKey, cause.params), details: cause.details };
  }
  if (cause instanceof ZodError) return { status, code: mapped.code, ...formatZodError(cause, lang) };
  if (mapped.code === "INTERNAL_SERVER_ERROR") return { status, code: mapped.code, message: translate(lang, "errors.internal") };
  return { status, code: mapped.code, message: translate(lang, `errors.code.${mapped.code}`) };
}

/** describeError for anything thrown; errors that are not a procedure's become a plain 500. */
export function describeUnknownError(error: unknown, lang: Lang): DescribedError {
  const mapped = toTRPCError(error);
  return describeError(mapped instanceof TRPCError ? mapped : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: mapped }), lang);
}
