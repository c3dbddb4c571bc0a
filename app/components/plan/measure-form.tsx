import { useTranslation } from "../../i18n/use-translation.ts";
import { MEASURE_STATUSES } from "../../domain/lists.ts";
import { usePlanForm, type PlanForm } from "../../hooks/use-plan-form.ts";
import { dateValue } from "../../lib/form-values.ts";
import { responsibleValue, type MeasureView, type ResponsibleOption } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";

export interface MeasureChoices {
  responsible: ResponsibleOption[];
  /** Units of the municipality, when the caller may list them. */
  units: { id: string; name: string }[] | null;
}

/** The edit form's fields. The description is not among them: it is a shared text (CollabEditor). */
export function measureValues(m: Record<string, unknown>): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    title: s(m.title),
    amount: s(m.amount),
    responsible: responsibleValue({
      responsibleUserId: (m.responsibleUserId as string | null) ?? null,
      responsibleParticipantId: (m.responsibleParticipantId as string | null) ?? null,
    }),
    unitId: s(m.unitId),
    startDate: dateValue(m.startDate as string | null),
    endDate: dateValue(m.endDate as string | null),
    status: s(m.status),
    evaluationDate: dateValue(m.evaluationDate as string | null),
  };
}

function useMeasureLabels() {
  const { t } = useTranslation();
  return {
    title: t("measure.field.title"),
    description: t("measure.field.description"),
    amount: t("measure.field.amount"),
    responsible: t("measure.field.responsible"),
    unitId: t("measure.field.unit"),
    startDate: t("measure.field.startDate"),
    endDate: t("measure.field.endDate"),
    status: t("measure.field.status"),
    evaluationDate: t("measure.field.evaluationDate"),
  };
}

function MeasureFields({ form, choices, canAssign, editing }: { form: PlanForm; choices: MeasureChoices; canAssign: boolean; editing: boolean }) {
  const { t } = useTranslation();
  const labels = useMeasureLabels();
  return (
    <>
      <TextField form={form} name="title" label={labels.title} hint={t("measure.hint.title")} required />
      {/* A new measure's first description; after that it is a shared text, written in the measure itself. */}
      {editing ? null : <TextArea form={form} name="description" label={labels.description} hint={t("measure.hint.description")} optional rows={3} />}
      <TextField form={form} name="amount" label={labels.amount} hint={t("measure.hint.amount")} optional />
      {canAssign ? (
        <SelectField
          form={form}
          name="responsible"
          label={labels.responsible}
          hint={t("measure.hint.responsible")}
          optional
          options={choices.responsible}
          empty={t("measure.noResponsible")}
        />
      ) : null}
      {canAssign && choices.units ? (
        <SelectField
          form={form}
          name="unitId"
          label={labels.unitId}
          optional
          options={choices.units.map((u) => ({ value: u.id, label: u.name }))}
          empty={t("common.notSet")}
        />
      ) : null}
      <div className="grid-2">
        <TextField form={form} name="startDate" type="date" label={labels.startDate} optional />
        <TextField form={form} name="endDate" type="date" label={labels.endDate} optional />
        <SelectField form={form} name="status" label={labels.status} options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measure.status.${s}`) }))} />
        <TextField form={form} name="evaluationDate" type="date" label={labels.evaluationDate} optional />
      </div>
    </>
  );
}

export function MeasureCreateForm({ goalId, choices, anchor }: { goalId: string; choices: MeasureChoices; anchor: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`measure-create-${goalId}`, { values: { status: "PLANNED" } });
  return (
    <FormDisclosure form={form} summary={t("measure.add")}>
      <PlanFormElement form={form} intent="measure-create" anchor={anchor} hidden={{ goalId }}>
        <MeasureFields form={form} choices={choices} canAssign editing={false} />
        <Submit form={form}>{t("measure.add")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

export function MeasureEditForm({ measure, choices, canAssign }: { measure: MeasureView; choices: MeasureChoices; canAssign: boolean }) {
  const { t } = useTranslation();
  const { description: _description, ...labels } = useMeasureLabels();
  const form = usePlanForm(`measure-${measure.id}`, { version: measure.version, values: measureValues(measure), toValues: measureValues });
  const describe = (name: string, value: string) => {
    if (!value) return "";
    if (name === "status") return t(`measure.status.${value}`);
    if (name === "responsible") return choices.responsible.find((o) => o.value === value)?.label ?? t("common.unknownPerson");
    if (name === "unitId") return choices.units?.find((u) => u.id === value)?.name ?? value;
    return value;
  };
  return (
    // Shown when the measure is opened for editing ("Endre"): no fold of its own.
    <PlanFormElement
      form={form}
      intent="measure-update"
      anchor={`measure-${measure.id}`}
      hidden={{ measureId: measure.id }}
      conflictLabels={labels}
      describeValue={describe}
      aria-label={t("measure.edit")}
    >
      <MeasureFields form={form} choices={choices} canAssign={canAssign} editing />
      <Submit form={form}>{t("common.save")}</Submit>
    </PlanFormElement>
  );
}
