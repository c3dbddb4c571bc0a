import { protectedProcedure, router } from "../trpc/trpc.ts";
import {
  addParticipant,
  addParticipantInput,
  candidatesInput,
  findParticipantCandidates,
  grantConsent,
  grantConsentInput,
  updateParticipant,
  updateParticipantInput,
  withdrawConsent,
  withdrawConsentInput,
} from "./service.ts";

export const participantRouter = router({
  candidates: protectedProcedure.input(candidatesInput).query(({ ctx, input }) => findParticipantCandidates(ctx.db.prisma, ctx.auth.user, input)),
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
