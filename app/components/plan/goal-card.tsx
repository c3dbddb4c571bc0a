import { useTranslation } from "react-i18next";
import type { GoalView } from "../../lib/plan-types.ts";
import { DateText } from "./shared.tsx";

/** The goal card (IBIC style): where the person is, where they want to be, and how it went. */
export function GoalCard({ goal, withTexts }: { goal: GoalView; withTexts: boolean }) {
  const { t } = useTranslation();
  const score = (value: number | null) => (value ? t("goal.scoreOf", { score: value }) : t("common.notSet"));
  return (
    <dl className="facts goal-card" aria-label={t("goal.card")}>
      {withTexts ? (
        <>
          <div className="facts-row">
            <dt>{t("goal.field.ownView")}</dt>
            <dd className="prose">{goal.ownView || t("common.empty")}</dd>
          </div>
          <div className="facts-row">
            <dt>{t("goal.field.othersInput")}</dt>
            <dd className="prose">{goal.othersInput || t("common.empty")}</dd>
          </div>
        </>
      ) : null}
      <div className="facts-row">
        <dt>{t("goal.field.baselineScore")}</dt>
        <dd>{score(goal.baselineScore)}</dd>
      </div>
      <div className="facts-row">
        <dt>{t("goal.field.targetScore")}</dt>
        <dd>{score(goal.targetScore)}</dd>
      </div>
      <div className="facts-row">
        <dt>{t("goal.field.evaluationDate")}</dt>
        <dd>
          <DateText value={goal.evaluationDate} />
        </dd>
      </div>
      <div className="facts-row">
        <dt>{t("goal.field.newScore")}</dt>
        <dd>{score(goal.newScore)}</dd>
      </div>
      <div className="facts-row">
        <dt>{t("goal.field.attained")}</dt>
        <dd>{goal.attained ? t(`goal.attained.${goal.attained}`) : t("common.notSet")}</dd>
      </div>
    </dl>
  );
}
