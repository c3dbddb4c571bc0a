import { protectedProcedure, publicProcedure, router } from "../trpc/trpc.ts";
import { listSignInProviders } from "./oidc/providers.ts";
import { changePassword, changePasswordInput, login, loginInput, logout } from "./service.ts";
import {
  confirmSecondFactor,
  pendingSecondFactor,
  renewRecoveryCodes,
  secondFactorCodeInput,
  signInSettings,
  verifySecondFactor,
} from "./second-factor.ts";

export const authRouter = router({
  /** The signed-in person and their roles; UNAUTHORIZED (401) when nobody is signed in. */
  me: protectedProcedure.query(({ ctx }) => ctx.auth.user),

  /**
   * A password sign-in: `{ ok: true }` with a session in the demo municipality; elsewhere
   * `{ secondFactor: "setup" | "code" }` and a pending sign-in's cookie for the second step.
   */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const outcome = await login(ctx.db.prisma, input, ctx.meta);
    if (outcome.kind === "pending") {
      ctx.pendingSignIn.set(outcome.token, outcome.expiresAt);
      return { secondFactor: outcome.step };
    }
    ctx.cookies.set(outcome.token, outcome.expiresAt);
    return { ok: true as const };
  }),

  /** The second step waiting in this browser: the key to set up (text, link, QR code) or the code form; null when none. */
  secondFactorPending: publicProcedure.query(({ ctx }) => pendingSecondFactor(ctx.db.prisma, ctx.pendingSignIn.token)),

  /** The first code from the new key: turns the second factor on, signs in, and shows the recovery codes once. */
  secondFactorConfirm: publicProcedure.input(secondFactorCodeInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, recoveryCodes, redirectTo } = await confirmSecondFactor(ctx.db.prisma, ctx.pendingSignIn.token, input, ctx.meta);
    ctx.pendingSignIn.clear();
    ctx.cookies.set(token, expiresAt);
    return { recoveryCodes, redirectTo };
  }),

  /** A code from the app or a recovery code (each once): signs in. */
  secondFactorVerify: publicProcedure.input(secondFactorCodeInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, redirectTo, byRecovery, recoveryCodesLeft } = await verifySecondFactor(ctx.db.prisma, ctx.pendingSignIn.token, input, ctx.meta);
    ctx.pendingSignIn.clear();
    ctx.cookies.set(token, expiresAt);
    return { ok: true as const, redirectTo, byRecovery, recoveryCodesLeft };
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    const { signOutUrl } = await logout(ctx.db.prisma, ctx.auth.user, ctx.auth.session.id, ctx.meta);
    ctx.cookies.clear();
    return { ok: true as const, signOutUrl };
  }),

  /** The identity providers shown on the sign-in page. */
  providers: publicProcedure.query(({ ctx }) => listSignInProviders(ctx.db.prisma)),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await changePassword(ctx.db.prisma, ctx.auth.user, input, ctx.meta);
    ctx.cookies.set(token, expiresAt);
    return { ok: true as const };
  }),

  /** How this person signs in: a password or not, and the second factor (for "Min konto"). */
  signInSettings: protectedProcedure.query(({ ctx }) => signInSettings(ctx.db.prisma, ctx.auth.user)),

  /** New recovery codes, shown once, for a current code from the app; the old ones stop working. */
  recoveryCodesRenew: protectedProcedure.input(secondFactorCodeInput).mutation(({ ctx, input }) => renewRecoveryCodes(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
