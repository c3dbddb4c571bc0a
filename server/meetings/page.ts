import type { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { planView } from "../plans/service.ts";
import { read } from "../records/read.ts";
import { isOpen, meetingPolicy } from "./access.ts";
import { meetingView } from "./read.ts";
import type { meetingReadInput } from "./schemas.ts";

/** What the meeting page shows: the meeting, and the plan for what is decided in it. */
export const MEETING_PAGE_PARTS = ["meeting", "plan"] as const;

/**
 * The meeting page in one read (decision 043), as plan.page is for the plan page: the meeting
 * as meeting.byId answers it and, for those who may change the plan while the meeting is open,
 * the plan as plan.byId answers it (its goals, measures and people, for what is decided in the
 * meeting). One read row, "meeting.view", names the parts shown.
 */
export async function getMeetingPage(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof meetingReadInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, meetingPolicy(input.meetingId), "meeting.view", async (tx, { access }) => {
    const [meeting, plan] = await Promise.all([
      meetingView(tx, access),
      access.member && access.canEdit && isOpen(access.meeting) ? planView(tx, actor, access.member) : null,
    ]);
    const parts = plan ? [...MEETING_PAGE_PARTS] : ["meeting"];
    return { result: { meeting, plan }, details: access.member ? { parts } : { as: "guest", parts } };
  });
}
