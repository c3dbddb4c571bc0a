import { protectedProcedure, router } from "../trpc/trpc.ts";
import { searchInPlanInput, searchInput } from "./query.ts";
import { searchCases, searchInPlan, searchPlans } from "./service.ts";

// Search (docs/decisions/026): the services decide who finds what; the router only says "signed in".
export const searchRouter = router({
  plans: protectedProcedure.input(searchInput).query(({ ctx, input }) => searchPlans(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  cases: protectedProcedure.input(searchInput).query(({ ctx, input }) => searchCases(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  inPlan: protectedProcedure.input(searchInPlanInput).query(({ ctx, input }) => searchInPlan(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
