import { protectedProcedure, publicProcedure, router } from "../trpc/trpc.ts";
import { changePassword, changePasswordInput, login, loginInput, logout } from "./service.ts";

export const authRouter = router({
  /** The signed-in person and their roles; UNAUTHORIZED (401) when nobody is signed in. */
  me: protectedProcedure.query(({ ctx }) => ctx.auth.user),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await login(ctx.db.prisma, input, ctx.meta);
    ctx.cookies.set(token, expiresAt);
    return { ok: true as const };
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.db.prisma, ctx.auth.user, ctx.auth.session.id, ctx.meta);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await changePassword(ctx.db.prisma, ctx.auth.user, input, ctx.meta);
    ctx.cookies.set(token, expiresAt);
    return { ok: true as const };
  }),
});
