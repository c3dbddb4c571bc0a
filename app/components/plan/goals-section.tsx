import { useTranslation } from "../../i18n/use-translation.ts";
import { LIFE_AREAS } from "../../domain/lists.ts";
import { useLifeAreaName, usePlanTemplate } from "../../hooks/use-plan-template.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { GoalCreateForm } from "./goal-form.tsx";
import { GoalItem } from "./goal-item.tsx";
import { useDragToMove } from "./item-actions.tsx";
import type { MeasureChoices } from "./measure-form.tsx";
import { PlanSection } from "./in-place.tsx";

/** Goals grouped by life area, in the order the group chose: main goals with their sub-goals, measures and evaluations. */
export function GoalsSection({ plan, choices }: { plan: PlanView; choices: MeasureChoices }) {
  const { t } = useTranslation();
  const mainGoals = plan.goals.filter((g) => !g.parentId);
  const order = mainGoals.map((g) => g.id);
  const drag = useDragToMove("goal", order);
  // The template's areas in its order and with its names, then any a goal kept from before.
  const template = usePlanTemplate();
  const areaName = useLifeAreaName();
  const ordered = [...template.lifeAreas.map((a) => a.area), ...LIFE_AREAS];
  const areas = ordered.filter((area, i) => ordered.indexOf(area) === i && mainGoals.some((g) => g.lifeArea === area));
  return (
    <PlanSection id="mal" headingId="goals-heading" title={t("goal.sectionTitle")}>
      <p className="hint">{t("goal.sectionHint")}</p>
      {areas.length ? (
        areas.map((area) => {
          const inArea = mainGoals.filter((g) => g.lifeArea === area);
          return (
            <section key={area} className="life-area" aria-labelledby={`area-${area}`}>
              <h3 id={`area-${area}`}>{areaName(area)}</h3>
              {inArea.map((goal) => (
                <GoalItem
                  key={goal.id}
                  plan={plan}
                  goal={goal}
                  subGoals={plan.goals.filter((g) => g.parentId === goal.id)}
                  choices={choices}
                  level={4}
                  siblings={order}
                  group={inArea.map((g) => g.id)}
                  drag={drag}
                />
              ))}
            </section>
          );
        })
      ) : (
        <p className="empty">{t("goal.none")}</p>
      )}
      {plan.access.canEditPlan ? <GoalCreateForm anchor="mal" /> : null}
    </PlanSection>
  );
}
