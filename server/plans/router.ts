import { protectedProcedure, router } from "../trpc/trpc.ts";
import { closePlan, closePlanInput, reopenPlan, reopenPlanInput } from "./lifecycle.ts";
import { archiveFileInput, archivePlan, archivePlanInput, getArchiveFile, listPlanArchives, planArchivesInput } from "../archive/service.ts";
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
  updatePlan,
  updatePlanInput,
} from "./service.ts";
import { getMyPlanPage, getPlanPage, planPageInput } from "./page.ts";
import { statePurpose, statePurposeInput } from "./purpose.ts";
import { removalProcedures } from "./removal-procedures.ts";
import { deletedItemsInput, listDeletedItems } from "./removal.ts";
import { askQuestion, askQuestionInput, listQuestions, questionsInput, replyInput, replyToQuestion } from "./questions.ts";

export const planRouter = router({
  list: protectedProcedure.input(planListInput).query(({ ctx, input }) => listPlans(ctx.db.prisma, ctx.auth.user, ctx.meta, input)),
  mine: protectedProcedure.query(({ ctx }) => getMyPlans(ctx.db.prisma, ctx.auth.user, ctx.meta)),
  stats: protectedProcedure.query(({ ctx }) => getMunicipalityPlanStats(ctx.db.prisma, ctx.auth.user)),
  statePurpose: protectedProcedure.input(statePurposeInput).mutation(({ ctx, input }) => statePurpose(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  byId: protectedProcedure.input(getPlanInput).query(({ ctx, input }) => getPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  // The plan page's content in one read (decision 035).
  page: protectedProcedure.input(planPageInput).query(({ ctx, input }) => getPlanPage(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  // "Min plan" in one read (decision 041).
  myPage: protectedProcedure.query(({ ctx }) => getMyPlanPage(ctx.db.prisma, ctx.auth.user, ctx.meta)),
  update: protectedProcedure.input(updatePlanInput).mutation(({ ctx, input }) => updatePlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  close: protectedProcedure.input(closePlanInput).mutation(({ ctx, input }) => closePlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reopen: protectedProcedure.input(reopenPlanInput).mutation(({ ctx, input }) => reopenPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  // Archive copies (server/archive, docs/decisions/027).
  archive: protectedProcedure.input(archivePlanInput).mutation(({ ctx, input }) => archivePlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  archives: protectedProcedure.input(planArchivesInput).query(({ ctx, input }) => listPlanArchives(ctx.db.prisma, ctx.auth.user, input)),
  archivePdf: protectedProcedure.input(archiveFileInput).query(({ ctx, input }) => getArchiveFile(ctx.db.prisma, ctx.auth.user, { ...input, file: "pdf" }, ctx.meta)),
  archivePackage: protectedProcedure.input(archiveFileInput).query(({ ctx, input }) => getArchiveFile(ctx.db.prisma, ctx.auth.user, { ...input, file: "package" }, ctx.meta)),
  deleted: protectedProcedure.input(deletedItemsInput).query(({ ctx, input }) => listDeletedItems(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const logRouter = router({
  create: protectedProcedure.input(createLogInput).mutation(({ ctx, input }) => createLogEntry(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ...removalProcedures("log"),
});

export const commentRouter = router({
  create: protectedProcedure.input(createCommentInput).mutation(({ ctx, input }) => createComment(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ...removalProcedures("comment"),
});

export const serviceRouter = router({
  add: protectedProcedure.input(addServiceInput).mutation(({ ctx, input }) => addService(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ...removalProcedures("service"),
});

// The coordinating unit's questions to a plan's coordinator: who may is decided in the service.
export const questionRouter = router({
  ask: protectedProcedure.input(askQuestionInput).mutation(({ ctx, input }) => askQuestion(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  forPlan: protectedProcedure.input(questionsInput).query(({ ctx, input }) => listQuestions(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reply: protectedProcedure.input(replyInput).mutation(({ ctx, input }) => replyToQuestion(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
