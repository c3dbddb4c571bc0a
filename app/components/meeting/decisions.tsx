import { useTranslation } from "../../i18n/use-translation.ts";
import { ATTAINMENTS, GOAL_STATUSES, isOneOf, MEASURE_STATUSES, OPEN_MEETING_STATUSES } from "../../domain/lists.ts";
import { formatDate, formatDateTime, todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { MeetingView } from "../../lib/meeting-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { FormDisclosure, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { scoreOptions } from "../plan/shared.tsx";
import { MeetingForm } from "./meeting-form.tsx";
import { CompleteTaskForm } from "./tasks.tsx";

/** What the meeting page knows of the plan for decisions (lib/meeting-load.server.ts planForMeeting). */
export interface MeetingPlanOptions {
  goals: { id: string; title: string; status: string; version: number; measures: { id: string; title: string; status: string; version: number }[] }[];
  people: { id: string; name: string }[];
  responsible: { value: string; label: string }[];
}

const ANCHOR = "vedtak";

/**
 * "Vedtak og oppgaver fra møtet": what was decided and recorded with the meeting (evaluations,
 * status changes, new measures, follow-up tasks), and the forms that record them. The forms call
 * the plan's own procedures with the meeting's id, so the plan changes and the meeting keeps a
 * record of it in the same step.
 */
export function DecisionsSection({ meeting, plan, viewerId, participantsText }: { meeting: MeetingView; plan: MeetingPlanOptions | null; viewerId: string; participantsText: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const open = isOneOf(OPEN_MEETING_STATUSES, meeting.status);
  const canRecord = open && meeting.access.canEdit && plan !== null;
  if (!meeting.minutes) return null;
  return (
    <section id={ANCHOR} aria-labelledby="decisions-heading" className="card section">
      <h2 id="decisions-heading">{t("meetings.decisions.title")}</h2>
      {meeting.actions.length ? (
        <ul className="decision-list">
          {meeting.actions.map((a) => (
            <li key={a.id}>
              <p>{a.summary}</p>
              <p className="meta">{t("meetings.decisions.by", { name: a.actor?.name ?? t("common.unknownPerson"), date: formatDateTime(a.createdAt, lang) })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("meetings.decisions.none")}</p>
      )}

      <h3>{t("meetings.tasks.title")}</h3>
      {meeting.tasks.length ? (
        <ul className="task-list">
          {meeting.tasks.map((task) => (
            <li key={task.id} className="task">
              <p className="task-title">{task.title}</p>
              <p className="meta">
                {t("meetings.tasks.responsibleDue", { name: task.responsible?.name ?? t("common.unknownPerson"), date: formatDate(task.dueDate, lang) })}
                {" – "}
                {task.status === "DONE" ? t("meetings.tasks.doneAt", { date: formatDate(task.completedAt, lang) }) : t("meetings.tasks.open")}
              </p>
              {task.status === "OPEN" && (task.responsible?.id === viewerId || meeting.access.canEdit) ? (
                <CompleteTaskForm meetingId={meeting.id} taskId={task.id} title={task.title} anchor={ANCHOR} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("meetings.tasks.none")}</p>
      )}

      {canRecord ? (
        <div className="decision-forms">
          <h3>{t("meetings.decisions.record")}</h3>
          <p className="hint">{t("meetings.decisions.recordHint")}</p>
          <EvaluationForm meetingId={meeting.id} plan={plan} participantsText={participantsText} />
          <StatusForm meetingId={meeting.id} plan={plan} kind="goal" />
          <StatusForm meetingId={meeting.id} plan={plan} kind="measure" />
          <MeasureForm meetingId={meeting.id} plan={plan} />
          <TaskForm meetingId={meeting.id} plan={plan} />
        </div>
      ) : null}
    </section>
  );
}

/** A select of the plan's goals and measures, grouped. */
function TargetSelect({
  formId,
  label,
  plan,
  withVersion,
  only,
  error,
  defaultValue = "",
}: {
  formId: string;
  label: string;
  plan: MeetingPlanOptions;
  withVersion: boolean;
  only?: "goal" | "measure";
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  const id = `${formId}-target`;
  const value = (kind: string, row: { id: string; version: number }) => (withVersion ? `${kind}:${row.id}:${row.version}` : `${kind}:${row.id}`);
  const measures = plan.goals.flatMap((g) => g.measures);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <select id={id} name="target" required aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} defaultValue={defaultValue}>
        <option value="" disabled>
          {t("form.choose")}
        </option>
        {only !== "measure" ? (
          <optgroup label={t("meetings.decisions.goals")}>
            {plan.goals.map((g) => (
              <option key={g.id} value={value("goal", g)}>
                {withVersion ? `${g.title} (${t(`goal.status.${g.status}`)})` : g.title}
              </option>
            ))}
          </optgroup>
        ) : null}
        {only !== "goal" && measures.length ? (
          <optgroup label={t("meetings.decisions.measures")}>
            {measures.map((m) => (
              <option key={m.id} value={value("measure", m)}>
                {withVersion ? `${m.title} (${t(`measure.status.${m.status}`)})` : m.title}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}

function EvaluationForm({ meetingId, plan, participantsText }: { meetingId: string; plan: MeetingPlanOptions; participantsText: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-evaluation`);
  return (
    <FormDisclosure form={form} summary={t("meetings.decisions.evaluate")}>
      <MeetingForm form={form} meetingId={meetingId} intent="evaluation" anchor={ANCHOR}>
        <TargetSelect formId={form.formId} label={t("meetings.decisions.evaluateWhat")} plan={plan} withVersion={false} error={form.error("target")} defaultValue={form.value("target")} />
        <TextField form={form} name="date" type="date" label={t("evaluation.date")} required defaultValue={todayInOslo()} />
        <TextField form={form} name="participants" label={t("evaluation.participants")} hint={t("evaluation.participantsHint")} required defaultValue={participantsText} />
        <TextArea form={form} name="achieved" label={t("evaluation.achieved")} required rows={3} />
        <TextArea form={form} name="nextStep" label={t("evaluation.nextStep")} optional rows={2} />
        <div className="grid-2">
          <SelectField
            form={form}
            name="newScore"
            label={t("meetings.decisions.newScore")}
            optional
            options={scoreOptions(t)}
            empty={t("common.notSet")}
          />
          <SelectField
            form={form}
            name="attained"
            label={t("meetings.decisions.attained")}
            optional
            options={ATTAINMENTS.map((a) => ({ value: a, label: t(`goal.attained.${a}`) }))}
            empty={t("common.notSet")}
          />
        </div>
        <Submit form={form}>{t("evaluation.submit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}

function StatusForm({ meetingId, plan, kind }: { meetingId: string; plan: MeetingPlanOptions; kind: "goal" | "measure" }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-${kind}-status`);
  const statuses = kind === "goal" ? GOAL_STATUSES : MEASURE_STATUSES;
  if (kind === "measure" && !plan.goals.some((g) => g.measures.length)) return null;
  return (
    <FormDisclosure form={form} summary={kind === "goal" ? t("meetings.decisions.goalStatus") : t("meetings.decisions.measureStatus")}>
      <MeetingForm form={form} meetingId={meetingId} intent={`${kind}-status`} anchor={ANCHOR}>
        <TargetSelect
          formId={form.formId}
          label={kind === "goal" ? t("meetings.decisions.whichGoal") : t("meetings.decisions.whichMeasure")}
          plan={plan}
          withVersion
          only={kind}
          error={form.error("target")}
        />
        <SelectField
          form={form}
          name="status"
          label={t("meetings.decisions.newStatus")}
          required
          options={statuses.map((s) => ({ value: s, label: t(`${kind}.status.${s}`) }))}
          empty={t("form.choose")}
        />
        <Submit form={form}>{t("meetings.decisions.saveStatus")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}

function MeasureForm({ meetingId, plan }: { meetingId: string; plan: MeetingPlanOptions }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-measure`);
  if (!plan.goals.length) return null;
  return (
    <FormDisclosure form={form} summary={t("meetings.decisions.addMeasure")}>
      <MeetingForm form={form} meetingId={meetingId} intent="measure-create" anchor={ANCHOR}>
        <SelectField form={form} name="goalId" label={t("meetings.decisions.forGoal")} required options={plan.goals.map((g) => ({ value: g.id, label: g.title }))} empty={t("form.choose")} />
        <TextField form={form} name="title" label={t("measure.field.title")} hint={t("measure.hint.title")} required />
        <TextArea form={form} name="description" label={t("measure.field.description")} hint={t("measure.hint.description")} optional rows={2} />
        <SelectField form={form} name="responsible" label={t("measure.field.responsible")} optional options={plan.responsible} empty={t("measure.noResponsible")} />
        <TextField form={form} name="evaluationDate" type="date" label={t("measure.field.evaluationDate")} optional />
        <Submit form={form}>{t("meetings.decisions.addMeasureSubmit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}

function TaskForm({ meetingId, plan }: { meetingId: string; plan: MeetingPlanOptions }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-task`);
  return (
    <FormDisclosure form={form} summary={t("meetings.tasks.add")}>
      <MeetingForm form={form} meetingId={meetingId} intent="task-create" anchor={ANCHOR}>
        <TextField form={form} name="title" label={t("meetings.tasks.what")} hint={t("meetings.tasks.whatHint")} required />
        <SelectField
          form={form}
          name="responsibleUserId"
          label={t("meetings.tasks.responsible")}
          required
          options={plan.people.map((p) => ({ value: p.id, label: p.name }))}
          empty={t("form.choose")}
        />
        <TextField form={form} name="dueDate" type="date" label={t("meetings.tasks.due")} required />
        <Submit form={form}>{t("meetings.tasks.submit")}</Submit>
      </MeetingForm>
    </FormDisclosure>
  );
}
