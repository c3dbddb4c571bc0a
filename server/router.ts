import { assessmentRouter } from "./assessments/router.ts";
import { auditRouter } from "./audit/router.ts";
import { authRouter } from "./auth/router.ts";
import { caseRouter } from "./cases/router.ts";
import { caseTypeRouter } from "./cases/settings-router.ts";
import { coordinatorRouter } from "./coordinators/router.ts";
import { dashboardRouter } from "./dashboard/router.ts";
import { notificationRouter } from "./notifications/router.ts";
import { evaluationRouter, goalRouter, measureRouter } from "./goals/router.ts";
import { meetingRouter, taskRouter } from "./meetings/router.ts";
import { identityProviderRouter, municipalityRouter } from "./municipality/router.ts";
import { consentRouter, participantRouter } from "./participants/router.ts";
import { planDocumentRouter } from "./plans/documents-router.ts";
import { commentRouter, logRouter, planRouter, questionRouter, serviceRouter } from "./plans/router.ts";
import { planTemplateRouter } from "./plans/templates-router.ts";
import { searchRouter } from "./search/router.ts";
import { createCallerFactory, router } from "./trpc/trpc.ts";
import { unitRouter, userRouter } from "./users/router.ts";

// The root router: joins the areas' routers. Areas never import each other's routers.
export const appRouter = router({
  auth: authRouter,
  plan: planRouter,
  planDocument: planDocumentRouter,
  goal: goalRouter,
  measure: measureRouter,
  evaluation: evaluationRouter,
  participant: participantRouter,
  consent: consentRouter,
  coordinator: coordinatorRouter,
  log: logRouter,
  comment: commentRouter,
  service: serviceRouter,
  audit: auditRouter,
  case: caseRouter,
  caseType: caseTypeRouter,
  dashboard: dashboardRouter,
  question: questionRouter,
  notification: notificationRouter,
  meeting: meetingRouter,
  task: taskRouter,
  user: userRouter,
  unit: unitRouter,
  municipality: municipalityRouter,
  identityProvider: identityProviderRouter,
  search: searchRouter,
  planTemplate: planTemplateRouter,
  assessment: assessmentRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;
