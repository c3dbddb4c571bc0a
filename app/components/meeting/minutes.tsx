import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { MeetingView } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { StoredText } from "../collab/stored-text.tsx";
import { FormDisclosure, Submit, TextArea } from "../form.tsx";
import { MeetingForm } from "./meeting-form.tsx";

type Minutes = NonNullable<MeetingView["minutes"]>;

interface MinutesSectionProps {
  meeting: MeetingView;
  viewer: { id: string; name: string };
  /** The approver asked to approve: show what will be approved and ask once more. */
  confirm: boolean;
  /** The minutes changed between the confirmation and the approval. */
  changed: boolean;
  /** Whether the meeting has started (decided by the server's clock when the page was drawn). */
  started: boolean;
}

/**
 * The minutes: one co-edited text for the whole meeting while it is open; once approved, the
 * approved text as it was stored then, with corrections ("Rettelse") under it.
 */
export function MinutesSection({ meeting, viewer, confirm, changed, started }: MinutesSectionProps) {
  const { t } = useTranslation();
  const minutes = meeting.minutes;
  if (!minutes) return null;
  return (
    <section aria-labelledby="minutes-heading" className="minutes" id="referat">
      <h2 id="minutes-heading">{minutes.approved ? t("meetings.minutes.approvedTitle") : t("meetings.minutes.title")}</h2>
      {minutes.approved ? (
        <ApprovedMinutes minutes={minutes} meetingId={meeting.id} canCorrect={meeting.access.canAddCorrection} />
      ) : meeting.status === "CANCELLED" ? (
        <StoredText html={minutes.html ?? undefined} text={minutes.text} empty={t("meetings.minutes.empty")} />
      ) : confirm && meeting.access.canApprove ? (
        <ApproveConfirm meeting={meeting} minutes={minutes} changed={changed} />
      ) : (
        <>
          {meeting.access.role === "AUDITOR" ? (
            // The coordinating unit reads the stored draft through the audited read, never live.
            <StoredText html={minutes.html ?? undefined} text={minutes.text} empty={t("meetings.minutes.empty")} />
          ) : (
            <CollabEditor
              id="minutes"
              documentName={minutes.documentName}
              label={t("meetings.minutes.label")}
              hint={t("meetings.minutes.hint")}
              html={minutes.html ?? undefined}
              text={minutes.text}
              empty={t("meetings.minutes.empty")}
              canEdit={meeting.access.canEditMinutes}
              viewer={viewer}
              readOnlyHint={t("meetings.minutes.readOnly")}
            />
          )}
          <ApproveControls meeting={meeting} started={started} />
        </>
      )}
    </section>
  );
}

function ApproveControls({ meeting, started }: { meeting: MeetingView; started: boolean }) {
  const { t } = useTranslation();
  if (!meeting.access.canApprove) {
    return meeting.minutes && !meeting.minutes.approved ? <p className="hint">{t("meetings.approve.byCoordinator")}</p> : null;
  }
  if (!started) return <p className="hint">{t("meetings.approve.notStarted")}</p>;
  if (!meeting.attendanceRecordedAt) {
    return (
      <p className="hint">
        {t("meetings.approve.attendanceFirst")} <a href="#oppmote">{t("meetings.attendance.title")}</a>
      </p>
    );
  }
  return (
    <Form method="get" action={`/moter/${meeting.id}#godkjenning`} className="form-actions">
      <input type="hidden" name="godkjenn" value="1" />
      <button type="submit" className="button-primary">
        {t("meetings.approve.start")}
      </button>
    </Form>
  );
}

/** "Godkjenn referat", second step: this text will be locked. */
function ApproveConfirm({ meeting, minutes, changed }: { meeting: MeetingView; minutes: Minutes; changed: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meeting.id}-approve`);
  const empty = !minutes.text.trim();
  return (
    <div id="godkjenning" className="approve-confirm" role="region" aria-labelledby="approve-heading" tabIndex={-1}>
      <h3 id="approve-heading">{t("meetings.approve.confirmTitle")}</h3>
      {changed ? (
        <p role="alert" className="alert alert-warning">
          {t("meetings.approve.changed")}
        </p>
      ) : null}
      <p>{t("meetings.approve.confirmText")}</p>
      <div className="approve-text">
        <StoredText html={minutes.html ?? undefined} text={minutes.text} empty={t("meetings.minutes.empty")} />
      </div>
      <p className="hint">{t("meetings.approve.savedHint")}</p>
      {empty ? (
        <p className="alert alert-warning">{t("meetings.approve.emptyText")}</p>
      ) : (
        <MeetingForm form={form} meetingId={meeting.id} intent="approve" hidden={{ seen: minutes.text }} className="button-row">
          <button type="submit" className="button-primary" aria-disabled={form.busy || undefined}>
            {t("meetings.approve.confirm")}
          </button>
          <Link to={`/moter/${meeting.id}#referat`}>{t("meetings.approve.cancel")}</Link>
        </MeetingForm>
      )}
      {empty ? <Link to={`/moter/${meeting.id}#referat`}>{t("meetings.approve.back")}</Link> : null}
    </div>
  );
}

/** The approved minutes (locked) and the corrections under them. */
export function ApprovedMinutes({ minutes, meetingId, canCorrect, headingLevel = 3 }: { minutes: Minutes; meetingId: string; canCorrect: boolean; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = `h${headingLevel}` as "h3";
  return (
    <>
      <p className="meta">
        {t("meetings.minutes.approvedBy", { name: minutes.approvedBy?.name ?? t("common.unknownPerson"), date: formatDateTime(minutes.approvedAt, lang) })}
        {canCorrect ? ` ${t("meetings.minutes.locked")}` : ""}
      </p>
      <div className="approved-minutes">
        <StoredText html={minutes.html ?? undefined} text={minutes.text} empty={t("meetings.minutes.empty")} />
      </div>
      {minutes.corrections.length ? (
        <>
          <Heading>{t("meetings.corrections.title")}</Heading>
          <ol className="correction-list">
            {minutes.corrections.map((c) => (
              <li key={c.id} className="correction">
                <p className="meta">
                  <strong>{t("meetings.corrections.label")}</strong>{" "}
                  {t("meetings.corrections.by", { name: c.author?.name ?? t("common.unknownPerson"), date: formatDateTime(c.createdAt, lang) })}
                </p>
                <p className="prose">{c.text}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {canCorrect ? <CorrectionForm meetingId={meetingId} /> : null}
    </>
  );
}

function CorrectionForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-correction`);
  return (
    <FormDisclosure form={form} summary={t("meetings.corrections.add")}>
      <MeetingForm form={form} meetingId={meetingId} intent="correction" anchor="referat">
        <TextArea form={form} name="text" label={t("meetings.corrections.text")} hint={t("meetings.corrections.hint")} required rows={3} />
        <Submit form={form}>{t("meetings.corrections.submit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}
