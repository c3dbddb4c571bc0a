import { initTRPC } from "@trpc/server";
import type { Role } from "../db/generated/enums.ts";
import type { Context } from "./context.ts";
import { AppError, describeError } from "./errors.ts";

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
export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new AppError("UNAUTHORIZED", "errors.code.UNAUTHORIZED");
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** Signed in and holding at least one of `roles` in their municipality. */
export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!ctx.auth.user.roles.some((role) => roles.includes(role))) {
      throw new AppError("FORBIDDEN", "errors.code.FORBIDDEN");
    }
    return next();
  });
}
