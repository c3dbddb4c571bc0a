import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import { archivesFrom, archivesOfPlan } from "../archive/service.ts";
import { viewOf } from "../assessments/service.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { meetingsOf, myPlanMeetingsOf } from "../meetings/read.ts";
import type { Policy, Scope } from "../records/policy.ts";
import { rolePolicy } from "../records/policy.ts";
import { planRows, read } from "../records/read.ts";
import { planPolicy, type PlanAccess } from "./access.ts";
import { documentsFrom, documentsOfPlan } from "./documents.ts";
import { OPEN_UNIT_NAMES, mayListUnitNames } from "../users/service.ts";
import { myPlans, peopleOfPlan, planView, planViewOf, planViewSelect, type MyPlan } from "./service.ts";

// The plan page's content in one read (decision 035): one policy check and one read row for
// what one look at the page shows, instead of five reads that each checked access and wrote a
// row of their own. Each part is exactly what its own procedure answers.

export const planPageInput = z.object({ planId: id });

/** What the plan page shows: the plan, its meetings, Kartlegging, documents and archive copies. */
export const PAGE_PARTS = ["plan", "meetings", "assessment", "documents", "archives"] as const;

export async function getPlanPage(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planPageInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.view", async (tx, { access }) => {
    const now = new Date();
    const byId = planViewSelect(now);
    // Documents, archive copies and, for those who may change the plan, the units to name a
    // measure's unit by: relations of the plan's read, not statements of their own (decision 054).
    const withUnits = access.canEditPlan && mayListUnitNames(actor);
    const rowRead = tx.plan.findUniqueOrThrow({
      where: { id: access.planId },
      select: {
        ...byId,
        documents: documentsOfPlan(access),
        archives: archivesOfPlan(access),
        municipality: { select: { ...byId.municipality.select, units: withUnits ? OPEN_UNIT_NAMES : false } },
      },
    });
    const planRead = rowRead.then(({ documents: _d, archives: _a, ...row }) => planViewOf(tx, actor, access, row, now));
    // Side by side, each on a connection of its own: a read has no transaction (decision 045).
    const [row, plan, meetings, assessment] = await Promise.all([
      rowRead,
      planRead,
      meetingsOf(tx, actor, access.planId),
      viewOf(tx, access, actor, planRead.then((p) => peopleOfPlan(p).names)),
    ]);
    const documents = documentsFrom(actor, access, row.documents);
    const archives = await archivesFrom(tx, access, row.archives);
    const units = withUnits ? row.municipality.units : null;
    return { result: { plan, meetings, assessment, documents, archives, units }, details: { parts: [...PAGE_PARTS] } };
  });
}

/** What "Min plan" shows of the plan it shows in full (decision 041). */
export const MY_PAGE_PARTS = ["plan", "meetings", "tasks", "assessment"] as const;

interface MyPlansScope extends Scope {
  plans: MyPlan[];
  /** The caller's access to the plan shown in full; null when they have no plan. */
  access: PlanAccess | null;
}

/**
 * "Min plan" is the service user's page (plan.mine's rule): their own plans, and the one shown
 * in full, the one not closed or else the newest, with the access planPolicy gives them in it.
 */
const myPlansPolicy: Policy<MyPlansScope> = {
  async resolve(tx, actor) {
    const own = await rolePolicy(["USER"]).resolve(tx, actor);
    const plans = await myPlans(tx, actor);
    const shown = plans.find((p) => p.status !== "CLOSED") ?? plans[0];
    if (!shown) return { ...own, plans, access: null };
    return { ...(await planPolicy(shown.id).resolve(tx, actor)), plans };
  },
};

/**
 * "Min plan" in one read (decision 041), as plan.page is for the plan page: the person's plans,
 * and for the one shown in full the plan, its meetings with the next one and the last minutes
 * in full, the caller's own tasks in it, and Kartlegging as the person sees it. One read row
 * per plan listed; the shown plan's names the parts and the meetings shown in full.
 */
export async function getMyPlanPage(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return read(prisma, actor, meta, myPlansPolicy, "plan.view", async (tx, { plans, access, planRole }) => {
    const shown = access ? await myPlanInFull(tx, actor, access) : null;
    const inFull = [shown?.meetings.next?.id, shown?.meetings.lastApproved?.id].filter((id): id is string => Boolean(id));
    const rows = planRows(plans.map((p) => p.id)).map((row) =>
      row.planId === access?.planId ? { ...row, planRole, details: { parts: [...MY_PAGE_PARTS], meetings: inFull } } : row,
    );
    return { result: { plans, shown }, rows };
  });
}

async function myPlanInFull(tx: Tx, actor: SessionUser, access: PlanAccess) {
  const planRead = planView(tx, actor, access);
  const names = planRead.then((p) => peopleOfPlan(p).names);
  const [plan, meetings, assessment] = await Promise.all([
    planRead,
    planRead.then(async (p) => myPlanMeetingsOf(tx, actor, access, { ownerName: p.owner.name, names: await names })),
    viewOf(tx, access, actor, names),
  ]);
  return { plan, meetings, assessment };
}
