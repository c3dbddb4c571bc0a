import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMeetingStart } from "../domain/oslo-time.ts";
import { load } from "../lib/call.server.ts";
import { filterFromSearch, searchFromFilter } from "../lib/dashboard-filter.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Møter – Koordinerende enhet" }];

// The lists behind the dashboard's meeting figures: overview fields only (time, whose plan, who
// coordinates, last and next meeting), never agenda or minutes. Opening a plan asks for a purpose.
export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filter = filterFromSearch(params);
  const query = searchFromFilter(filter).toString();
  const metric = params.get("tall");
  if (metric === "withoutMinutes") {
    const meetings = await load(context, request, (caller) => caller.dashboard.meetings({ metric, filter: filter as never }));
    return json({ metric, query, meetings, plans: null });
  }
  if (metric === "withoutMeeting") {
    const plans = await load(context, request, (caller) => caller.dashboard.plans({ metric, filter: filter as never }));
    return json({ metric, query, meetings: null, plans });
  }
  throw json({ message: "not found" }, { status: 404 });
}

export default function DashboardMeetingList() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const count = data.meetings?.length ?? data.plans?.length ?? 0;
  const title = t(`meetings.dash.${data.metric}`);
  return (
    <div className="page">
      <p>
        <Link to={`/ke${data.query ? `?${data.query}` : ""}`}>{t("dash.list.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("dash.list.count", { count })}</p>
      <p className="hint">{data.meetings ? t("meetings.dash.withoutMinutesHint") : t("meetings.dash.withoutMeetingHint")}</p>
      {!count ? <p>{t("dash.list.none")}</p> : null}
      {data.meetings?.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.dash.meetingTime")}</th>
              <th scope="col">{t("dash.list.owner")}</th>
              <th scope="col">{t("dash.list.coordinator")}</th>
              <th scope="col">{t("meetings.dash.missing")}</th>
            </tr>
          </thead>
          <tbody>
            {data.meetings.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t("meetings.dash.meetingTime")}>
                  {formatMeetingStart(m.startsAt, lang)}
                </th>
                <td data-label={t("dash.list.owner")}>
                  <Link to={`/planer/${m.planId}#moter`}>{m.ownerName}</Link>
                </td>
                <td data-label={t("dash.list.coordinator")}>{m.coordinator?.name ?? <span className="warning-text">{t("plan.noCoordinator")}</span>}</td>
                <td data-label={t("meetings.dash.missing")}>{m.attendanceRecordedAt ? t("meetings.dash.notApproved") : t("meetings.dash.noAttendance")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data.plans?.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.list.owner")}</th>
              <th scope="col">{t("dash.list.coordinator")}</th>
              <th scope="col">{t("meetings.dash.lastMeeting")}</th>
              <th scope="col">{t("meetings.dash.nextMeeting")}</th>
              <th scope="col">{t("dash.list.lastActivity")}</th>
            </tr>
          </thead>
          <tbody>
            {data.plans.map((p) => (
              <tr key={p.id}>
                <th scope="row" data-label={t("dash.list.owner")}>
                  <Link to={`/planer/${p.id}`}>{p.ownerName}</Link>
                </th>
                <td data-label={t("dash.list.coordinator")}>{p.coordinator?.name ?? <span className="warning-text">{t("plan.noCoordinator")}</span>}</td>
                <td data-label={t("meetings.dash.lastMeeting")}>{p.lastMeetingAt ? formatDate(p.lastMeetingAt, lang) : t("meetings.dash.never")}</td>
                <td data-label={t("meetings.dash.nextMeeting")}>{p.nextMeetingAt ? formatMeetingStart(p.nextMeetingAt, lang) : t("meetings.dash.noneBooked")}</td>
                <td data-label={t("dash.list.lastActivity")}>{formatDate(p.lastActivityAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
