import { SaveOutcome } from "./shared.tsx";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { mergedValue, trueConflicts, type FormResult } from "../../lib/form-result.ts";
import type { GoalView, PlanView } from "../../lib/plan-types.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { AutosaveField } from "../autosave-field.tsx";

const FIELDS = ["ownView", "othersInput"] as const;

/** The goal card's two long texts ("how I see it", "what others say"), saved as they are written. */
export function GoalTexts({ plan, goal }: { plan: PlanView; goal: GoalView }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const formId = `goal-texts-${goal.id}`;
  const actionData = useActionData<FormResult>();
  const refused = actionData?.formId === formId && !actionData.ok ? actionData : undefined;
  const current = refused?.conflict ?? null;
  const saved = (field: (typeof FIELDS)[number]) => (current ? String(current[field] ?? "") : (goal[field] ?? ""));
  const clashes = refused && current ? trueConflicts(refused, Object.fromEntries(FIELDS.map((f) => [f, saved(f)])), [...FIELDS]) : [];
  return (
    <form method="post" className="stack goal-texts">
      <input type="hidden" name="intent" value="goal-texts" />
      <input type="hidden" name="planId" value={plan.id} />
      <input type="hidden" name="_formId" value={formId} />
      <input type="hidden" name="_anchor" value={`goal-${goal.id}`} />
      <input type="hidden" name="goalId" value={goal.id} />
      <input type="hidden" name="version" value={current ? Number(current.version) : goal.version} />
      {FIELDS.map((field) => (
        <input key={field} type="hidden" name={`_orig.${field}`} value={saved(field)} />
      ))}
      <SaveOutcome refusedMessage={refused?.message} conflict={Boolean(current)} clashes={clashes.length} />
      {FIELDS.map((field) => (
        <AutosaveField
          key={field}
          id={`goal-${goal.id}-${field}`}
          name={field}
          label={t(`goal.field.${field}`)}
          hint={t(`goal.hint.${field}`)}
          endpoint={`/planer/${plan.id}/lagre`}
          storageKey={`ip-utkast:${plan.id}:${plan.viewer.id}:goal:${goal.id}:${field}`}
          serverValue={goal[field] ?? ""}
          serverVersion={goal.version}
          payload={{ field, goalId: goal.id }}
          rows={3}
          fallback={
            refused?.values && current
              ? { mine: mergedValue(refused, field, saved(field)), theirs: saved(field), conflict: clashes.includes(field) }
              : null
          }
        />
      ))}
      {hydrated ? null : (
        <button type="submit" className="button-secondary">
          {t("goal.saveTexts")}
        </button>
      )}
    </form>
  );
}
