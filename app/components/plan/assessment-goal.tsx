import { useTranslation } from "../../i18n/use-translation.ts";
import { variableKey } from "../../domain/assessment.ts";
import { formatMonth } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { useLang } from "../../lib/use-lang.ts";
import { PlanFormElement, Submit } from "../form.tsx";
import { areasWithVariables, keyId, useAssessment, variableOf } from "./assessment-shared.tsx";

// A goal tied to the assessment (issue 15 part 3): the movement since its baseline, against its
// target, in words; and the choice of what in the assessment the goal works on.

/** The goal's ties to the assessment, if it has any. */
export function useGoalMovement(goalId: string) {
  const view = useAssessment();
  const goal = view?.goals.find((g) => g.goalId === goalId);
  return goal?.variables.length ? goal : null;
}

/**
 * `compact` (the goal card, where room is short): "Hukommelse: 4 → 3 · bedre"; the evaluations
 * give the whole line with the start's date.
 *
 * "Hukommelse: 4 ved start (mars 2025) → 3 nå · bedre", one line per variable the goal works on.
 * The goal's own target ("Ønsket skår") is on the goal card's scale (1 far away … 5 there), not
 * the assessment's (1 manages alone … 5 needs help with all), so it is not put beside these.
 */
export function GoalMovement({ goalId, compact = false }: { goalId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const view = useAssessment();
  const goal = view?.goals.find((g) => g.goalId === goalId);
  if (!view || !goal?.variables.length) return null;
  const score = (n: number | null) => (n == null ? t("assessment.goal.noScore") : n === 9 ? t("assessment.notRelevant").toLowerCase() : String(n));
  return (
    <ul className="goal-movement" aria-label={t("assessment.goal.heading")}>
      {goal.variables.map((m) => {
        const name = variableOf(view, m.variable)?.text ?? m.variable;
        const words = m.improvement == null ? null : m.improvement > 0 ? t("assessment.goal.better") : m.improvement === 0 ? t("assessment.goal.same") : t("assessment.goal.worse");
        const values = { variable: name, baseline: score(m.baselineScore), current: score(m.currentScore), date: m.baselineOn ? formatMonth(m.baselineOn.slice(0, 7), lang) : "" };
        return (
          <li key={m.variable}>
            {compact ? t("assessment.goal.movementShort", values) : m.baselineOn ? t("assessment.goal.movement", values) : t("assessment.goal.movementNoDate", values)}
            {words ? (
              <>
                {" · "}
                <strong className={`movement movement-${m.improvement! > 0 ? "better" : m.improvement === 0 ? "same" : "worse"}`}>{words}</strong>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "Hva i kartleggingen jobber målet med?": checkboxes by life area, in the goal's edit mode. */
export function GoalVariablesForm({ goalId }: { goalId: string }) {
  const { t } = useTranslation();
  const view = useAssessment();
  const tied = view?.goals.find((g) => g.goalId === goalId)?.variables.map((v) => v.variable) ?? [];
  const values = Object.fromEntries(tied.map((key) => [`variable.${key}`, "yes"]));
  const form = usePlanForm(`goal-variables-${goalId}`, { values });
  if (!view?.canTieGoals) return null;
  const id = form.formId;
  const error = form.error("variables");
  // Ties to variables the administrator has since left out of the list stay until untied here.
  const listed = new Set(view.codeList.variables.map(variableKey));
  const retired = tied.filter((key) => !listed.has(key));
  const checkbox = (key: string, text: string) => (
    <div key={key} className="checkbox">
      <input id={`${id}-${keyId(key)}`} type="checkbox" name={`variable.${key}`} value="yes" defaultChecked={form.value(`variable.${key}`) === "yes"} />
      <label htmlFor={`${id}-${keyId(key)}`}>{text}</label>
    </div>
  );
  return (
    <PlanFormElement form={form} intent="goal-variables" anchor={`goal-${goalId}`} hidden={{ goalId }} className="stack goal-variables-form">
      <fieldset className="fieldset" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        <legend>{t("assessment.goal.tieTitle")}</legend>
        <p id={`${id}-hint`} className="hint">
          {t("assessment.goal.tieHint")}
        </p>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
        <div className="goal-variables-areas">
          {areasWithVariables(view.codeList).map(({ area, variables }) => (
            <fieldset key={area.key} className="goal-variables-area">
              <legend>{area.name}</legend>
              {variables.map((v) => checkbox(variableKey(v), v.text))}
            </fieldset>
          ))}
          {retired.length ? (
            <fieldset className="goal-variables-area">
              <legend>{t("assessment.goal.retired")}</legend>
              {retired.map((key) => checkbox(key, variableOf(view, key)?.text ?? key))}
            </fieldset>
          ) : null}
        </div>
      </fieldset>
      <Submit form={form}>{t("assessment.goal.tieSubmit")}</Submit>
    </PlanFormElement>
  );
}
