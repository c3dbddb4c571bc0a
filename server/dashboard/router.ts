import { KE_ROLES } from "../auth/roles.ts";
import { roleProcedure, router } from "../trpc/trpc.ts";
import {
  askCoordinator,
  askCoordinatorInput,
  caseListInput,
  dashboardFilter,
  getDashboardOverview,
  listDashboardCases,
  listDashboardMeetings,
  listDashboardPlans,
  meetingListInput,
  planListInput,
} from "./service.ts";

// The coordinating unit and the administrator; unit leaders have their unit's coordinator load (unit.coordinatorLoad).
const dashboardProcedure = roleProcedure(...KE_ROLES, "ADMIN");

export const dashboardRouter = router({
  overview: dashboardProcedure.input(dashboardFilter).query(({ ctx, input }) => getDashboardOverview(ctx.db.prisma, ctx.auth.user, input)),
  plans: dashboardProcedure.input(planListInput).query(({ ctx, input }) => listDashboardPlans(ctx.db.prisma, ctx.auth.user, input)),
  askCoordinator: roleProcedure("KE_LEADER")
    .input(askCoordinatorInput)
    .mutation(({ ctx, input }) => askCoordinator(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  meetings: dashboardProcedure.input(meetingListInput).query(({ ctx, input }) => listDashboardMeetings(ctx.db.prisma, ctx.auth.user, input)),
  cases: dashboardProcedure.input(caseListInput).query(({ ctx, input }) => listDashboardCases(ctx.db.prisma, ctx.auth.user, input)),
});
