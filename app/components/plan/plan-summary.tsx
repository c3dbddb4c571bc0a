import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatMeetingWhen } from "../../domain/oslo-time.ts";
import { splitMeetings, type MeetingListItem } from "../../lib/meeting-types.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { useAssessment } from "./assessment-shared.tsx";
import { DateText, StatusBadge } from "./shared.tsx";

/**
 * What matters first, before any section or form: the goals with their status and next
 * evaluation, who is in the group, and the next meeting. On a phone it comes right after the
 * plan's name, so the user's goals are the first thing they read.
 */
export function PlanSummary({ plan, meetings }: { plan: PlanView; meetings: MeetingListItem[] | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const goals = plan.goals.filter((g) => !g.parentId);
  const next = splitMeetings(meetings ?? []).coming[0];
  const coordinator = plan.coordinator?.coordinator;
  const group = plan.participants.filter((p) => p.active);
  return (
    <section className="card plan-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("reading.summary")}</h2>
      <div className="summary-grid">
        <div>
          <h3>{t("reading.goals")}</h3>
          {goals.length ? (
            <ul className="summary-goals">
              {goals.map((g) => (
                <li key={g.id}>
                  <a href={`#goal-${g.id}`}>{g.title}</a> <StatusBadge kind="goal" value={g.status} label={t(`goal.status.${g.status}`)} />
                  {g.evaluationDate ? (
                    <span className="meta">
                      {" "}
                      · {t("reading.evaluated")} <DateText value={g.evaluationDate} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("goal.none")}</p>
          )}
        </div>
        <div>
          <h3>{t("reading.group")}</h3>
          <ul className="summary-group">
            {coordinator ? (
              <li>
                {coordinator.name} <span className="meta">({t("plan.coordinator").toLowerCase()})</span>
              </li>
            ) : null}
            {group.map((p) => (
              <li key={p.id}>
                {p.name} <span className="meta">({(p.organisation ?? t(`plan.kind.${p.kind}`)).toLowerCase()})</span>
              </li>
            ))}
          </ul>
          <p>
            <a href="#deltakere">{t("reading.groupMore")}</a>
          </p>
        </div>
        <div>
          <h3>{t("reading.nextMeeting")}</h3>
          {next ? (
            <p>
              <Link to={`/moter/${next.id}`}>{formatMeetingWhen(next.startsAt, next.durationMinutes, lang)}</Link>
              {next.location ? <span className="meta"> · {next.location}</span> : null}
            </p>
          ) : (
            <p className="empty">{t("reading.noMeeting")}</p>
          )}
          <AssessmentLine />
        </div>
      </div>
    </section>
  );
}

/** For staff who keep the assessment: one line when it is out of date or the person sees it differently. */
function AssessmentLine() {
  const { t } = useTranslation();
  const view = useAssessment();
  if (!view?.canRecord) return null;
  const parts = [view.outOfDate ? t("assessment.summary.outOfDate") : null, view.differences.length ? t("assessment.summary.differences", { count: view.differences.length }) : null].filter(Boolean);
  if (!parts.length) return null;
  return (
    <>
      <h3>{t("assessment.title")}</h3>
      <p className="summary-assessment">
        <span aria-hidden="true">⚑ </span>
        <a href="#kartlegging">{parts.join(" · ")}</a>
      </p>
    </>
  );
}
