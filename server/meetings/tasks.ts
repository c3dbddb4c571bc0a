import type { z } from "zod";
import { formatDate } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, requireRight } from "../errors.ts";
import { translate } from "../i18n.ts";
import { planContentWhere } from "../plans/access.ts";
import { selfPolicy } from "../records/policy.ts";
import { planRows, read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { meetingPolicy, meetingPolicyOf } from "./access.ts";
import { loadGroup } from "./group.ts";
import type { completeTaskInput, createTaskInput } from "./schemas.ts";
import { shorten } from "../../app/domain/text.ts";

// Follow-up tasks decided in a meeting: who does what by when, and "Mine oppgaver".

export async function createTask(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof createTaskInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, meetingPolicy(input.meetingId, (a) => a.canEdit, { requireOpen: true }), "meeting.task.create", async (tx, { planId }) => {
    const group = await loadGroup(tx, planId);
    if (!group.withAccess.has(input.responsibleUserId)) throw new DomainError("BAD_REQUEST", "meeting.responsibleNotInGroup");
    const task = await tx.meetingTask.create({
      data: { meetingId: input.meetingId, planId, title: input.title, responsibleUserId: input.responsibleUserId, dueDate: input.dueDate, createdById: actor.id },
    });
    const name = group.people.find((p) => p.userId === input.responsibleUserId)?.name ?? "";
    await tx.meetingAction.create({
      data: {
        meetingId: input.meetingId,
        planId,
        kind: "task.create",
        targetType: "task",
        targetId: task.id,
        summary: shorten(translate("nb", "meeting.action.taskCreate", { title: task.title, name, due: formatDate(task.dueDate, "nb") }), 500),
        actorId: actor.id,
      },
    });
    return { result: task, target: { type: "task", id: task.id }, details: { taskId: task.id, responsibleUserId: task.responsibleUserId } };
  });
}

export async function completeTask(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof completeTaskInput>, meta: RequestMeta) {
  const meetingOfTask = async (tx: Tx) =>
    (await tx.meetingTask.findFirst({ where: { id: input.taskId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } }))?.meetingId;
  return write(prisma, actor, meta, meetingPolicyOf(meetingOfTask, (a) => a.canReadMinutes), "meeting.task.complete", async (tx, { access }) => {
    const task = await tx.meetingTask.findUniqueOrThrow({ where: { id: input.taskId } });
    requireRight(task.responsibleUserId === actor.id || access.canEdit, "meeting.taskNotYours");
    const { count } = await tx.meetingTask.updateMany({
      where: { id: task.id, status: "OPEN" },
      data: { status: "DONE", completedAt: new Date(), completedById: actor.id, version: { increment: 1 } },
    });
    if (!count) throw new DomainError("BAD_REQUEST", "meeting.taskAlreadyDone");
    const updated = await tx.meetingTask.findUniqueOrThrow({ where: { id: task.id } });
    return { result: updated, target: { type: "task", id: task.id } };
  });
}

/** "Mine oppgaver": open follow-up tasks the caller is responsible for, in plans they still see. Audited per plan. */
export async function listMyTasks(prisma: PrismaClient, actor: SessionUser, meta: RequestMeta) {
  return read(prisma, actor, meta, selfPolicy, "meeting.tasks.mine.view", async (tx) => {
    const visible = await tx.plan.findMany({ where: { ...planContentWhere(actor), status: { not: "CLOSED" } }, select: { id: true, owner: { select: { name: true } } } });
    const tasks = await myOpenTasks(tx, actor, new Map(visible.map((p) => [p.id, p.owner.name])));
    return { rows: planRows(tasks.map((t) => t.planId)), result: tasks };
  });
}

/**
 * The caller's open tasks in the given plans (plan id → its owner's name), as task.mine answers
 * them. The plans are ones the caller sees and that are not closed: the caller's read has decided.
 */
export async function myOpenTasks(tx: Tx, actor: SessionUser, ownerOf: Map<string, string>) {
  const tasks = await tx.meetingTask.findMany({
    where: { responsibleUserId: actor.id, status: "OPEN", meeting: { municipalityId: actor.municipalityId }, planId: { in: [...ownerOf.keys()] } },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true, dueDate: true, status: true, planId: true, meetingId: true, version: true, meeting: { select: { startsAt: true } } },
  });
  return tasks.map(({ meeting, ...t }) => ({ ...t, meetingStartsAt: meeting.startsAt, ownerName: ownerOf.get(t.planId) ?? "" }));
}
