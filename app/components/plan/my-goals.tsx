import { useTranslation } from "../../i18n/use-translation.ts";
import { useLifeAreaOptions } from "../../hooks/use-plan-template.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { responsibleName, type GoalView, type PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { GoalDescription } from "./goal-description.tsx";
import { Period } from "./shared.tsx";

/** The user's goals and what is being done, in plain words ("Min plan"). */
export function MyGoals({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const mainGoals = plan.goals.filter((g) => !g.parentId);
  return (
    <section id="mal" aria-labelledby="my-goals-heading" className="card">
      <h2 id="my-goals-heading">{t("myPlan.goals")}</h2>
      {mainGoals.length ? (
        <ul className="plain-goals">
          {mainGoals.map((goal) => (
            <MyGoal key={goal.id} plan={plan} goal={goal} subGoals={plan.goals.filter((g) => g.parentId === goal.id)} />
          ))}
        </ul>
      ) : (
        <p>{t("myPlan.noGoals")}</p>
      )}
      {plan.access.canEditPlan ? <NewGoalForm /> : null}
    </section>
  );
}

function MyGoal({ plan, goal, subGoals }: { plan: PlanView; goal: GoalView; subGoals: GoalView[] }) {
  const { t } = useTranslation();
  const measures = [...goal.measures, ...subGoals.flatMap((s) => s.measures)];
  return (
    <li className="plain-goal">
      <h3>{goal.title}</h3>
      <p className="plain-goal-meta">
        <span className={`badge badge-goal-${goal.status.toLowerCase()}`}>{t(`myPlan.goalStatus.${goal.status}`)}</span>{" "}
        {goal.writtenByUser ? (
          <span className="badge badge-user">{goal.createdById === plan.viewer.id ? t("myPlan.writtenByYou") : t("myPlan.writtenBy", { name: plan.authors[goal.createdById] ?? "" })}</span>
        ) : null}{" "}
        <span className="hint">{t(`goal.lifeArea.${goal.lifeArea}`)}</span>
      </p>
      <GoalDescription plan={plan} goal={goal} label={t("myPlan.goalMore")} hint={t("myPlan.goalMoreHint")} />
      {subGoals.length ? (
        <>
          <p className="plain-label">{t("myPlan.steps")}</p>
          <ul className="plain-list">
            {subGoals.map((s) => (
              <li key={s.id}>
                {s.title} – {t(`myPlan.goalStatus.${s.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="plain-label">{t("myPlan.whatHappens")}</p>
      {measures.length ? (
        <ul className="plain-list">
          {measures.map((m) => {
            const who = responsibleName(plan, m);
            return (
              <li key={m.id}>
                <strong>{m.title}</strong>
                {m.amount ? ` (${m.amount})` : ""}
                <br />
                {who ? t("myPlan.who", { name: who }) : t("myPlan.noOneYet")}
                {m.startDate || m.endDate ? (
                  <>
                    <br />
                    {t("myPlan.when")} <Period from={m.startDate} to={m.endDate} />
                  </>
                ) : null}
                <br />
                <span className="hint">{t(`myPlan.measureStatus.${m.status}`)}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("myPlan.nothingYet")}</p>
      )}
    </li>
  );
}

function NewGoalForm() {
  const { t } = useTranslation();
  const areas = useLifeAreaOptions();
  const form = usePlanForm("goal-create");
  return (
    <FormDisclosure form={form} summary={t("myPlan.newGoal")}>
      <PlanFormElement form={form} intent="goal-create" anchor="mal">
        <p className="hint">{t("myPlan.newGoalHint")}</p>
        <TextField form={form} name="title" label={t("myPlan.goalTitle")} hint={t("myPlan.goalTitleHint")} required />
        <SelectField
          form={form}
          name="lifeArea"
          label={t("myPlan.lifeArea")}
          required
          options={areas}
          empty={t("form.choose")}
        />
        <TextArea form={form} name="description" label={t("myPlan.goalDescription")} optional rows={3} />
        <Submit form={form}>{t("myPlan.addGoal")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
