import { protectedProcedure, router } from "../trpc/trpc.ts";
import { closePlan, closePlanInput, reopenPlan, reopenPlanInput } from "./lifecycle.ts";
import {
  addService,
  addServiceInput,
  createComment,
  createCommentInput,
  createLogEntry,
  createLogInput,
  getMunicipalityPlanStats,
  getMyPlans,
  getPlan,
  getPlanInput,
  listPlans,
  planListInput,
  removeService,
  removeServiceInput,
  updatePlan,
  updatePlanInput,
} from "./service.ts";
import { statePurpose, statePurposeInput } from "./purpose.ts";
import { askQuestion, askQuestionInput, listQuestions, questionsInput, replyInput, replyToQuestion } from "./questions.ts";

export const planRouter = router({
  list: protectedProcedure.input(planListInput).query(({ ctx, input }) => listPlans(ctx.db.prisma, ctx.auth.user, ctx.meta, input)),
  mine: protectedProcedure.query(({ ctx }) => getMyPlans(ctx.db.prisma, ctx.auth.user, ctx.meta)),
  stats: protectedProcedure.query(({ ctx }) => getMunicipalityPlanStats(ctx.db.prisma, ctx.auth.user)),
  statePurpose: protectedProcedure.input(statePurposeInput).mutation(({ ctx, input }) => statePurpose(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  byId: protectedProcedure.input(getPlanInput).query(({ ctx, input }) => getPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updatePlanInput).mutation(({ ctx, input }) => updatePlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  close: protectedProcedure.input(closePlanInput).mutation(({ ctx, input }) => closePlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reopen: protectedProcedure.input(reopenPlanInput).mutation(({ ctx, input }) => reopenPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const logRouter = router({
  create: protectedProcedure.input(createLogInput).mutation(({ ctx, input }) => createLogEntry(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const commentRouter = router({
  create: protectedProcedure.input(createCommentInput).mutation(({ ctx, input }) => createComment(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const serviceRouter = router({
  add: protectedProcedure.input(addServiceInput).mutation(({ ctx, input }) => addService(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  remove: protectedProcedure.input(removeServiceInput).mutation(({ ctx, input }) => removeService(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

// The coordinating unit's questions to a plan's coordinator: who may is decided in the service.
export const questionRouter = router({
  ask: protectedProcedure.input(askQuestionInput).mutation(({ ctx, input }) => askQuestion(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  forPlan: protectedProcedure.input(questionsInput).query(({ ctx, input }) => listQuestions(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reply: protectedProcedure.input(replyInput).mutation(({ ctx, input }) => replyToQuestion(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
