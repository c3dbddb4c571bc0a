import type { AppLoadContext } from "@remix-run/node";
import { ASSESSMENT_METHODS, type AssessmentMethod } from "../domain/assessment.ts";
import { FormRefusal, runFormAction, savedAnswer } from "./form-action.server.ts";
import { text } from "./form-values.ts";

// The Kartlegging forms (issue 15): a staff assessment, the person's own view, and what a goal
// works on. Posted to the plan page (and "Min plan" for the own view); answered like the plan's
// other forms: data with JavaScript, a redirect back without, and on a refusal the messages in
// the person's language beside the form and everything they sent.

export const ASSESSMENT_INTENTS = ["assessment-record", "assessment-own-view", "goal-variables"] as const;

export const isAssessmentIntent = (intent: string) => (ASSESSMENT_INTENTS as readonly string[]).includes(intent);

/** Fields named "<prefix>.<key>" → { key: value }. */
function byPrefix(form: FormData, prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, value] of form.entries()) if (typeof value === "string" && name.startsWith(`${prefix}.`)) found.set(name.slice(prefix.length + 1), value);
  return found;
}

/**
 * The scores an assessment form gives: 1 on every variable of an "Alt greit" area, each chosen
 * score of an area looked at closer, and nothing of an area not assessed now.
 */
export function recordScores(form: FormData): Record<string, number> {
  const areas = byPrefix(form, "area");
  const areaOf = byPrefix(form, "areaOf");
  const scores: Record<string, number> = {};
  for (const [key, value] of byPrefix(form, "score")) {
    const area = areaOf.get(key);
    if (area && areas.get(area) !== "detail") continue;
    if (value !== "") scores[key] = Number(value);
  }
  for (const [key, area] of areaOf) if (areas.get(area) === "ok") scores[key] = 1;
  return scores;
}

/** The own views the person changed: a score or words different from what the form started with. */
export function changedOwnViews(form: FormData): { variable: string; score: number | null; words: string }[] {
  const scores = byPrefix(form, "own");
  const words = byPrefix(form, "words");
  const keys = new Set([...scores.keys(), ...words.keys()]);
  const views: { variable: string; score: number | null; words: string }[] = [];
  for (const key of keys) {
    const score = scores.get(key) ?? "";
    const said = (words.get(key) ?? "").trim();
    if (score === text(form, `_orig.own.${key}`) && said === text(form, `_orig.words.${key}`).trim()) continue;
    if (score === "" && said === "") continue;
    views.push({ variable: key, score: score === "" ? null : Number(score), words: said });
  }
  return views;
}

export function assessmentAction(context: AppLoadContext, request: Request, planId: string, form: FormData) {
  const intent = text(form, "intent");
  // The procedures' paths ("scores.IPLOS:13", "views.0.words") as the form's field names.
  const views = intent === "assessment-own-view" ? changedOwnViews(form) : [];
  const fieldName = (path: string) => {
    const view = /^views\.(\d+)\.(score|words)$/.exec(path);
    if (view) return `${view[2] === "score" ? "own" : "words"}.${views[Number(view[1])]?.variable ?? ""}`;
    if (path.startsWith("scores.")) return `score.${path.slice(7)}`;
    if (path.startsWith("methods")) return "methods";
    return path;
  };
  return runFormAction(
    context,
    form,
    async (caller) => {
      if (intent === "assessment-record") {
        const methods = ASSESSMENT_METHODS.filter((m) => text(form, `method.${m}`) === "yes") as AssessmentMethod[];
        if (!methods.length) throw new FormRefusal("assessment.form.methodsRequired", "methods");
        const note = text(form, "note").trim();
        const scores = recordScores(form);
        if (!Object.keys(scores).length) throw new FormRefusal("assessment.form.nothingAssessed");
        return caller.assessment.record({ planId, assessedOn: text(form, "assessedOn"), methods, note: note || undefined, scores });
      }
      if (intent === "assessment-own-view") {
        if (!views.length) throw new FormRefusal("assessment.own.nothing");
        return caller.assessment.ownView({ planId, views });
      }
      const variables = [...byPrefix(form, "variable")].filter(([, v]) => v === "yes").map(([key]) => key);
      return caller.assessment.tieGoal({ goalId: text(form, "goalId"), variables });
    },
    {
      fieldName,
      onSuccess: () => {
        const page = new URL(request.url);
        page.searchParams.set("lagret", intent);
        return savedAnswer(form, page);
      },
    },
  );
}
