import { router } from "../trpc/trpc.ts";

// Kartlegging (issue 15): who may do what is decided in the services.
export const assessmentRouter = router({});
