import { removalProcedures } from "../plans/removal-procedures.ts";
import { protectedProcedure, router } from "../trpc/trpc.ts";
import { reorderGoal, reorderGoalInput, reorderMeasure, reorderMeasureInput } from "./order.ts";
import {
  createEvaluation,
  createEvaluationInput,
  createGoal,
  createGoalInput,
  createMeasure,
  createMeasureInput,
  listMyMeasures,
  updateGoal,
  updateGoalInput,
  updateMeasure,
  updateMeasureInput,
} from "./service.ts";

export const goalRouter = router({
  create: protectedProcedure.input(createGoalInput).mutation(({ ctx, input }) => createGoal(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateGoalInput).mutation(({ ctx, input }) => updateGoal(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reorder: protectedProcedure.input(reorderGoalInput).mutation(({ ctx, input }) => reorderGoal(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ...removalProcedures("goal"),
});

export const measureRouter = router({
  create: protectedProcedure.input(createMeasureInput).mutation(({ ctx, input }) => createMeasure(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateMeasureInput).mutation(({ ctx, input }) => updateMeasure(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reorder: protectedProcedure.input(reorderMeasureInput).mutation(({ ctx, input }) => reorderMeasure(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ...removalProcedures("measure"),
  mine: protectedProcedure.query(({ ctx }) => listMyMeasures(ctx.db.prisma, ctx.auth.user, ctx.meta)),
});

export const evaluationRouter = router({
  create: protectedProcedure
    .input(createEvaluationInput)
    .mutation(({ ctx, input }) => createEvaluation(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
