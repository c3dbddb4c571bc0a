import { protectedProcedure, router } from "../trpc/trpc.ts";
import {
  addParticipant,
  addParticipantInput,
  grantConsent,
  grantConsentInput,
  updateParticipant,
  updateParticipantInput,
  withdrawConsent,
  withdrawConsentInput,
} from "./service.ts";

export const participantRouter = router({
  add: protectedProcedure.input(addParticipantInput).mutation(({ ctx, input }) => addParticipant(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure
    .input(updateParticipantInput)
    .mutation(({ ctx, input }) => updateParticipant(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const consentRouter = router({
  grant: protectedProcedure.input(grantConsentInput).mutation(({ ctx, input }) => grantConsent(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  withdraw: protectedProcedure
    .input(withdrawConsentInput)
    .mutation(({ ctx, input }) => withdrawConsent(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
