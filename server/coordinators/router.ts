import { protectedProcedure, router } from "../trpc/trpc.ts";
import { assignCoordinator, assignCoordinatorInput, listCoordinatorCandidates, requestChangeInput, requestCoordinatorChange } from "./service.ts";

export const coordinatorRouter = router({
  assign: protectedProcedure.input(assignCoordinatorInput).mutation(({ ctx, input }) => assignCoordinator(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  candidates: protectedProcedure.query(({ ctx }) => listCoordinatorCandidates(ctx.db.prisma, ctx.auth.user)),
  requestChange: protectedProcedure
    .input(requestChangeInput)
    .mutation(({ ctx, input }) => requestCoordinatorChange(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
