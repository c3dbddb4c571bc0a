import { useTranslation } from "react-i18next";
import { FINISHED_GOAL_STATUSES, isOneOf } from "../../domain/lists.ts";
import { isDue } from "../../domain/oslo-time.ts";
import type { GoalView, PlanView } from "../../lib/plan-types.ts";
import { Comments } from "./comments.tsx";
import { Evaluations } from "./evaluations.tsx";
import { GoalCard } from "./goal-card.tsx";
import { GoalDescription } from "./goal-description.tsx";
import { GoalCreateForm, GoalEditForm } from "./goal-form.tsx";
import { GoalTexts } from "./goal-texts.tsx";
import { MeasureItem } from "./measure-item.tsx";
import { MeasureCreateForm, type MeasureChoices } from "./measure-form.tsx";
import { Heading, StatusBadge, useAuthor } from "./shared.tsx";

interface GoalItemProps {
  plan: PlanView;
  goal: GoalView;
  subGoals: GoalView[];
  choices: MeasureChoices;
  level: number;
}

/** One goal with its card, measures, evaluations, comments, and its sub-goals. */
export function GoalItem({ plan, goal, subGoals, choices, level }: GoalItemProps) {
  const { t } = useTranslation();
  const author = useAuthor(plan);
  const anchor = `goal-${goal.id}`;
  const { canEditPlan } = plan.access;
  const due = !isOneOf(FINISHED_GOAL_STATUSES, goal.status) && isDue(goal.evaluationDate);
  return (
    <article className={goal.parentId ? "goal sub-goal" : "goal"} id={anchor} aria-labelledby={`${anchor}-heading`}>
      <div className="item-head">
        <Heading level={level} id={`${anchor}-heading`}>
          {goal.parentId ? <span className="visually-hidden">{t("goal.subGoal")}: </span> : null}
          {goal.title}
        </Heading>
        <StatusBadge kind="goal" value={goal.status} label={t(`goal.status.${goal.status}`)} />
        {goal.writtenByUser ? <span className="badge badge-user">{t("goal.writtenBy", { name: author(goal.createdById) })}</span> : null}
        {due ? <span className="badge badge-due">{t("goal.evaluationDue")}</span> : null}
      </div>
      <GoalDescription plan={plan} goal={goal} />
      <GoalCard goal={goal} withTexts={!canEditPlan} />
      {canEditPlan ? <GoalTexts plan={plan} goal={goal} /> : null}
      {canEditPlan ? <GoalEditForm goal={goal} /> : null}

      <section className="measures" aria-labelledby={`${anchor}-measures`}>
        <Heading level={level + 1} id={`${anchor}-measures`}>
          {t("measure.title")} ({goal.measures.length})
        </Heading>
        {goal.measures.length ? (
          <ul className="measure-list">
            {goal.measures.map((m) => (
              <MeasureItem key={m.id} plan={plan} measure={m} choices={choices} level={level + 2} />
            ))}
          </ul>
        ) : (
          <p className="empty">{t("measure.none")}</p>
        )}
        {canEditPlan ? <MeasureCreateForm goalId={goal.id} choices={choices} anchor={anchor} /> : null}
      </section>

      <Evaluations plan={plan} goalId={goal.id} canEvaluate={canEditPlan} level={level + 1} anchor={anchor} />
      <Comments plan={plan} targetType="goal" targetId={goal.id} level={level + 1} anchor={anchor} />

      {!goal.parentId ? (
        <section className="sub-goals" aria-labelledby={`${anchor}-subgoals`}>
          <Heading level={level + 1} id={`${anchor}-subgoals`}>
            {t("goal.subGoals")} ({subGoals.length})
          </Heading>
          {subGoals.map((sub) => (
            <GoalItem key={sub.id} plan={plan} goal={sub} subGoals={[]} choices={choices} level={level + 2} />
          ))}
          {canEditPlan ? <GoalCreateForm parentId={goal.id} lifeArea={goal.lifeArea} anchor={anchor} /> : null}
        </section>
      ) : null}
    </article>
  );
}
