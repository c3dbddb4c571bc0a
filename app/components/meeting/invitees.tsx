import { useTranslation } from "../../i18n/use-translation.ts";
import { isOneOf, isUserSide, OPEN_MEETING_STATUSES } from "../../domain/lists.ts";
import { formatDate, formatDateTime } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { MeetingInviteeView, MeetingView } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { CheckboxField, FormDisclosure, Submit, TextField } from "../form.tsx";
import { ResponseBadge } from "./meeting-facts.tsx";
import { MeetingForm } from "./meeting-form.tsx";

/** Who is invited, with their answers (and, once recorded, who came). */
export function InviteesSection({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canManage = meeting.access.canEdit && meeting.status === "PLANNED";
  return (
    <section id="invitert" aria-labelledby="invitees-heading" className="card section">
      <h2 id="invitees-heading">{t("meetings.invitees.title")}</h2>
      <ul className="people invitee-list">
        {meeting.invitees.map((i) => (
          <li key={i.id}>
            <span className="person-name">
              {i.name}
              {i.organisation ? <span className="person-role">, {i.organisation}</span> : null}
            </span>
            <span className="person-role">{t(`meetings.invitees.kind.${i.kind}`)}</span>
            <span className="invitee-answer">
              {i.awaitingConsent ? (
                <span className="badge badge-response-pending">{t("meetings.invitees.awaitingConsent")}</span>
              ) : (
                <ResponseBadge response={i.response} />
              )}{" "}
              {i.attended === true ? <span className="badge badge-attended">{t("meetings.invitees.attended")}</span> : null}
              {i.attended === false ? <span className="badge badge-absent">{t("meetings.invitees.absent")}</span> : null}
            </span>
            {i.consent ? (
              <span className="hint">
                {t("meetings.invitees.consentGiven", { name: i.consent.givenBy?.name ?? t("common.unknownPerson"), date: formatDate(i.consent.givenAt, lang) })}
              </span>
            ) : null}
            {i.awaitingConsent && canManage ? <GuestConsentForm meetingId={meeting.id} invitee={i} userSide={isUserSide(meeting.access.role)} /> : null}
          </li>
        ))}
      </ul>
      {meeting.attendanceRecordedAt ? (
        <p className="hint">{t("meetings.attendance.recordedAt", { date: formatDateTime(meeting.attendanceRecordedAt, lang) })}</p>
      ) : null}
      {canManage ? <GuestAddForm meetingId={meeting.id} userSide={isUserSide(meeting.access.role)} /> : null}
    </section>
  );
}

function GuestConsentForm({ meetingId, invitee, userSide }: { meetingId: string; invitee: MeetingInviteeView; userSide: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm(`guest-consent-${invitee.id}`);
  return (
    <MeetingForm form={form} meetingId={meetingId} intent="guest-consent" anchor="invitert" hidden={{ inviteeId: invitee.id }} className="inline-form">
      <button type="submit" className="button-secondary button-small" aria-disabled={form.busy || undefined}>
        {userSide ? t("meetings.guests.iConsent", { name: invitee.name }) : t("meetings.guests.userConsented", { name: invitee.name })}
      </button>
    </MeetingForm>
  );
}

function GuestAddForm({ meetingId, userSide }: { meetingId: string; userSide: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm(`guest-add-${meetingId}`);
  return (
    <FormDisclosure form={form} summary={t("meetings.guests.add")}>
      <MeetingForm form={form} meetingId={meetingId} intent="guest-add" anchor="invitert">
        <p className="hint">{t("meetings.guests.intro")}</p>
        <TextField form={form} name="name" label={t("meetings.guests.name")} required autoComplete="off" />
        <TextField form={form} name="email" type="email" label={t("meetings.guests.email")} hint={t("meetings.guests.emailHint")} optional />
        <TextField form={form} name="organisation" label={t("meetings.guests.organisation")} optional />
        {userSide ? (
          <p className="hint">{t("meetings.guests.consentByInviting")}</p>
        ) : (
          <CheckboxField form={form} name="consent" label={t("meetings.guests.consent")} hint={t("meetings.guests.consentHint")} />
        )}
        <Submit form={form}>{t("meetings.guests.submit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}

/** "Oppmøte": who came. Default: those who said yes. */
export function AttendanceSection({ meeting, started }: { meeting: MeetingView; started: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meeting.id}-attendance`);
  const open = isOneOf(OPEN_MEETING_STATUSES, meeting.status);
  if (!meeting.access.canEdit || !open) return null;
  const invitees = meeting.invitees.filter((i) => !i.awaitingConsent);
  return (
    <section id="oppmote" aria-labelledby="attendance-heading" className="card section">
      <h2 id="attendance-heading">{t("meetings.attendance.title")}</h2>
      {!started ? (
        <p className="hint">{t("meetings.attendance.notStarted")}</p>
      ) : (
        <MeetingForm form={form} meetingId={meeting.id} intent="attendance" anchor="oppmote">
          <fieldset className="fieldset">
            <legend>{t("meetings.attendance.legend")}</legend>
            {invitees.map((i) => {
              const id = `attended-${i.id}`;
              return (
                <div key={i.id} className="checkbox">
                  <input type="hidden" name="invitee" value={i.id} />
                  <input id={id} type="checkbox" name="attended" value={i.id} defaultChecked={i.attended ?? i.response === "YES"} />
                  <label htmlFor={id}>
                    {i.name}
                    {i.organisation ? `, ${i.organisation}` : ""}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <Submit form={form}>{meeting.attendanceRecordedAt ? t("meetings.attendance.update") : t("meetings.attendance.submit")}</Submit>
        </MeetingForm>
      )}
    </section>
  );
}
