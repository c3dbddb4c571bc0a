import { KE_ROLES } from "../auth/roles.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc/trpc.ts";
import {
  assignCoordinator,
  assignCoordinatorInput,
  listCoordinatorCandidates,
  requestChangeInput,
  requestCoordinatorChange,
} from "./service.ts";

export const coordinatorRouter = router({
  assign: roleProcedure(...KE_ROLES, "UNIT_LEADER")
    .input(assignCoordinatorInput)
    .mutation(({ ctx, input }) => assignCoordinator(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  candidates: roleProcedure(...KE_ROLES, "UNIT_LEADER").query(({ ctx }) => listCoordinatorCandidates(ctx.db.prisma, ctx.auth.user)),
  requestChange: protectedProcedure
    .input(requestChangeInput)
    .mutation(({ ctx, input }) => requestCoordinatorChange(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
