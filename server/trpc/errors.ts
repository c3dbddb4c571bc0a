import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import type { Lang } from "../../app/i18n/resources.ts";
import { translate } from "../i18n.ts";
import { formatZodError } from "./zod-messages.ts";

/**
 * An error whose message is a key in the i18n catalogue, so the person sees it in their
 * own language; `params` fill its placeholders.
 */
export class AppError extends TRPCError {
  constructor(
    code: TRPCError["code"],
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Data the person needs to resolve it, e.g. the current value after a conflicting edit. */
    readonly details?: unknown,
  ) {
    super({ code, message: messageKey });
  }
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
  const status = getHTTPStatusCodeFromError(error);
  if (error instanceof AppError) {
    return { status, code: error.code, message: translate(lang, error.messageKey, error.params), details: error.details };
  }
  if (error.cause instanceof ZodError) return { status, code: error.code, ...formatZodError(error.cause, lang) };
  if (error.code === "INTERNAL_SERVER_ERROR") return { status, code: error.code, message: translate(lang, "errors.internal") };
  return { status, code: error.code, message: translate(lang, `errors.code.${error.code}`) };
}

/** describeError for anything thrown; errors that are not a procedure's become a plain 500. */
export function describeUnknownError(error: unknown, lang: Lang): DescribedError {
  return describeError(error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }), lang);
}
