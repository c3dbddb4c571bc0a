import type { SerializeFrom } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

// The plan's Kartlegging as the pages receive it (assessment.forPlan; issue 15). Types only.
export type AssessmentView = SerializeFrom<Awaited<ReturnType<Caller["assessment"]["forPlan"]>>>;
