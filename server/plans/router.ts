import { KE_ROLES } from "../auth/roles.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc/trpc.ts";
import { getMunicipalityPlanStats, getMyPlans, listPlans } from "./service.ts";

export const planRouter = router({
  list: protectedProcedure.query(({ ctx }) => listPlans(ctx.db.prisma, ctx.auth.user)),
  mine: roleProcedure("USER").query(({ ctx }) => getMyPlans(ctx.db.prisma, ctx.auth.user, ctx.meta)),
  stats: roleProcedure(...KE_ROLES, "ADMIN").query(({ ctx }) => getMunicipalityPlanStats(ctx.db.prisma, ctx.auth.user)),
});
