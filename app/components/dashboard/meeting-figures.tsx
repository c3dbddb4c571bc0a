import { useTranslation } from "../../i18n/use-translation.ts";
import { Figure } from "./figure.tsx";

/**
 * Responsibility-group meetings on the coordinating unit's dashboard: meetings a week past their
 * time without approved minutes, and active plans without a meeting in six months. Each opens
 * the list behind it (/ke/liste), with the dashboard's selection.
 */
export function MeetingFigures({ withoutMinutes, withoutMeeting, query }: { withoutMinutes: number | null; withoutMeeting: number | null; query: URLSearchParams | null }) {
  const { t } = useTranslation();
  // No query: publication mode, no list behind the figures.
  const href = (metric: string) => {
    if (!query) return null;
    const params = new URLSearchParams(query);
    params.set("liste", metric === "withoutMinutes" ? "moter" : "planer");
    params.set("tall", metric);
    return `/ke/liste?${params}`;
  };
  return (
    <>
      <h3>{t("meetings.dash.heading")}</h3>
      <dl className="figures">
        <Figure label={t("meetings.dash.withoutMinutes")} value={withoutMinutes} href={href("withoutMinutes")} alarm />
        <Figure label={t("meetings.dash.withoutMeeting")} value={withoutMeeting} href={href("withoutMeeting")} />
      </dl>
    </>
  );
}
