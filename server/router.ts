import { authRouter } from "./auth/router.ts";
import { planRouter } from "./plans/router.ts";
import { createCallerFactory, router } from "./trpc/trpc.ts";
import { unitRouter, userRouter } from "./users/router.ts";

// The root router: joins the areas' routers. Areas never import each other's routers.
export const appRouter = router({
  auth: authRouter,
  plan: planRouter,
  user: userRouter,
  unit: unitRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;
