import { protectedProcedure, router } from "../trpc/trpc.ts";
import { auditExportInput, auditForPlanInput, exportPlanAudit, listPlanAudit } from "./service.ts";

export const auditRouter = router({
  forPlan: protectedProcedure.input(auditForPlanInput).query(({ ctx, input }) => listPlanAudit(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  /** For the portal's own download routes (CSV, PDF): the rows come as pages from an async generator. */
  exportForPlan: protectedProcedure.input(auditExportInput).query(({ ctx, input }) => exportPlanAudit(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
