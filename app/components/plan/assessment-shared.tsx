import { createContext, useContext } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { AssessmentView } from "../../lib/assessment-types.ts";
import { ASSESSMENT_SCORES, levelWords, NOT_RELEVANT, variableKey, type AssessmentScore, type CodeList, type CodeListVariable, type LevelVoice } from "../../domain/assessment.ts";

// What the plan's Kartlegging parts share: the view the route loaded (assessment.forPlan), the
// words for a score, and the flag for a difference of 2 or more. Every score is shown on its
// own, in words; nothing here adds scores up (seed-001 §3.7).

/** The plan's assessment as the route loaded it; null where it could not be read (the parts then stay away). */
export const AssessmentContext = createContext<AssessmentView | null>(null);

export const useAssessment = () => useContext(AssessmentContext);

export const isScore = (n: number): n is AssessmentScore => (ASSESSMENT_SCORES as readonly number[]).includes(n);

/** "4 – Stort behov: …", "Ikke relevant"; in plain words for the person ("Jeg trenger mye hjelp"). */
export function useScoreText() {
  const { t } = useTranslation();
  return (variable: CodeListVariable | undefined, score: number | null | undefined, plain: boolean | LevelVoice = false): string => {
    if (score == null || !isScore(score)) return t("assessment.notScored");
    const words = variable ? levelWords(variable, score, plain) : levelWords({ system: "", code: "", text: "", plain: "", area: "" }, score, plain);
    if (score === NOT_RELEVANT) return words;
    return t("assessment.score", { score, words });
  };
}

/** The flag for a difference of 2 or more: a word and a sign, never colour alone. */
export function DifferenceFlag({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <span className="flag flag-differs">
      <span aria-hidden="true">⚑ </span>
      {text ?? t("assessment.differs")}
    </span>
  );
}

/** The areas in the list's order with their variables; areas without variables are left out. */
export function areasWithVariables(list: CodeList) {
  return list.areas.map((area) => ({ area, variables: list.variables.filter((v) => v.area === area.key) })).filter((a) => a.variables.length);
}

/** A variable's words by key: the current list's, else those it had when it was scored (AssessmentView.retired). */
export function variableOf(view: AssessmentView, key: string): CodeListVariable | undefined {
  return view.codeList.variables.find((v) => variableKey(v) === key) ?? view.retired[key];
}

/** An element id from a variable key ("IPLOS:06" → "IPLOS-06"). */
export const keyId = (key: string) => key.replace(/[^a-zA-Z0-9_-]/g, "-");
