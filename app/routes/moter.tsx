import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { MeetingStatusBadge, ResponseBadge } from "../components/meeting/meeting-facts.tsx";
import { MyTasks } from "../components/meeting/tasks.tsx";
import { formatMeetingWhen } from "../domain/oslo-time.ts";
import { load } from "../lib/call.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Mine møter – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const [meetings, tasks] = await load(context, request, (caller) => Promise.all([caller.meeting.upcoming(), caller.task.mine()]));
  return json({ meetings, tasks });
}

/** "Mine møter": coming meetings the person is invited to or coordinates, and their follow-up tasks. */
export default function MyMeetings() {
  const { t } = useTranslation();
  const lang = useLang();
  const { meetings, tasks } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("meetings.mine.title")}</h1>
      <p>{t("meetings.mine.intro")}</p>
      <section aria-labelledby="upcoming-heading" className="card section">
        <h2 id="upcoming-heading">{t("meetings.mine.upcoming")}</h2>
        {meetings.length ? (
          <table className="responsive-table">
            <caption className="visually-hidden">{t("meetings.mine.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.mine.when")}</th>
                <th scope="col">{t("meetings.mine.whose")}</th>
                <th scope="col">{t("meetings.facts.where")}</th>
                <th scope="col">{t("meetings.mine.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label={t("meetings.mine.when")}>
                    <Link to={`/moter/${m.id}`}>{formatMeetingWhen(m.startsAt, m.durationMinutes, lang)}</Link>
                  </th>
                  <td data-label={t("meetings.mine.whose")}>{m.ownerName ?? t("meetings.mine.asGuest")}</td>
                  <td data-label={t("meetings.facts.where")}>{m.location ?? (m.videoLink ? t("meetings.facts.videoOnly") : t("common.notSet"))}</td>
                  <td data-label={t("meetings.mine.answer")}>
                    {m.myInvitation ? <ResponseBadge response={m.myInvitation.response} /> : <MeetingStatusBadge status={m.status} />}
                    {!m.myInvitation ? <span className="hint cell-detail">{t("meetings.mine.notInvited")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{t("meetings.mine.none")}</p>
        )}
      </section>
      <MyTasks tasks={tasks} />
    </div>
  );
}
