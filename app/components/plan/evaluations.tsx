import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { ATTAINMENTS } from "../../domain/lists.ts";
import { todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import type { EvaluationView, PlanView } from "../../lib/plan-types.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { StoredText } from "../collab/stored-text.tsx";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { GoalMovement } from "./assessment-goal.tsx";
import { DateText, Heading, scoreOptions } from "./shared.tsx";

interface EvaluationsProps {
  plan: PlanView;
  goalId?: string;
  measureId?: string;
  canEvaluate: boolean;
  level: number;
  anchor: string;
  /** The item is open for editing: "what was achieved" is a live shared text, not the stored one. */
  editing?: boolean;
}

/** Evaluations of a goal or a measure, newest first, and the form for a new one. */
export function Evaluations({ plan, goalId, measureId, canEvaluate, level, anchor, editing = false }: EvaluationsProps) {
  const { t } = useTranslation();
  const list = plan.evaluations.filter((e) => (goalId ? e.goalId === goalId : e.measureId === measureId));
  if (!list.length && !canEvaluate) return null;
  const headingId = `${anchor}-evaluations`;
  return (
    <details className="evaluations sub-part">
      <summary>
        <Heading level={level} id={headingId}>
          {goalId ? t("evaluation.titleGoal") : t("evaluation.titleMeasure")} ({list.length})
        </Heading>
      </summary>
      {/* A goal tied to the assessment: the change since its baseline, beside what the evaluations found. */}
      {goalId ? <GoalMovement goalId={goalId} /> : null}
      {list.length ? (
        <ol className="evaluation-list" reversed>
          {list.map((e) => {
            const documentName = collabDocument.evaluationAchieved(e.id);
            return (
              <EvaluationEntry
                key={e.id}
                evaluation={e}
                author={plan.authors[e.createdById]}
                achievedHtml={storedHtml(plan, documentName)}
                achievedEditor={
                  // What was achieved: a shared text, written by those who may evaluate (while the item
                  // is open), followed live by those who only read.
                  editing || !canEvaluate ? (
                  <CollabEditor
                    id={`evaluation-${e.id}-achieved`}
                    documentName={documentName}
                    label={t("evaluation.achieved")}
                    html={storedHtml(plan, documentName)}
                    text={e.achieved}
                    canEdit={canEvaluate}
                    viewer={plan.viewer}
                  />
                  ) : undefined
                }
              />
            );
          })}
        </ol>
      ) : (
        <p className="empty">{t("evaluation.none")}</p>
      )}
      {canEvaluate ? <EvaluationForm goalId={goalId} measureId={measureId} anchor={anchor} /> : null}
    </details>
  );
}

interface EvaluationEntryProps {
  evaluation: EvaluationView;
  author?: string;
  label?: string;
  /** "What was achieved" as the server last rendered it (print), instead of the plain text. */
  achievedHtml?: string;
  /** "What was achieved" as a live shared text, shown after the facts instead of among them. */
  achievedEditor?: ReactNode;
}

export function EvaluationEntry({ evaluation: e, author, label, achievedHtml, achievedEditor }: EvaluationEntryProps) {
  const { t } = useTranslation();
  const hasMore = Boolean(e.nextStep || e.newScore || e.attained);
  const more = (
    <>
      {e.nextStep ? (
        <div className="facts-row">
          <dt>{t("evaluation.nextStep")}</dt>
          <dd className="prose">{e.nextStep}</dd>
        </div>
      ) : null}
      {e.newScore ? (
        <div className="facts-row">
          <dt>{t("goal.field.newScore")}</dt>
          <dd>{t("goal.scoreOf", { score: e.newScore })}</dd>
        </div>
      ) : null}
      {e.attained ? (
        <div className="facts-row">
          <dt>{t("goal.field.attained")}</dt>
          <dd>{t(`goal.attained.${e.attained}`)}</dd>
        </div>
      ) : null}
    </>
  );
  return (
    <li className="evaluation">
      <p className="meta">
        {label ? <span className="evaluation-of">{t("evaluation.of", { title: label })}: </span> : null}
        <strong>
          <DateText value={e.date} />
        </strong>
        {author ? ` – ${t("evaluation.writtenBy", { name: author })}` : ""}
      </p>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("evaluation.participants")}</dt>
          <dd>{e.participants}</dd>
        </div>
        {achievedEditor ? null : (
          <div className="facts-row">
            <dt>{t("evaluation.achieved")}</dt>
            <dd>
              <StoredText html={achievedHtml} text={e.achieved} />
            </dd>
          </div>
        )}
        {achievedEditor ? null : more}
      </dl>
      {achievedEditor}
      {achievedEditor && hasMore ? <dl className="facts">{more}</dl> : null}
    </li>
  );
}

function EvaluationForm({ goalId, measureId, anchor }: { goalId?: string; measureId?: string; anchor: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`evaluation-${goalId ?? measureId}`);
  return (
    <FormDisclosure form={form} summary={t("evaluation.add")}>
      <PlanFormElement form={form} intent="evaluation-create" anchor={anchor} hidden={goalId ? { goalId } : { measureId: measureId ?? "" }}>
        <TextField form={form} name="date" type="date" label={t("evaluation.date")} required defaultValue={todayInOslo()} />
        <TextField form={form} name="participants" label={t("evaluation.participants")} hint={t("evaluation.participantsHint")} required />
        <TextArea form={form} name="achieved" label={t("evaluation.achieved")} required rows={3} />
        <TextArea form={form} name="nextStep" label={t("evaluation.nextStep")} optional rows={2} />
        {goalId ? (
          <div className="grid-2">
            <SelectField form={form} name="newScore" label={t("goal.field.newScore")} optional options={scoreOptions(t)} empty={t("common.notSet")} />
            <SelectField
              form={form}
              name="attained"
              label={t("goal.field.attained")}
              optional
              options={ATTAINMENTS.map((a) => ({ value: a, label: t(`goal.attained.${a}`) }))}
              empty={t("common.notSet")}
            />
          </div>
        ) : null}
        <Submit form={form}>{t("evaluation.submit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
