import type { PlanRole } from "../../app/domain/schemas.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { Tx } from "../db/types.ts";
import { notFound } from "../errors.ts";
import { resolveMinutesAccess } from "../meetings/access.ts";
import { resolvePlanAccess } from "../plans/access.ts";
import type { DocumentName } from "./names.ts";

// Who may open a co-edited text, and whether they may write in it: the plan's own rules
// (server/plans/access.ts), applied to the row the text belongs to.

export interface DocumentAccess {
  planId: string;
  municipalityId: string;
  /** What the person is in the plan. */
  planRole: PlanRole;
  /** The coordinating unit's stated purpose, recorded with the opening. */
  purpose: string | null;
  canEdit: boolean;
  /** When the access ends by itself (a consent's end date), or null. */
  expiresAt: Date | null;
  /** The text as it stands in the entity's own column: how a document never opened starts. */
  columnText: string;
}

export async function resolveDocumentAccess(tx: Tx, actor: SessionUser, doc: DocumentName): Promise<DocumentAccess> {
  // The plan's own rules; the coordinating unit reads only with a purpose stated in this session.
  const access = (planId: string) => resolvePlanAccess(tx, actor, planId);
  const result = (a: Awaited<ReturnType<typeof access>>, canEdit: boolean, columnText: string): DocumentAccess => ({
    planId: a.planId,
    municipalityId: a.municipalityId,
    planRole: a.role,
    purpose: a.purpose,
    canEdit,
    expiresAt: a.expiresAt,
    columnText,
  });

  switch (doc.kind) {
    case "plan": {
      const plan = await tx.plan.findFirst({ where: { id: doc.id, municipalityId: actor.municipalityId }, select: { [doc.field]: true } });
      if (!plan) throw notFound();
      const a = await access(doc.id);
      // The user's own words: only the user and their representative write here.
      return result(a, a.canEditAbout, String((plan as Record<string, unknown>)[doc.field] ?? ""));
    }
    case "goal": {
      const goal = await tx.goal.findUnique({ where: { id: doc.id }, select: { planId: true, description: true, deletedAt: true } });
      if (!goal || goal.deletedAt) throw notFound();
      const a = await access(goal.planId);
      return result(a, a.canEditPlan, goal.description);
    }
    case "measure": {
      const measure = await tx.measure.findUnique({ where: { id: doc.id }, select: { planId: true, description: true, responsibleUserId: true, deletedAt: true } });
      if (!measure || measure.deletedAt) throw notFound();
      const a = await access(measure.planId);
      const own = a.canEditOwnMeasures && measure.responsibleUserId === actor.id;
      return result(a, a.canEditPlan || own, measure.description);
    }
    case "evaluation": {
      const evaluation = await tx.evaluation.findUnique({
        where: { id: doc.id },
        select: { planId: true, achieved: true, measure: { select: { responsibleUserId: true } } },
      });
      if (!evaluation) throw notFound();
      const a = await access(evaluation.planId);
      const own = a.canEditOwnMeasures && evaluation.measure?.responsibleUserId === actor.id;
      return result(a, a.canEditPlan || own, evaluation.achieved);
    }
    case "meeting": {
      // Minutes: the meetings area decides (locked once approved or cancelled).
      const minutes = await resolveMinutesAccess(tx, actor, doc.id);
      const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: doc.id }, select: { minutesText: true } });
      return { ...minutes, columnText: meeting.minutesText ?? "" };
    }
  }
}
