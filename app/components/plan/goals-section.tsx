import { useTranslation } from "react-i18next";
import { LIFE_AREAS } from "../../domain/lists.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { GoalCreateForm } from "./goal-form.tsx";
import { GoalItem } from "./goal-item.tsx";
import type { MeasureChoices } from "./measure-form.tsx";

/** Goals grouped by life area: main goals with their sub-goals, measures and evaluations. */
export function GoalsSection({ plan, choices }: { plan: PlanView; choices: MeasureChoices }) {
  const { t } = useTranslation();
  const mainGoals = plan.goals.filter((g) => !g.parentId);
  const areas = LIFE_AREAS.filter((area) => mainGoals.some((g) => g.lifeArea === area));
  return (
    <section id="mal" aria-labelledby="goals-heading" className="card section">
      <h2 id="goals-heading">{t("goal.sectionTitle")}</h2>
      <p className="hint">{t("goal.sectionHint")}</p>
      {areas.length ? (
        areas.map((area) => (
          <section key={area} className="life-area" aria-labelledby={`area-${area}`}>
            <h3 id={`area-${area}`}>{t(`goal.lifeArea.${area}`)}</h3>
            {mainGoals
              .filter((g) => g.lifeArea === area)
              .map((goal) => (
                <GoalItem
                  key={goal.id}
                  plan={plan}
                  goal={goal}
                  subGoals={plan.goals.filter((g) => g.parentId === goal.id)}
                  choices={choices}
                  level={4}
                />
              ))}
          </section>
        ))
      ) : (
        <p className="empty">{t("goal.none")}</p>
      )}
      {plan.access.canEditPlan ? <GoalCreateForm anchor="mal" /> : null}
    </section>
  );
}
