import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import { archivesOf } from "../archive/service.ts";
import { viewOf } from "../assessments/service.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { meetingsOf, myPlanMeetingsOf } from "../meetings/read.ts";
import { read } from "../records/read.ts";
import { planPolicy } from "./access.ts";
import { documentsOf } from "./documents.ts";
import { peopleOfPlan, planView } from "./service.ts";

// The plan page's content in one read (decision 035): one policy check and one read row for
// what one look at the page shows, instead of five reads that each checked access and wrote a
// row of their own. Each part is exactly what its own procedure answers.

export const planPageInput = z.object({ planId: id });

/** What the plan page shows: the plan, its meetings, Kartlegging, documents and archive copies. */
export const PAGE_PARTS = ["plan", "meetings", "assessment", "documents", "archives"] as const;

export async function getPlanPage(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planPageInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.view", async (tx, { access }) => {
    // Side by side, each on a connection of its own: a read has no transaction (decision 045).
    const planRead = planView(tx, actor, access);
    const [plan, meetings, assessment, documents, archives] = await Promise.all([
      planRead,
      meetingsOf(tx, actor, access.planId),
      viewOf(tx, access, actor, planRead.then((p) => peopleOfPlan(p).names)),
      documentsOf(tx, actor, access),
      archivesOf(tx, access),
    ]);
    return { result: { plan, meetings, assessment, documents, archives }, details: { parts: [...PAGE_PARTS] } };
  });
}

/** What "Min plan" shows besides the list of the person's plans (decision 041). */
export const MY_PAGE_PARTS = ["plan", "meetings", "tasks", "assessment"] as const;

/**
 * "Min plan" in one read (decision 041), as plan.page is for the plan page: the plan, its
 * meetings with the next one and the last minutes in full, the caller's own tasks in it, and
 * Kartlegging as the person sees it. One read row names the parts and the meetings shown in full.
 */
export async function getMyPlanPage(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planPageInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.view", async (tx, { access }) => {
    const planRead = planView(tx, actor, access);
    const names = planRead.then((p) => peopleOfPlan(p).names);
    const [plan, meetings, assessment] = await Promise.all([
      planRead,
      planRead.then(async (p) => myPlanMeetingsOf(tx, actor, access, { ownerName: p.owner.name, names: await names })),
      viewOf(tx, access, actor, names),
    ]);
    const shown = [meetings.next?.id, meetings.lastApproved?.id].filter((id): id is string => Boolean(id));
    return { result: { plan, meetings, assessment }, details: { parts: [...MY_PAGE_PARTS], meetings: shown } };
  });
}
