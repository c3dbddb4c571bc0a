import { useTranslation } from "../../i18n/use-translation.ts";
import { DURATIONS } from "../../lib/meeting-types.ts";
import { SelectField, TextField, type FieldForm } from "../form.tsx";

/** When and where: a date and a time on an Oslo clock, how long, and a place or a video link (or both). */
export function TimePlaceFields({ form, defaults }: { form: FieldForm; defaults?: { date?: string; time?: string } }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t("meetings.plan.when")}</legend>
        <p className="hint">{t("meetings.plan.whenHint")}</p>
        <div className="grid-2">
          <TextField form={form} name="date" type="date" label={t("meetings.plan.date")} required defaultValue={defaults?.date} />
          <TextField form={form} name="time" type="time" label={t("meetings.plan.time")} required defaultValue={defaults?.time} />
        </div>
        <SelectField
          form={form}
          name="durationMinutes"
          label={t("meetings.plan.duration")}
          required
          options={DURATIONS.map((d) => ({ value: String(d), label: t("meetings.plan.minutes", { count: d }) }))}
          defaultValue="60"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("meetings.plan.where")}</legend>
        <p className="hint">{t("meetings.plan.whereHint")}</p>
        <TextField form={form} name="location" label={t("meetings.plan.location")} hint={t("meetings.plan.locationHint")} optional />
        <TextField form={form} name="videoLink" label={t("meetings.plan.videoLink")} hint={t("meetings.plan.videoLinkHint")} optional />
      </fieldset>
    </>
  );
}
