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
import { acceptInvitation, getInvitation, invitationTokenInput, inviteParticipant, inviteParticipantInput } from "./invitations.ts";

export const participantRouter = router({
  candidates: protectedProcedure.input(candidatesInput).query(({ ctx, input }) => findParticipantCandidates(ctx.db.prisma, ctx.auth.user, input)),
  add: protectedProcedure.input(addParticipantInput).mutation(({ ctx, input }) => addParticipant(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure
    .input(updateParticipantInput)
    .mutation(({ ctx, input }) => updateParticipant(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  /** A one-time link (7 days) for a participant from outside the municipality, by e-mail when set up. */
  invite: protectedProcedure.input(inviteParticipantInput).mutation(({ ctx, input }) => inviteParticipant(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  /** What the invitation page shows: the municipality and whether the link can still be used. */
  invitation: protectedProcedure.input(invitationTokenInput).query(({ ctx, input }) => getInvitation(ctx.db.prisma, ctx.auth.user, input)),
  acceptInvite: protectedProcedure.input(invitationTokenInput).mutation(({ ctx, input }) => acceptInvitation(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const consentRouter = router({
  grant: protectedProcedure.input(grantConsentInput).mutation(({ ctx, input }) => grantConsent(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  withdraw: protectedProcedure
    .input(withdrawConsentInput)
    .mutation(({ ctx, input }) => withdrawConsent(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
