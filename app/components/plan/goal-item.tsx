import { useTranslation } from "../../i18n/use-translation.ts";
import { FINISHED_GOAL_STATUSES, isOneOf } from "../../domain/lists.ts";
import { isDue } from "../../domain/oslo-time.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import type { GoalView, PlanView } from "../../lib/plan-types.ts";
import { StoredText } from "../collab/stored-text.tsx";
import { GoalMovement, GoalVariablesForm, useGoalMovement } from "./assessment-goal.tsx";
import { Comments } from "./comments.tsx";
import { Evaluations } from "./evaluations.tsx";
import { GoalCard } from "./goal-card.tsx";
import { GoalDescription } from "./goal-description.tsx";
import { GoalCreateForm, GoalEditForm } from "./goal-form.tsx";
import { GoalTexts } from "./goal-texts.tsx";
import { EditToggle, InPlaceEdit, useInPlace } from "./in-place.tsx";
import { DeleteItem, MoveButtons, useDragToMove } from "./item-actions.tsx";
import { MeasureItem } from "./measure-item.tsx";
import { MeasureCreateForm, type MeasureChoices } from "./measure-form.tsx";
import { Heading, StatusBadge, useAuthor } from "./shared.tsx";

interface GoalItemProps {
  plan: PlanView;
  goal: GoalView;
  subGoals: GoalView[];
  choices: MeasureChoices;
  level: number;
  /** Its siblings in the plan's order, and those shown with it (a life area's goals): "Flytt opp/ned". */
  siblings: string[];
  group?: string[];
  drag?: ReturnType<typeof useDragToMove>;
}

/**
 * One goal, read as a document: title, status, the card's facts, the description, its measures,
 * and (folded) its evaluations and comments. "Endre" opens its forms and shared texts in place.
 */
export function GoalItem({ plan, goal, subGoals, choices, level, siblings, group, drag }: GoalItemProps) {
  const { t } = useTranslation();
  const author = useAuthor(plan);
  const anchor = `goal-${goal.id}`;
  const edit = useInPlace(anchor);
  const { canEditPlan } = plan.access;
  const due = !isOneOf(FINISHED_GOAL_STATUSES, goal.status) && isDue(goal.evaluationDate);
  const subDrag = useDragToMove("goal", subGoals.map((g) => g.id));
  const measureDrag = useDragToMove("measure", goal.measures.map((m) => m.id));
  // What the goal works on in the assessment, and how it has moved since it was set (issue 15).
  const movement = useGoalMovement(goal.id) ? <GoalMovement goalId={goal.id} compact /> : null;
  return (
    <article className={goal.parentId ? "goal sub-goal" : "goal"} id={anchor} aria-labelledby={`${anchor}-heading`} {...drag?.target(goal.id)}>
      <div className="item-head">
        {canEditPlan && drag ? drag.handle(goal.id, t("removal.dragHandle", { label: goal.title })) : null}
        <Heading level={level} id={`${anchor}-heading`}>
          {goal.parentId ? <span className="visually-hidden">{t("goal.subGoal")}: </span> : null}
          {goal.title}
        </Heading>
        <StatusBadge kind="goal" value={goal.status} label={t(`goal.status.${goal.status}`)} />
        {goal.writtenByUser ? <span className="badge badge-user">{t("goal.writtenBy", { name: author(goal.createdById) })}</span> : null}
        {due ? <span className="badge badge-due">{t("goal.evaluationDue")}</span> : null}
        {canEditPlan ? (
          <div className="item-actions">
            <EditToggle state={edit} label={goal.title} />
            <MoveButtons kind="goal" id={goal.id} order={siblings} group={group} label={goal.title} anchor={anchor} />
          </div>
        ) : null}
      </div>
      {edit.open ? null : (
        <>
          {/* Those who may change it read the stored text until "Endre"; those who only read follow it live. */}
          {canEditPlan ? <StoredText html={storedHtml(plan, collabDocument.goalDescription(goal.id))} text={goal.description} empty="" /> : <GoalDescription plan={plan} goal={goal} />}
          <GoalCard goal={goal} withTexts compact extra={movement ? [[t("assessment.goal.heading"), movement]] : []} />
        </>
      )}
      {canEditPlan ? (
        <InPlaceEdit state={edit} live={<GoalDescription plan={plan} goal={goal} />}>
          <GoalTexts plan={plan} goal={goal} />
          <GoalEditForm goal={goal} />
          <GoalVariablesForm goalId={goal.id} />
          <DeleteItem kind="goal" id={goal.id} label={goal.title} anchor="mal" note={t("removal.goalAlso")} />
        </InPlaceEdit>
      ) : null}

      {goal.measures.length ? (
        <section className="measures" aria-labelledby={`${anchor}-measures`}>
          <Heading level={level + 1} id={`${anchor}-measures`}>
            {t("measure.title")} ({goal.measures.length})
          </Heading>
          <ul className="measure-list">
            {goal.measures.map((m) => (
              <MeasureItem key={m.id} plan={plan} measure={m} choices={choices} level={level + 2} siblings={goal.measures.map((x) => x.id)} drag={measureDrag} />
            ))}
          </ul>
        </section>
      ) : null}

      {!goal.parentId && subGoals.length ? (
        <section className="sub-goals" aria-labelledby={`${anchor}-subgoals`}>
          <Heading level={level + 1} id={`${anchor}-subgoals`}>
            {t("goal.subGoals")} ({subGoals.length})
          </Heading>
          {subGoals.map((sub) => (
            <GoalItem key={sub.id} plan={plan} goal={sub} subGoals={[]} choices={choices} level={level + 2} siblings={subGoals.map((g) => g.id)} drag={subDrag} />
          ))}
        </section>
      ) : null}

      {/* What can be added or read more of, folded on one line; an opened part takes the full width. */}
      <div className="item-footer">
        {canEditPlan ? <MeasureCreateForm goalId={goal.id} choices={choices} anchor={anchor} /> : null}
        {canEditPlan && !goal.parentId ? <GoalCreateForm parentId={goal.id} lifeArea={goal.lifeArea} anchor={anchor} /> : null}
        <Evaluations plan={plan} goalId={goal.id} canEvaluate={canEditPlan} level={level + 1} anchor={anchor} editing={edit.open} />
        <Comments plan={plan} targetType="goal" targetId={goal.id} level={level + 1} anchor={anchor} />
      </div>
    </article>
  );
}
