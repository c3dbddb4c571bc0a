import { protectedProcedure, router } from "../trpc/trpc.ts";
import { codeListForAdmin, saveCodeList, saveCodeListInput } from "./codes.ts";
import { exportRegisterFields, registerExportInput } from "./register-export.ts";
import { assessmentForPlan, forPlanInput, giveOwnView, ownViewInput, recordAssessment, recordInput, tieGoal, tieGoalInput } from "./service.ts";

// Kartlegging (issue 15): who may do what is decided in the services.
export const assessmentRouter = router({
  forPlan: protectedProcedure.input(forPlanInput).query(({ ctx, input }) => assessmentForPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  record: protectedProcedure.input(recordInput).mutation(({ ctx, input }) => recordAssessment(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  ownView: protectedProcedure.input(ownViewInput).mutation(({ ctx, input }) => giveOwnView(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  tieGoal: protectedProcedure.input(tieGoalInput).mutation(({ ctx, input }) => tieGoal(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  codeList: protectedProcedure.query(({ ctx }) => codeListForAdmin(ctx.db.prisma, ctx.auth.user)),
  saveCodeList: protectedProcedure.input(saveCodeListInput).mutation(({ ctx, input }) => saveCodeList(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  /** The register's fields as a file (CSV or JSON): the KE leader only; audited. */
  registerExport: protectedProcedure.input(registerExportInput).query(({ ctx, input }) => exportRegisterFields(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
