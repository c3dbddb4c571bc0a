import { protectedProcedure, router } from "../trpc/trpc.ts";
import { listCaseSettings, updateCaseSetting, updateCaseSettingInput } from "./settings.ts";

// Deadlines per case type: the administrator sets them; the coordinating unit may read them.
export const caseTypeRouter = router({
  list: protectedProcedure.query(({ ctx }) => listCaseSettings(ctx.db.prisma, ctx.auth.user)),
  update: protectedProcedure.input(updateCaseSettingInput).mutation(({ ctx, input }) => updateCaseSetting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
