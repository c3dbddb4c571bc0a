import type { z } from "zod";
import { isUserSide } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { applyVersioned, assertCurrentVersion } from "../plans/versioned.ts";
import { write } from "../records/write.ts";
import { meetingPolicy, meetingPolicyOf } from "./access.ts";
import type { addAgendaItemInput, agendaItemIdInput, reorderAgendaInput, updateAgendaItemInput } from "./schemas.ts";

// The agenda after the meeting is planned: "Dette vil jeg snakke om" from the user's side,
// points from the group, edits, removal and order. People who may only add points change only
// their own.

export async function addAgendaItem(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof addAgendaItemInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.canAddAgendaPoint, { requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.agenda.add", async (tx, { planRole }) => {
    const last = await tx.agendaItem.aggregate({ where: { meetingId: input.meetingId }, _max: { sortOrder: true } });
    const item = await tx.agendaItem.create({
      data: {
        meetingId: input.meetingId,
        kind: isUserSide(planRole) ? "USER_POINT" : "OTHER",
        title: input.title,
        note: input.note ?? "",
        sortOrder: (last._max.sortOrder ?? -1) + 1,
        addedById: actor.id,
      },
    });
    return { result: item, target: { type: "agendaItem", id: item.id }, details: { kind: item.kind } };
  });
}

const agendaItemPolicy = (itemId: string, allowed: Parameters<typeof meetingPolicyOf>[1]) =>
  meetingPolicyOf(
    async (tx, actor) => (await tx.agendaItem.findFirst({ where: { id: itemId, meeting: { municipalityId: actor.municipalityId } }, select: { meetingId: true } }))?.meetingId,
    allowed,
    { requireOpen: true },
  );

/** People who may only add points change their own points; input the agenda was built from is the group's to change. */
async function ownOrEditable(tx: Tx, itemId: string, actor: SessionUser, canEdit: boolean) {
  const item = await tx.agendaItem.findUniqueOrThrow({ where: { id: itemId } });
  const ownPoint = item.addedById === actor.id && (item.kind === "USER_POINT" || item.kind === "OTHER");
  if (!canEdit && !ownPoint) throw new DomainError("FORBIDDEN", "meeting.agendaOwnItemsOnly");
  return item;
}

export async function updateAgendaItem(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateAgendaItemInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, agendaItemPolicy(input.itemId, (a) => a.canAddAgendaPoint), "meeting.agenda.update", async (tx, { access }) => {
    const item = await ownOrEditable(tx, input.itemId, actor, access.canEdit);
    assertCurrentVersion(item, input.version);
    await applyVersioned(
      tx.agendaItem.updateMany({ where: { id: item.id, version: input.version }, data: { ...input.changes, version: { increment: 1 } } }),
      () => tx.agendaItem.findUnique({ where: { id: item.id } }),
    );
    const updated = await tx.agendaItem.findUniqueOrThrow({ where: { id: item.id } });
    return { result: updated, target: { type: "agendaItem", id: item.id }, details: { fields: Object.keys(input.changes) } };
  });
}

export async function removeAgendaItem(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof agendaItemIdInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, agendaItemPolicy(input.itemId, (a) => a.canAddAgendaPoint), "meeting.agenda.remove", async (tx, { access }) => {
    const item = await ownOrEditable(tx, input.itemId, actor, access.canEdit);
    await tx.agendaItem.delete({ where: { id: item.id } });
    return { result: { ok: true as const }, target: { type: "agendaItem", id: item.id } };
  });
}

export async function reorderAgenda(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof reorderAgendaInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, meetingPolicy(input.meetingId, (a) => a.canEdit, { requireOpen: true }), "meeting.agenda.reorder", async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId: input.meetingId }, select: { id: true } });
    const wanted = new Set(input.itemIds);
    if (wanted.size !== input.itemIds.length || wanted.size !== items.length || items.some((i) => !wanted.has(i.id))) {
      throw new DomainError("BAD_REQUEST", "meeting.agendaOrderMismatch");
    }
    for (const [index, itemId] of input.itemIds.entries()) {
      await tx.agendaItem.update({ where: { id: itemId }, data: { sortOrder: index, version: { increment: 1 } } });
    }
    return { result: { ok: true as const } };
  });
}
