import { protectedProcedure, router } from "../trpc/trpc.ts";
import { createProvider, createProviderInput, listProviders, updateProvider, updateProviderInput } from "./identity-providers.ts";
import { getSettings, updateSettings, updateSettingsInput } from "./settings.ts";

// The municipality's settings and identity providers: the administrator's, decided in the services.
export const municipalityRouter = router({
  settings: protectedProcedure.query(({ ctx }) => getSettings(ctx.db.prisma, ctx.auth.user)),
  updateSettings: protectedProcedure.input(updateSettingsInput).mutation(({ ctx, input }) => updateSettings(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const identityProviderRouter = router({
  list: protectedProcedure.query(({ ctx }) => listProviders(ctx.db.prisma, ctx.auth.user)),
  create: protectedProcedure.input(createProviderInput).mutation(({ ctx, input }) => createProvider(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateProviderInput).mutation(({ ctx, input }) => updateProvider(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
