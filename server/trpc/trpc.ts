import { initTRPC } from "@trpc/server";
import { anyUnstorable } from "../../app/domain/text.ts";
import { DomainError } from "../errors.ts";
import type { Context } from "./context.ts";
import { describeError, toTRPCError } from "./errors.ts";

const t = initTRPC.context<Context>().create({
  // Never send stack traces to the client, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const { message, fieldErrors, details } = describeError(error, ctx?.lang ?? "nb");
    return {
      message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, details },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Services throw DomainError; here, at the edge, it becomes the tRPC error of the same code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/** Text PostgreSQL cannot store (U+0000, a lone surrogate) is bad input: a 400, never a 500. */
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  if (anyUnstorable(await getRawInput())) throw new DomainError("BAD_REQUEST", "validation.unstorable");
  return next();
});

/**
 * Changes are rate limited per session and per IP when they come over HTTP (pages and API);
 * callers without limits are the server's own (tests, jobs).
 */
const mutationLimit = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.limits && !ctx.limits.allow(ctx.meta.ip, ctx.auth?.session.id ?? null)) {
    throw new DomainError("TOO_MANY_REQUESTS", "errors.code.TOO_MANY_REQUESTS");
  }
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(mutationLimit).use(storableInput);

/**
 * Signed in. Every other rule (plan membership, consent, role in the municipality) is checked by
 * the service itself, so a procedure adds nothing its service does not check.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new DomainError("UNAUTHORIZED", "errors.code.UNAUTHORIZED");
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});
