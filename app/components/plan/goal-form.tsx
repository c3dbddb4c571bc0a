import { useTranslation } from "../../i18n/use-translation.ts";
import { ATTAINMENTS, GOAL_STATUSES } from "../../domain/lists.ts";
import { useLifeAreaOptions } from "../../hooks/use-plan-template.ts";
import { usePlanForm, type PlanForm } from "../../hooks/use-plan-form.ts";
import { dateValue } from "../../lib/form-values.ts";
import type { GoalView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { scoreOptions } from "./shared.tsx";

/** The edit form's fields. The description is not among them: it is a shared text (CollabEditor). */
export function goalValues(goal: Record<string, unknown>): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    lifeArea: s(goal.lifeArea),
    title: s(goal.title),
    status: s(goal.status),
    baselineScore: s(goal.baselineScore),
    targetScore: s(goal.targetScore),
    evaluationDate: dateValue(goal.evaluationDate as string | null),
    newScore: s(goal.newScore),
    attained: s(goal.attained),
  };
}

function useGoalLabels() {
  const { t } = useTranslation();
  return {
    lifeArea: t("goal.field.lifeArea"),
    title: t("goal.field.title"),
    description: t("goal.field.description"),
    status: t("goal.field.status"),
    baselineScore: t("goal.field.baselineScore"),
    targetScore: t("goal.field.targetScore"),
    evaluationDate: t("goal.field.evaluationDate"),
    newScore: t("goal.field.newScore"),
    attained: t("goal.field.attained"),
  };
}

function GoalFields({ form, editing, currentArea }: { form: PlanForm; editing: boolean; currentArea?: string }) {
  const { t } = useTranslation();
  // The plan type's template decides the choices (docs/decisions/028); a goal keeps its own area.
  const areas = useLifeAreaOptions(currentArea);
  const labels = useGoalLabels();
  const scores = scoreOptions(t);
  return (
    <>
      <SelectField
        form={form}
        name="lifeArea"
        label={labels.lifeArea}
        required
        options={areas}
        empty={editing ? undefined : t("form.choose")}
      />
      <TextField form={form} name="title" label={labels.title} hint={t("goal.hint.title")} required />
      {/* A new goal's first description; after that it is a shared text, written in the goal itself. */}
      {editing ? null : <TextArea form={form} name="description" label={labels.description} optional rows={3} />}
      {editing ? (
        <SelectField form={form} name="status" label={labels.status} options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`goal.status.${s}`) }))} />
      ) : null}
      <fieldset className="fieldset">
        <legend>{t("goal.card")}</legend>
        <p className="hint">{t("goal.cardHint")}</p>
        <div className="grid-2">
          <SelectField form={form} name="baselineScore" label={labels.baselineScore} optional options={scores} empty={t("common.notSet")} />
          <SelectField form={form} name="targetScore" label={labels.targetScore} optional options={scores} empty={t("common.notSet")} />
          <TextField form={form} name="evaluationDate" type="date" label={labels.evaluationDate} optional />
          {editing ? (
            <>
              <SelectField form={form} name="newScore" label={labels.newScore} optional options={scores} empty={t("common.notSet")} />
              <SelectField
                form={form}
                name="attained"
                label={labels.attained}
                optional
                options={ATTAINMENTS.map((a) => ({ value: a, label: t(`goal.attained.${a}`) }))}
                empty={t("common.notSet")}
              />
            </>
          ) : null}
        </div>
      </fieldset>
    </>
  );
}

export function GoalCreateForm({ parentId, lifeArea, anchor }: { parentId?: string; lifeArea?: string; anchor: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(parentId ? `goal-create-${parentId}` : "goal-create", { values: lifeArea ? { lifeArea } : {} });
  return (
    <FormDisclosure form={form} summary={parentId ? t("goal.addSub") : t("goal.add")}>
      <PlanFormElement form={form} intent="goal-create" anchor={anchor} hidden={parentId ? { parentId } : {}}>
        <GoalFields form={form} editing={false} />
        <Submit form={form}>{parentId ? t("goal.addSub") : t("goal.add")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

export function GoalEditForm({ goal }: { goal: GoalView }) {
  const { t } = useTranslation();
  const { description: _description, ...labels } = useGoalLabels();
  const form = usePlanForm(`goal-${goal.id}`, { version: goal.version, values: goalValues(goal), toValues: goalValues });
  return (
    // Shown when the goal is opened for editing ("Endre"): no fold of its own.
    <PlanFormElement
      form={form}
      intent="goal-update"
      anchor={`goal-${goal.id}`}
      hidden={{ goalId: goal.id }}
      conflictLabels={labels}
      describeValue={(name, value) => describeGoalValue(t, name, value)}
      aria-label={t("goal.edit")}
    >
      <GoalFields form={form} editing currentArea={goal.lifeArea} />
      <Submit form={form}>{t("common.save")}</Submit>
    </PlanFormElement>
  );
}

export function describeGoalValue(t: (key: string) => string, name: string, value: string): string {
  if (!value) return "";
  if (name === "lifeArea") return t(`goal.lifeArea.${value}`);
  if (name === "status") return t(`goal.status.${value}`);
  if (name === "attained") return t(`goal.attained.${value}`);
  return value;
}
