import { z } from "zod";
import { id, RESTORE_DAYS } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, requireRight } from "../errors.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { planPolicy, planPolicyOf, type PlanAccess } from "./access.ts";
import { shortText } from "./schemas.ts";

// Deleting plan content (docs/decisions/029): a soft delete with who, when and why. The row is
// left out of every list and count (each read filters `deletedAt: null`), the audit row names
// it, and the coordinator can restore it for RESTORE_DAYS. A goal takes its sub-goals and
// measures with it, stamped with the same moment, so restoring it brings back exactly those.

export const DELETABLE_KINDS = ["goal", "measure", "service", "log", "comment"] as const;
export type DeletableKind = (typeof DELETABLE_KINDS)[number];

export const deleteInput = z.object({ id, reason: shortText(500) });
export const restoreInput = z.object({ id });

interface Row {
  planId: string;
  deletedAt: Date | null;
  authorId?: string;
}

/** Each kind's row, found in the caller's municipality, deleted or not. */
const findRow: Record<DeletableKind, (tx: Tx, rowId: string, municipalityId: string) => Promise<Row | null>> = {
  goal: (tx, rowId, municipalityId) => tx.goal.findFirst({ where: { id: rowId, plan: { municipalityId } }, select: { planId: true, deletedAt: true } }),
  measure: (tx, rowId, municipalityId) => tx.measure.findFirst({ where: { id: rowId, plan: { municipalityId } }, select: { planId: true, deletedAt: true } }),
  service: (tx, rowId, municipalityId) => tx.planService.findFirst({ where: { id: rowId, plan: { municipalityId } }, select: { planId: true, deletedAt: true } }),
  log: (tx, rowId, municipalityId) => tx.logEntry.findFirst({ where: { id: rowId, plan: { municipalityId } }, select: { planId: true, deletedAt: true, authorId: true } }),
  comment: (tx, rowId, municipalityId) => tx.planComment.findFirst({ where: { id: rowId, plan: { municipalityId } }, select: { planId: true, deletedAt: true, authorId: true } }),
};

/**
 * Who may delete: goals, measures and services with the right to change the plan; log entries
 * by their author or with that right; comments by their author only.
 */
function mayDelete(kind: DeletableKind, access: PlanAccess, row: Row, actorId: string): boolean {
  if (kind === "comment") return access.canComment && row.authorId === actorId;
  if (kind === "log") return access.canEditPlan || (access.canComment && row.authorId === actorId);
  return access.canEditPlan;
}

const mayDeleteAtAll = (kind: DeletableKind) => (a: PlanAccess) => (kind === "comment" || kind === "log" ? a.canComment : a.canEditPlan);

const stamp = (at: Date, actorId: string, reason: string) => ({ deletedAt: at, deletedById: actorId, deletedReason: reason });
const cleared = { deletedAt: null, deletedById: null, deletedReason: null };

/** The goal and its sub-goals: the ids a goal's delete or restore reaches. */
async function goalFamily(tx: Tx, goalId: string, deletedAt: Date | null): Promise<string[]> {
  const subGoals = await tx.goal.findMany({ where: { parentId: goalId, deletedAt }, select: { id: true } });
  return [goalId, ...subGoals.map((g) => g.id)];
}

export async function deleteItem(prisma: PrismaClient, actor: SessionUser, kind: DeletableKind, input: z.infer<typeof deleteInput>, meta: RequestMeta) {
  let row: Row | null = null;
  const policy = planPolicyOf(async (tx) => {
    row = await findRow[kind](tx, input.id, actor.municipalityId);
    return row && !row.deletedAt ? row.planId : null;
  }, mayDeleteAtAll(kind));
  return write(prisma, actor, meta, policy, `${kind}.delete`, async (tx, { access }) => {
    requireRight(mayDelete(kind, access, row!, actor.id));
    const at = new Date();
    const data = stamp(at, actor.id, input.reason);
    let alsoDeleted = 0;
    if (kind === "goal") {
      const goals = await goalFamily(tx, input.id, null);
      await tx.goal.updateMany({ where: { id: { in: goals }, deletedAt: null }, data });
      alsoDeleted = goals.length - 1 + (await tx.measure.updateMany({ where: { goalId: { in: goals }, deletedAt: null }, data })).count;
    } else if (kind === "measure") await tx.measure.updateMany({ where: { id: input.id, deletedAt: null }, data });
    else if (kind === "service") await tx.planService.updateMany({ where: { id: input.id, deletedAt: null }, data });
    else if (kind === "log") await tx.logEntry.updateMany({ where: { id: input.id, deletedAt: null }, data });
    else await tx.planComment.updateMany({ where: { id: input.id, deletedAt: null }, data });
    return { result: { ok: true as const, deletedAt: at }, target: { type: kind, id: input.id }, details: { alsoDeleted } };
  });
}

export async function restoreItem(prisma: PrismaClient, actor: SessionUser, kind: DeletableKind, input: z.infer<typeof restoreInput>, meta: RequestMeta) {
  let row: Row | null = null;
  // Only the coordinator restores: they keep the plan in order.
  const policy = planPolicyOf(
    async (tx) => {
      row = await findRow[kind](tx, input.id, actor.municipalityId);
      return row?.planId;
    },
    (a) => a.role === "COORDINATOR" && a.canEditPlan,
  );
  return write(prisma, actor, meta, policy, `${kind}.restore`, async (tx) => {
    const deletedAt = row!.deletedAt;
    if (!deletedAt) throw new DomainError("CONFLICT", "removal.notDeleted");
    if (Date.now() - deletedAt.getTime() > RESTORE_DAYS * 86_400_000) throw new DomainError("CONFLICT", "removal.tooOld");
    if (kind === "goal") {
      const goal = await tx.goal.findUniqueOrThrow({ where: { id: input.id }, select: { parent: { select: { deletedAt: true } } } });
      if (goal.parent?.deletedAt) throw new DomainError("CONFLICT", "removal.parentDeleted");
      const goals = await goalFamily(tx, input.id, deletedAt);
      await tx.goal.updateMany({ where: { id: { in: goals }, deletedAt }, data: cleared });
      await tx.measure.updateMany({ where: { goalId: { in: goals }, deletedAt }, data: cleared });
    } else if (kind === "measure") {
      const measure = await tx.measure.findUniqueOrThrow({ where: { id: input.id }, select: { goal: { select: { deletedAt: true } } } });
      if (measure.goal.deletedAt) throw new DomainError("CONFLICT", "removal.parentDeleted");
      await tx.measure.update({ where: { id: input.id }, data: cleared });
    } else if (kind === "service") await tx.planService.update({ where: { id: input.id }, data: cleared });
    else if (kind === "log") await tx.logEntry.update({ where: { id: input.id }, data: cleared });
    else await tx.planComment.update({ where: { id: input.id }, data: cleared });
    return { result: { ok: true as const }, target: { type: kind, id: input.id } };
  });
}

export const deletedItemsInput = z.object({ planId: id });

/**
 * What was deleted in the plan in the last RESTORE_DAYS, newest first: the plan's members see
 * what went and why (it is plan content, so the look is recorded); the coordinator restores.
 */
export async function listDeletedItems(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof deletedItemsInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.deleted.view", async (tx, { access }) => {
    const since = new Date(Date.now() - RESTORE_DAYS * 86_400_000);
    const where = { planId: input.planId, deletedAt: { gte: since } };
    const select = { id: true, deletedAt: true, deletedById: true, deletedReason: true } as const;
    const [goals, measures, services, logs, comments] = await Promise.all([
      tx.goal.findMany({ where, select: { ...select, title: true, parent: { select: { deletedAt: true } } } }),
      tx.measure.findMany({ where, select: { ...select, title: true, goal: { select: { deletedAt: true } } } }),
      tx.planService.findMany({ where, select: { ...select, name: true } }),
      tx.logEntry.findMany({ where, select: { ...select, body: true } }),
      tx.planComment.findMany({ where, select: { ...select, body: true } }),
    ]);
    // A sub-goal or measure deleted with its goal comes back with it: list only the goal.
    const withParent = (own: Date | null, parent: Date | null | undefined) => !(parent && own && parent.getTime() === own.getTime());
    const items = [
      ...goals.filter((g) => withParent(g.deletedAt, g.parent?.deletedAt)).map((g) => ({ kind: "goal" as const, ...pick(g), label: g.title })),
      ...measures.filter((m) => withParent(m.deletedAt, m.goal.deletedAt)).map((m) => ({ kind: "measure" as const, ...pick(m), label: m.title })),
      ...services.map((s) => ({ kind: "service" as const, ...pick(s), label: s.name })),
      ...logs.map((l) => ({ kind: "log" as const, ...pick(l), label: l.body.slice(0, 200) })),
      ...comments.map((c) => ({ kind: "comment" as const, ...pick(c), label: c.body.slice(0, 200) })),
    ].sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
    const names = await tx.user.findMany({ where: { id: { in: [...new Set(items.map((i) => i.deletedById))] }, municipalityId: access.municipalityId }, select: { id: true, name: true } });
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const canRestore = access.role === "COORDINATOR" && access.canEditPlan;
    return {
      result: items.map((i) => ({ ...i, deletedByName: nameOf.get(i.deletedById) ?? "", restorableUntil: new Date(i.deletedAt.getTime() + RESTORE_DAYS * 86_400_000), canRestore })),
    };
  });
}

function pick(row: { id: string; deletedAt: Date | null; deletedById: string | null; deletedReason: string | null }) {
  return { id: row.id, deletedAt: row.deletedAt!, deletedById: row.deletedById ?? "", reason: row.deletedReason ?? "" };
}
