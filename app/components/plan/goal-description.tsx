import { useTranslation } from "../../i18n/use-translation.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import type { GoalView, PlanView } from "../../lib/plan-types.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";

/** The goal's description: a shared text, written together by those who may change the plan. */
export function GoalDescription({ plan, goal, label, hint }: { plan: PlanView; goal: GoalView; label?: string; hint?: string }) {
  const { t } = useTranslation();
  const documentName = collabDocument.goalDescription(goal.id);
  return (
    <CollabEditor
      id={`goal-${goal.id}-description`}
      documentName={documentName}
      label={label ?? t("goal.field.description")}
      hint={hint}
      html={storedHtml(plan, documentName)}
      text={goal.description}
      canEdit={plan.access.canEditPlan}
      viewer={plan.viewer}
    />
  );
}
