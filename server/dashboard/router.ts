import { protectedProcedure, router } from "../trpc/trpc.ts";
import {
  caseListInput,
  dashboardFilter,
  getDashboardOverview,
  listDashboardCases,
  listDashboardMeasures,
  listDashboardMeetings,
  listDashboardPlans,
  measureListInput,
  meetingListInput,
  planListInput,
} from "./service.ts";
import { getUnitOverview, unitOverviewInput } from "./unit.ts";
import { getDashboardTrends } from "./trends.ts";
import { getAssessmentFigures } from "./assessments.ts";

// Who may read the dashboard is decided in the service (questions to coordinators: question.*).
export const dashboardRouter = router({
  overview: protectedProcedure.input(dashboardFilter).query(({ ctx, input }) => getDashboardOverview(ctx.db.prisma, ctx.auth.user, input)),
  plans: protectedProcedure.input(planListInput).query(({ ctx, input }) => listDashboardPlans(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  meetings: protectedProcedure.input(meetingListInput).query(({ ctx, input }) => listDashboardMeetings(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  cases: protectedProcedure.input(caseListInput).query(({ ctx, input }) => listDashboardCases(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  measures: protectedProcedure.input(measureListInput).query(({ ctx, input }) => listDashboardMeasures(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  /** The unit leader's page (and the coordinating unit's look at one unit). */
  unit: protectedProcedure.input(unitOverviewInput).query(({ ctx, input }) => getUnitOverview(ctx.db.prisma, ctx.auth.user, input)),
  trends: protectedProcedure.input(dashboardFilter).query(({ ctx, input }) => getDashboardTrends(ctx.db.prisma, ctx.auth.user, input)),
  /** Kartlegging's figures (issue 15): the coordinating unit's, and a unit leader's for their unit. */
  assessments: protectedProcedure.input(dashboardFilter).query(({ ctx, input }) => getAssessmentFigures(ctx.db.prisma, ctx.auth.user, input)),
});
