import { useTranslation } from "../../i18n/use-translation.ts";
import { formatMeetingWhen } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";

interface MeetingTimePlace {
  id: string;
  startsAt: string;
  durationMinutes: number;
  location: string | null;
  videoLink: string | null;
  status: string;
}

/** Time, place and video link of a meeting, and its calendar file for those invited. */
export function MeetingFacts({ meeting, calendar = false, organizer }: { meeting: MeetingTimePlace; calendar?: boolean; organizer?: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <dl className="facts meeting-facts">
        <div className="facts-row">
          <dt>{t("meetings.facts.when")}</dt>
          <dd>
            <time dateTime={meeting.startsAt}>{formatMeetingWhen(meeting.startsAt, meeting.durationMinutes, lang)}</time>
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("meetings.facts.where")}</dt>
          <dd>{meeting.location ?? (meeting.videoLink ? t("meetings.facts.videoOnly") : t("common.notSet"))}</dd>
        </div>
        {meeting.videoLink ? (
          <div className="facts-row">
            <dt>{t("meetings.facts.video")}</dt>
            <dd>
              <a href={meeting.videoLink} rel="noopener noreferrer" className="break-anywhere">
                {meeting.videoLink}
              </a>
            </dd>
          </div>
        ) : null}
        {organizer ? (
          <div className="facts-row">
            <dt>{t("meetings.facts.organizer")}</dt>
            <dd>{organizer}</dd>
          </div>
        ) : null}
      </dl>
      {calendar && meeting.status === "PLANNED" ? (
        <p>
          <a href={`/moter/${meeting.id}/kalender`} download className="calendar-link">
            {t("meetings.facts.addToCalendar")}
          </a>
          <span className="hint"> {t("meetings.facts.calendarHint")}</span>
        </p>
      ) : null}
    </>
  );
}

/** An invitee's answer as a badge. */
export function ResponseBadge({ response }: { response: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-response-${response.toLowerCase()}`}>{t(`meetings.response.${response}`)}</span>;
}

/** A meeting's state as a badge (planned, held, minutes approved, cancelled). */
export function MeetingStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-meeting-${status.toLowerCase()}`}>{t(`meetings.status.${status}`)}</span>;
}
