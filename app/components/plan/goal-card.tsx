import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { GoalView } from "../../lib/plan-types.ts";
import { DateText } from "./shared.tsx";

/**
 * The goal card (IBIC style): where the person is, where they want to be, and how it went.
 * `compact` (the plan read as a document) leaves out what is not filled in; the print view and
 * forms show every line.
 */
export function GoalCard({ goal, withTexts, compact = false, extra = [] }: { goal: GoalView; withTexts: boolean; compact?: boolean; extra?: [string, ReactNode][] }) {
  const { t } = useTranslation();
  const score = (value: number | null) => (value ? t("goal.scoreOf", { score: value }) : t("common.notSet"));
  const rows: [string, ReactNode, boolean][] = [
    ...(withTexts
      ? ([
          [t("goal.field.ownView"), goal.ownView || t("common.empty"), Boolean(goal.ownView)],
          [t("goal.field.othersInput"), goal.othersInput || t("common.empty"), Boolean(goal.othersInput)],
        ] as [string, ReactNode, boolean][])
      : []),
    [t("goal.field.baselineScore"), score(goal.baselineScore), Boolean(goal.baselineScore)],
    [t("goal.field.targetScore"), score(goal.targetScore), Boolean(goal.targetScore)],
    [t("goal.field.evaluationDate"), <DateText key="date" value={goal.evaluationDate} />, Boolean(goal.evaluationDate)],
    [t("goal.field.newScore"), score(goal.newScore), Boolean(goal.newScore)],
    [t("goal.field.attained"), goal.attained ? t(`goal.attained.${goal.attained}`) : t("common.notSet"), Boolean(goal.attained)],
    // More facts from elsewhere in the plan (the assessment's movement), shown only when there.
    ...extra.map(([label, value]): [string, ReactNode, boolean] => [label, value, true]),
  ];
  const shown = compact ? rows.filter(([, , filled]) => filled) : rows;
  if (!shown.length) return null;
  return (
    <dl className={compact ? "facts goal-card facts-compact" : "facts goal-card"} aria-label={t("goal.card")}>
      {shown.map(([label, value], i) => (
        <div className="facts-row" key={label}>
          <dt>{label}</dt>
          <dd className={withTexts && i < 2 ? "prose" : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
