import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { planPolicyOf } from "../plans/access.ts";
import { write } from "../records/write.ts";

// The order of goals (among their siblings) and of measures (within their goal), as the group
// chooses it: by dragging or with "Flytt opp"/"Flytt ned". A move names the item and the place it
// goes to; the siblings are numbered 0..n-1 again in the same transaction, so two moves at once
// each land whole and the order never has gaps or ties. A move changes no content, so it leaves
// the item's version (and anyone's open form) alone.

export const reorderGoalInput = z.object({ goalId: id, position: z.number().int().min(0).max(10_000) });
export const reorderMeasureInput = z.object({ measureId: id, position: z.number().int().min(0).max(10_000) });

/** Moves `itemId` to `position` in `ids` (clamped), returning the new order. */
export function moveTo(ids: string[], itemId: string, position: number): string[] {
  const rest = ids.filter((x) => x !== itemId);
  const at = Math.min(Math.max(position, 0), rest.length);
  return [...rest.slice(0, at), itemId, ...rest.slice(at)];
}

async function renumber(tx: Tx, table: "goal" | "measure", order: string[], current: Map<string, number>) {
  for (const [index, rowId] of order.entries()) {
    if (current.get(rowId) === index) continue;
    if (table === "goal") await tx.goal.update({ where: { id: rowId }, data: { sortOrder: index } });
    else await tx.measure.update({ where: { id: rowId }, data: { sortOrder: index } });
  }
}

export async function reorderGoal(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof reorderGoalInput>, meta: RequestMeta) {
  let parentId: string | null = null;
  const policy = planPolicyOf(async (tx) => {
    const goal = await tx.goal.findFirst({ where: { id: input.goalId, deletedAt: null, plan: { municipalityId: actor.municipalityId } }, select: { planId: true, parentId: true } });
    parentId = goal?.parentId ?? null;
    return goal?.planId;
  }, (a) => a.canEditPlan);
  return write(prisma, actor, meta, policy, "goal.reorder", async (tx, { planId }) => {
    const siblings = await tx.goal.findMany({
      where: { planId, parentId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
      select: { id: true, sortOrder: true },
    });
    const order = moveTo(siblings.map((g) => g.id), input.goalId, input.position);
    await renumber(tx, "goal", order, new Map(siblings.map((g) => [g.id, g.sortOrder])));
    return { result: { order }, target: { type: "goal", id: input.goalId }, details: { position: order.indexOf(input.goalId) } };
  });
}

export async function reorderMeasure(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof reorderMeasureInput>, meta: RequestMeta) {
  let goalId = "";
  const policy = planPolicyOf(async (tx) => {
    const measure = await tx.measure.findFirst({ where: { id: input.measureId, deletedAt: null, plan: { municipalityId: actor.municipalityId } }, select: { planId: true, goalId: true } });
    goalId = measure?.goalId ?? "";
    return measure?.planId;
  }, (a) => a.canEditPlan);
  return write(prisma, actor, meta, policy, "measure.reorder", async (tx) => {
    const siblings = await tx.measure.findMany({
      where: { goalId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
      select: { id: true, sortOrder: true },
    });
    const order = moveTo(siblings.map((m) => m.id), input.measureId, input.position);
    await renumber(tx, "measure", order, new Map(siblings.map((m) => [m.id, m.sortOrder])));
    return { result: { order }, target: { type: "measure", id: input.measureId }, details: { position: order.indexOf(input.measureId) } };
  });
}

/** A new goal or measure goes last among its siblings. */
export async function nextGoalPosition(tx: Tx, planId: string, parentId: string | null): Promise<number> {
  const last = await tx.goal.aggregate({ where: { planId, parentId, deletedAt: null }, _max: { sortOrder: true } });
  return (last._max.sortOrder ?? -1) + 1;
}

export async function nextMeasurePosition(tx: Tx, goalId: string): Promise<number> {
  const last = await tx.measure.aggregate({ where: { goalId, deletedAt: null }, _max: { sortOrder: true } });
  return (last._max.sortOrder ?? -1) + 1;
}
