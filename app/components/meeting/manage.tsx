import { useTranslation } from "../../i18n/use-translation.ts";
import { osloNow } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { MeetingView } from "../../lib/meeting-types.ts";
import { CheckboxField, FormDisclosure, Submit, TextArea } from "../form.tsx";
import { MeetingForm } from "./meeting-form.tsx";
import { TimePlaceFields } from "./time-place-fields.tsx";

/** Changing the time or place, and cancelling: for people with edit rights, while the meeting is planned. */
export function ManageMeeting({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  if (!meeting.access.canEdit || meeting.status !== "PLANNED") return null;
  return (
    <section id="endre" aria-labelledby="manage-heading" className="card section">
      <h2 id="manage-heading">{t("meetings.manage.title")}</h2>
      <UpdateForm meeting={meeting} />
      <CancelForm meeting={meeting} />
    </section>
  );
}

function UpdateForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const start = osloNow(new Date(meeting.startsAt));
  const values = {
    date: start.date,
    time: start.time,
    durationMinutes: String(meeting.durationMinutes),
    location: meeting.location ?? "",
    videoLink: meeting.videoLink ?? "",
  };
  const form = usePlanForm(`meeting-${meeting.id}-update`, { version: meeting.version, values });
  return (
    <FormDisclosure form={form} summary={t("meetings.manage.change")}>
      <MeetingForm form={form} meetingId={meeting.id} intent="meeting-update" anchor="endre">
        <p className="hint">{t("meetings.manage.changeHint")}</p>
        <TimePlaceFields form={form} />
        <Submit form={form}>{t("meetings.manage.changeSubmit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}

function CancelForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meeting.id}-cancel`);
  return (
    <FormDisclosure form={form} summary={t("meetings.cancel.title")}>
      <MeetingForm form={form} meetingId={meeting.id} intent="meeting-cancel">
        <p>{t("meetings.cancel.intro")}</p>
        <TextArea form={form} name="reason" label={t("meetings.cancel.reason")} hint={t("meetings.cancel.reasonHint")} optional rows={2} />
        <CheckboxField form={form} name="confirm" label={t("meetings.cancel.confirm")} />
        <Submit form={form} variant="danger">
          {t("meetings.cancel.submit")}
        </Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}
