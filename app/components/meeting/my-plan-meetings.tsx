import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatMeetingWhen } from "../../domain/oslo-time.ts";
import type { MeetingListItem, MeetingView, MyTask } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Agenda } from "./agenda.tsx";
import { MeetingFacts } from "./meeting-facts.tsx";
import { ApprovedMinutes } from "./minutes.tsx";
import { RespondForm } from "./respond-form.tsx";
import { MyTasks } from "./tasks.tsx";

export interface MyPlanMeetingsData {
  next: MeetingView | null;
  later: MeetingListItem[];
  lastApproved: MeetingView | null;
  olderApproved: MeetingListItem[];
  tasks: MyTask[];
}

/**
 * "Min plan", in plain words: the next meeting (when, where, what we will talk about, "Dette vil
 * jeg snakke om", and the answer), the minutes of the last meeting, and the person's own tasks.
 */
export function MyPlanMeetings({ data, viewerId }: { data: MyPlanMeetingsData; viewerId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { next, later, lastApproved, olderApproved, tasks } = data;
  return (
    <>
      <section id="neste-mote" aria-labelledby="next-meeting-heading" className="card my-meeting">
        <h2 id="next-meeting-heading">{t("meetings.myPlan.next")}</h2>
        {next ? (
          <>
            <MeetingFacts meeting={next} calendar={next.myInvitation !== null} />
            {next.access.canRespond && next.myInvitation ? (
              <RespondForm meetingId={next.id} current={next.myInvitation.response} anchor="neste-mote" headingLevel={3} />
            ) : null}
            <Agenda meeting={next} viewerId={viewerId} plain headingLevel={3} />
            <p>
              <Link to={`/moter/${next.id}`}>{t("meetings.myPlan.openMeeting")}</Link>
            </p>
          </>
        ) : (
          <p>{t("meetings.myPlan.noneComing")}</p>
        )}
        {later.length ? (
          <>
            <h3>{t("meetings.myPlan.later")}</h3>
            <ul className="plain-list">
              {later.map((m) => (
                <li key={m.id}>
                  <Link to={`/moter/${m.id}`}>{formatMeetingWhen(m.startsAt, m.durationMinutes, lang)}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {lastApproved?.minutes ? (
        <section id="referat" aria-labelledby="my-minutes-heading" className="card my-minutes">
          <h2 id="my-minutes-heading">{t("meetings.myPlan.minutes")}</h2>
          <p className="lead">{t("meetings.myPlan.minutesOf", { when: formatMeetingWhen(lastApproved.startsAt, lastApproved.durationMinutes, lang) })}</p>
          <ApprovedMinutes minutes={lastApproved.minutes} meetingId={lastApproved.id} canCorrect={false} />
          {olderApproved.length ? (
            <>
              <h3>{t("meetings.myPlan.olderMinutes")}</h3>
              <ul className="plain-list">
                {olderApproved.map((m) => (
                  <li key={m.id}>
                    <Link to={`/moter/${m.id}#referat`}>{formatMeetingWhen(m.startsAt, m.durationMinutes, lang)}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {tasks.length ? <MyTasks tasks={tasks} showPlan={false} id="dine-oppgaver" /> : null}
    </>
  );
}
