import { protectedProcedure, router } from "../trpc/trpc.ts";
import { auditForPlanInput, listPlanAudit } from "./service.ts";

export const auditRouter = router({
  forPlan: protectedProcedure.input(auditForPlanInput).query(({ ctx, input }) => listPlanAudit(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
