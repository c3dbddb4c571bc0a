import { protectedProcedure, router } from "../trpc/trpc.ts";
import { listTemplates, templateByType, templateByTypeInput, updateTemplate, updateTemplateInput } from "./templates.ts";

// The plan types' templates: the administrator edits them; staff and the coordinating unit read
// them. A plan's own template comes with the plan (plan.byId). Decided in server/plans/templates.ts.
export const planTemplateRouter = router({
  list: protectedProcedure.query(({ ctx }) => listTemplates(ctx.db.prisma, ctx.auth.user)),
  byType: protectedProcedure.input(templateByTypeInput).query(({ ctx, input }) => templateByType(ctx.db.prisma, ctx.auth.user, input)),
  update: protectedProcedure.input(updateTemplateInput).mutation(({ ctx, input }) => updateTemplate(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
