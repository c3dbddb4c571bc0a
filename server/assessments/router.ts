import { protectedProcedure, router } from "../trpc/trpc.ts";
import { codeListForAdmin, saveCodeList, saveCodeListInput } from "./codes.ts";

// Kartlegging (issue 15): who may do what is decided in the services.
export const assessmentRouter = router({
  codeList: protectedProcedure.query(({ ctx }) => codeListForAdmin(ctx.db.prisma, ctx.auth.user)),
  saveCodeList: protectedProcedure.input(saveCodeListInput).mutation(({ ctx, input }) => saveCodeList(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
