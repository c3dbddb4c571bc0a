import { useTranslation } from "../../i18n/use-translation.ts";
import type { AssessmentView } from "../../lib/assessment-types.ts";
import { ASSESSMENT_METHODS, ASSESSMENT_SCORES, levelWords, variableKey } from "../../domain/assessment.ts";
import { todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm, type PlanForm } from "../../hooks/use-plan-form.ts";
import { FormDisclosure, HintAndError, PlanFormElement, Submit, TextArea, TextField } from "../form.tsx";
import { areasWithVariables, keyId } from "./assessment-shared.tsx";

// "Ny kartlegging": staff score the life areas they assess now. Each area starts "Ikke vurdert
// nå", so a score is never dated today unless someone looked at it; an area with no
// difficulties is "Alt greit her" in one step (1 on all its variables); "Se nærmere på området"
// shows its variables, each a radio group with the scoring guide's words at every level,
// prefilled with the scores that apply now. Plain form fields throughout: it works without
// JavaScript (the variables show by CSS when "se nærmere" is chosen), and a refused save draws
// it again with what was sent.

export const AREA_OK = "ok";
export const AREA_DETAIL = "detail";
export const AREA_SKIP = "skip";

/** The form's starting values: today, a conversation, every area not assessed now, each variable's current score. */
function startValues(view: AssessmentView): Record<string, string> {
  const values: Record<string, string> = { assessedOn: todayInOslo(), "method.CONVERSATION": "yes" };
  for (const { area, variables } of areasWithVariables(view.codeList)) {
    for (const v of variables) {
      const score = view.current[variableKey(v)]?.score;
      if (score != null) values[`score.${variableKey(v)}`] = String(score);
    }
    values[`area.${area.key}`] = AREA_SKIP;
  }
  return values;
}

export function AssessmentForm({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const form = usePlanForm("assessment-record", { values: startValues(view) });
  // Which area each variable is in, so "Alt greit her" sets all of the area's variables to 1.
  const areaOf = Object.fromEntries(view.codeList.variables.map((v) => [`areaOf.${variableKey(v)}`, v.area]));
  return (
    <FormDisclosure form={form} summary={t("assessment.form.open")}>
      <PlanFormElement form={form} intent="assessment-record" anchor="kartlegging" hidden={areaOf} className="stack assessment-form" aria-label={t("assessment.form.title")}>
        <p className="hint">{t("assessment.form.hint")}</p>
        <TextField form={form} name="assessedOn" type="date" label={t("assessment.form.date")} required />
        <Methods form={form} />
        <TextArea form={form} name="note" label={t("assessment.form.note")} hint={t("assessment.form.noteHint")} optional rows={2} />
        {areasWithVariables(view.codeList).map(({ area, variables }) => (
          <AreaChoice key={area.key} form={form} areaKey={area.key} name={area.name}>
            {variables.map((v) => {
              const key = variableKey(v);
              return (
                <ScoreGroup
                  key={key}
                  form={form}
                  name={`score.${key}`}
                  legend={v.text}
                  options={ASSESSMENT_SCORES.map((s) => ({ value: String(s), label: s === 9 ? levelWords(v, s, false) : `${s} – ${levelWords(v, s, false)}` }))}
                />
              );
            })}
          </AreaChoice>
        ))}
        <Submit form={form}>{t("assessment.form.submit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

function Methods({ form }: { form: PlanForm }) {
  const { t } = useTranslation();
  const id = `${form.formId}-methods`;
  const error = form.error("methods");
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend>{t("assessment.form.methods")}</legend>
      <HintAndError id={id} hint={t("assessment.form.methodsHint")} error={error} />
      <div className="assessment-methods">
        {ASSESSMENT_METHODS.map((m) => (
          <div key={m} className="checkbox">
            <input id={`${id}-${m}`} type="checkbox" name={`method.${m}`} value="yes" defaultChecked={form.value(`method.${m}`) === "yes"} />
            <label htmlFor={`${id}-${m}`}>{t(`assessment.method.${m}`)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** One life area: "Alt greit her" or "Se nærmere på området", and (shown for the latter) its variables. */
function AreaChoice({ form, areaKey, name, children }: { form: PlanForm; areaKey: string; name: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const field = `area.${areaKey}`;
  const id = `${form.formId}-area-${areaKey}`;
  const chosen = form.value(field) || AREA_SKIP;
  return (
    <fieldset className="fieldset assessment-area-choice">
      <legend>{name}</legend>
      <div className="area-switch">
        {[AREA_SKIP, AREA_OK, AREA_DETAIL].map((value) => (
          <div key={value} className="radio">
            <input id={`${id}-${value}`} type="radio" name={field} value={value} defaultChecked={chosen === value} />
            <label htmlFor={`${id}-${value}`}>{value === AREA_OK ? t("assessment.form.areaOk") : value === AREA_DETAIL ? t("assessment.form.areaDetail") : t("assessment.form.areaSkip")}</label>
          </div>
        ))}
      </div>
      <div className="area-variables">{children}</div>
    </fieldset>
  );
}

/** A variable's score: 1–5 and 9, the scoring guide's words at each level. */
export function ScoreGroup({ form, name, legend, hint, options }: { form: PlanForm; name: string; legend: string; hint?: string; options: { value: string; label: string }[] }) {
  const id = `${form.formId}-${keyId(name)}`;
  const error = form.error(name) ?? form.error(name.replace(/^score\./, "scores."));
  const checked = form.value(name);
  return (
    <fieldset className="fieldset radio-group score-group" aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((o) => (
        <div key={o.value} className="radio">
          <input id={`${id}-${o.value}`} type="radio" name={name} value={o.value} defaultChecked={checked === o.value} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
