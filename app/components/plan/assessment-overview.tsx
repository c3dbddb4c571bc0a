import { useTranslation } from "../../i18n/use-translation.ts";
import type { AssessmentView } from "../../lib/assessment-types.ts";
import { variableKey } from "../../domain/assessment.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";
import { areasWithVariables, DifferenceFlag, keyId, useScoreText, variableOf } from "./assessment-shared.tsx";

/** Why the assessment should be done again, in words, or null when it is fresh. */
export function useOutOfDateText() {
  const { t } = useTranslation();
  const lang = useLang();
  return (view: AssessmentView): string | null => {
    if (!view.outOfDate) return null;
    const { reason, since } = view.outOfDate;
    return t(`assessment.outOfDate.${reason}`, { months: view.maxAgeMonths, date: since ? formatDate(since, lang) : "" });
  };
}

/** Shown to everyone who reads the plan; the coordinator is the one who acts on it. */
export function OutOfDateNotice({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const text = useOutOfDateText()(view);
  if (!text) return null;
  return (
    <div className="alert alert-warning" role="note">
      <p className="alert-title">{t("assessment.outOfDate.title")}</p>
      <p>{text}</p>
    </div>
  );
}

/** When, by whom and how the latest assessment was made. */
export function LatestAssessment({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const latest = view.assessments[0];
  if (!latest) return <p className="empty">{t("assessment.none")}</p>;
  return (
    <p className="meta">
      {t("assessment.latest", {
        date: formatDate(latest.assessedOn, lang),
        name: latest.assessedBy.name,
        methods: latest.methods.map((m) => t(`assessment.method.${m}`).toLowerCase()).join(", "),
      })}
      {latest.note ? (
        <>
          {" "}
          {t("assessment.note")}: {latest.note}
        </>
      ) : null}
    </p>
  );
}

/**
 * The life areas, each variable's current score from staff in words beside the person's own
 * view, and the flag where they differ by 2 or more. Every score stands on its own: no sums.
 */
export function AssessmentOverview({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const scoreText = useScoreText();
  const differing = new Set(view.differences.map((d) => d.variable));
  const shown = scoredAreas(view);
  if (!shown.length) return null;
  return (
    <div className="assessment-overview">
      {view.differences.length ? (
        <p>
          <DifferenceFlag text={t("assessment.differencesCount", { count: view.differences.length })} />
        </p>
      ) : null}
      {shown.map(({ area, variables }) => (
        <section key={area.key} className="assessment-area" aria-labelledby={`assessment-area-${area.key}`}>
          <h3 id={`assessment-area-${area.key}`}>{area.name}</h3>
          <table className="responsive-table assessment-table">
            <caption className="visually-hidden">{area.name}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assessment.variable")}</th>
                <th scope="col">{t("assessment.staffScore")}</th>
                <th scope="col">{t("assessment.ownView")}</th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v) => {
                const key = `${v.system}:${v.code}`;
                const own = view.ownViews[key];
                return (
                  <tr key={key} id={`assessment-${keyId(key)}`} className={differing.has(key) ? "row-differs" : undefined}>
                    <th scope="row">{v.text}</th>
                    <td data-label={t("assessment.staffScore")}>{scoreText(v, view.current[key]?.score)}</td>
                    <td data-label={t("assessment.ownView")}>
                      {own ? (
                        <>
                          {own.score != null ? scoreText(v, own.score, true) : <span className="meta">{t("assessment.ownViewWordsOnly")}</span>}
                          {own.words ? <span className="own-words">«{own.words}»</span> : null}
                          <span className="meta"> – {own.givenBy.name}</span>
                        </>
                      ) : (
                        <span className="meta">{t("assessment.ownViewNone")}</span>
                      )}
                      {differing.has(key) ? <DifferenceFlag /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

/**
 * The areas with the variables that have a score or an own view, in the list's order. Variables
 * only in an older version of the list still show (under their own area): no score is ever hidden.
 */
export function scoredAreas(view: AssessmentView) {
  const has = (key: string) => Boolean(view.current[key] || view.ownViews[key]);
  const areas = areasWithVariables(view.codeList).map(({ area, variables }) => ({ area, variables: variables.filter((v) => has(variableKey(v))) }));
  for (const [key, v] of Object.entries(view.retired)) {
    if (!has(key)) continue;
    let group = areas.find((a) => a.area.key === v.area);
    if (!group) {
      group = { area: { key: v.area, name: v.area, plain: v.area }, variables: [] };
      areas.push(group);
    }
    group.variables.push(v);
  }
  return areas.filter((a) => a.variables.length);
}

/** Every assessment, newest first, folded: when, who, how, and the scores that changed since the one before. */
export function AssessmentHistory({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!view.assessments.length) return null;
  return (
    <details className="sub-part assessment-history">
      <summary>
        <h3>{t("assessment.history", { count: view.assessments.length })}</h3>
      </summary>
      <ol className="assessment-history-list">
        {view.assessments.map((a, i) => {
          const before = view.assessments[i + 1];
          const changed = before ? Object.entries(a.scores).filter(([key, score]) => before.scores[key] !== score) : [];
          return (
            <li key={a.id}>
              <p className="meta">
                <strong>{t("assessment.historyItem", { date: formatDate(a.assessedOn, lang), name: a.assessedBy.name })}</strong> ·{" "}
                {a.methods.map((m) => t(`assessment.method.${m}`)).join(", ")}
              </p>
              {a.note ? <p className="prose">{a.note}</p> : null}
              {!before ? (
                <p>{t("assessment.historyFirst", { count: Object.keys(a.scores).length })}</p>
              ) : changed.length ? (
                <>
                  <p>{t("assessment.historyChanged")}</p>
                  <ul>
                    {changed.map(([key, score]) => (
                      <li key={key}>
                        {t("assessment.historyChange", {
                          variable: variableOf(view, key)?.text ?? key,
                          from: before.scores[key] === undefined ? t("assessment.notScored").toLowerCase() : before.scores[key] === 9 ? t("assessment.notRelevant").toLowerCase() : before.scores[key],
                          to: score === 9 ? t("assessment.notRelevant").toLowerCase() : score,
                        })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{t("assessment.historyNoChange")}</p>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
