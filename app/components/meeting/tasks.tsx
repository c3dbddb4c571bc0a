import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, isDue } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { MyTask } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { MeetingForm } from "./meeting-form.tsx";

/** "Ferdig": the responsible person (or someone who may change the plan) marks a follow-up task done. */
export function CompleteTaskForm({ meetingId, taskId, title, anchor }: { meetingId: string; taskId: string; title: string; anchor?: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`task-complete-${taskId}`);
  return (
    <MeetingForm form={form} meetingId={meetingId} intent="task-complete" anchor={anchor} hidden={{ taskId }} className="inline-form">
      <button type="submit" className="button-secondary button-small" aria-disabled={form.busy || undefined}>
        {t("meetings.tasks.complete")}
        <span className="visually-hidden">: {title}</span>
      </button>
    </MeetingForm>
  );
}

/**
 * "Mine oppgaver": open follow-up tasks from meetings that the signed-in person is responsible
 * for, soonest due first. `showPlan` names whose plan each is (for staff with several plans).
 */
export function MyTasks({ tasks, showPlan = true, headingLevel = 2, id = "oppgaver" }: { tasks: MyTask[]; showPlan?: boolean; headingLevel?: 2 | 3; id?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = `h${headingLevel}` as "h2";
  const due = tasks.filter((task) => isDue(task.dueDate)).length;
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="card section my-tasks">
      <Heading id={`${id}-heading`}>{t("meetings.myTasks.title")}</Heading>
      <p className="hint">{t("meetings.myTasks.intro")}</p>
      {due ? (
        <p className="alert alert-warning" role="status">
          {t("meetings.myTasks.due", { count: due })}
        </p>
      ) : null}
      {tasks.length ? (
        <ul className="task-list">
          {tasks.map((task) => (
            <li key={task.id} className="task">
              <p className="task-title">{task.title}</p>
              <p className="meta">
                {showPlan ? `${t("meetings.myTasks.plan", { name: task.ownerName })} · ` : null}
                {t("meetings.myTasks.dueOn", { date: formatDate(task.dueDate, lang) })}
                {isDue(task.dueDate) ? <span className="warning-text"> – {t("meetings.myTasks.overdue")}</span> : null}
                {" · "}
                <Link to={`/moter/${task.meetingId}#vedtak`}>
                  {t("meetings.myTasks.fromMeeting", { date: formatDate(task.meetingStartsAt, lang) })}
                </Link>
              </p>
              <CompleteTaskForm meetingId={task.meetingId} taskId={task.id} title={task.title} anchor={id} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("meetings.myTasks.none")}</p>
      )}
    </section>
  );
}
