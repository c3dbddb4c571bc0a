import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatMeetingWhen } from "../../domain/oslo-time.ts";
import { splitMeetings, type MeetingListItem } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { MeetingStatusBadge, ResponseBadge } from "./meeting-facts.tsx";
import { PlanSection } from "../plan/in-place.tsx";

interface PlanMeetingsSectionProps {
  planId: string;
  /** meeting.list for the plan; null when it could not be read. */
  meetings: MeetingListItem[] | null;
  canPlan: boolean;
}

/** "Møter" in the plan's workspace: coming and past responsibility-group meetings, and "Planlegg møte". */
export function PlanMeetingsSection({ planId, meetings, canPlan }: PlanMeetingsSectionProps) {
  const { t } = useTranslation();
  const { coming, past } = splitMeetings(meetings ?? []);
  return (
    <PlanSection id="moter" headingId="meetings-heading" open={false} title={t("meetings.section.title")}>
      <p className="hint">{t("meetings.section.intro")}</p>
      {canPlan ? (
        <p>
          <Link to={`/planer/${planId}/nytt-mote`} className="button-link">
            {t("meetings.section.plan")}
          </Link>
        </p>
      ) : null}
      {meetings === null ? <p className="alert alert-warning">{t("meetings.section.unavailable")}</p> : null}
      <h3>{t("meetings.section.coming")}</h3>
      {coming.length ? <MeetingList meetings={coming} /> : <p className="empty">{t("meetings.section.noneComing")}</p>}
      <h3>{t("meetings.section.past")}</h3>
      {past.length ? <MeetingList meetings={past} /> : <p className="empty">{t("meetings.section.nonePast")}</p>}
    </PlanSection>
  );
}

function MeetingList({ meetings }: { meetings: MeetingListItem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="meeting-list">
      {meetings.map((m) => (
        <li key={m.id} className="meeting-list-item">
          <p className="meeting-list-title">
            <Link to={`/moter/${m.id}`}>{formatMeetingWhen(m.startsAt, m.durationMinutes, lang)}</Link>
          </p>
          <p className="meta">
            {m.location ?? (m.videoLink ? t("meetings.facts.videoOnly") : t("common.notSet"))}
            {" · "}
            <MeetingStatusBadge status={m.status} />
            {m.myInvitation && m.status === "PLANNED" ? (
              <>
                {" "}
                <span className="visually-hidden">{t("meetings.section.yourAnswer")}</span>
                <ResponseBadge response={m.myInvitation.response} />
              </>
            ) : null}
          </p>
          <p className="meta">
            {t("meetings.section.agendaCount", { count: m.agendaItems })}
            {m.openTasks ? ` · ${t("meetings.section.openTasks", { count: m.openTasks })}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
