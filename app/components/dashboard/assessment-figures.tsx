import { useTranslation } from "../../i18n/use-translation.ts";
import type { Caller } from "../../../server/router.ts";
import { ASSESSMENT_SCORES, NOT_RELEVANT } from "../../domain/assessment.ts";
import { formatNumber } from "../../domain/numbers.ts";
import { useLang } from "../../lib/use-lang.ts";
import { BarTable, Figure } from "./figure.tsx";

// "Kartlegging" on the coordinating unit's overview and the unit leader's page (issue 15): the
// figures of dashboard.assessments, each with what it shows and what it does not, visible under
// "Hva viser tallet?". Counts hidden in publication mode (null) read "under 5", as elsewhere.

/** What dashboard.assessments answers: only numbers and strings, the same after the loader's JSON. */
type AssessmentFiguresData = Awaited<ReturnType<Caller["dashboard"]["assessments"]>>;

function Explanation({ what, not }: { what: string; not: string }) {
  const { t } = useTranslation();
  return (
    <details className="figure-explanation">
      <summary>{t("assessmentFigures.whatHeading")}</summary>
      <p>{what}</p>
      <h4>{t("assessmentFigures.notHeading")}</h4>
      <p>{not}</p>
    </details>
  );
}

function useCount() {
  const { t } = useTranslation();
  const lang = useLang();
  return (value: number | null | undefined) => (value === null || value === undefined ? t("assessmentFigures.hidden") : formatNumber(value, lang));
}

function ScoreTable({ caption, rows, idPrefix }: { caption: string; rows: AssessmentFiguresData["scores"]; idPrefix: string }) {
  const { t } = useTranslation();
  const count = useCount();
  const scoreLabel = (score: number) => (score === NOT_RELEVANT ? t("assessmentFigures.scores.notRelevant") : t("assessmentFigures.scores.score", { score }));
  return (
    <table className="responsive-table assessment-table" id={`${idPrefix}-scores`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("assessmentFigures.scores.area")}</th>
          {ASSESSMENT_SCORES.map((score) => (
            <th scope="col" key={score}>
              {scoreLabel(score)}
            </th>
          ))}
          <th scope="col">{t("assessmentFigures.scores.people")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.area}>
            <th scope="row" data-label={t("assessmentFigures.scores.area")}>
              {row.name}
            </th>
            {ASSESSMENT_SCORES.map((score) => (
              <td key={score} data-label={scoreLabel(score)}>
                {count(row.scores[score])}
              </td>
            ))}
            <td data-label={t("assessmentFigures.scores.people")}>{count(row.people)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The section, under an h2 on both pages. */
export function AssessmentFigures({ figures, listHref }: { figures: AssessmentFiguresData; listHref: (metric: string) => string | null }) {
  const { t } = useTranslation();
  const count = useCount();
  const months = figures.maxAgeMonths;
  const p = figures.plans;
  const coverage = [
    ["withAssessment", t("assessmentFigures.coverage.withAssessment")],
    ["withoutAssessment", t("assessmentFigures.coverage.withoutAssessment")],
    ["assessmentOutOfDate", t("assessmentFigures.coverage.assessmentOutOfDate", { months })],
    ["withOwnView", t("assessmentFigures.coverage.withOwnView")],
    ["withUserWrittenGoals", t("assessmentFigures.coverage.withUserWrittenGoals")],
  ] as const;
  const goals = figures.goals.filter((row) => row.goals !== 0);
  // A share of a hidden count is left out (it would give the count away), and said so.
  const shares = coverage.flatMap(([key, label]) => (figures.shares[key] === null ? [] : [{ label, value: figures.shares[key] }]));
  return (
    <section aria-labelledby="assessment-figures-heading" className="assessment-figures">
      <h2 id="assessment-figures-heading">{t("assessmentFigures.title")}</h2>
      <p>
        {p.withAssessment === null || p.activePlans === null
          ? t("assessmentFigures.introHidden")
          : t("assessmentFigures.intro", { withAssessment: count(p.withAssessment), activePlans: count(p.activePlans) })}
      </p>
      <p className="hint">{t("assessmentFigures.staffNotPerson")}</p>

      <h3>{t("assessmentFigures.coverage.heading")}</h3>
      <dl className="figures">
        {coverage.map(([key, label]) => (
          <Figure key={key} label={label} value={p[key]} href={listHref(key)} alarm={key === "assessmentOutOfDate" || key === "withoutAssessment"} />
        ))}
      </dl>
      {shares.length ? (
        <BarTable
          caption={t("assessmentFigures.coverage.sharesCaption")}
          labelHeader={t("assessmentFigures.coverage.measure")}
          valueHeader={t("assessmentFigures.coverage.share")}
          rows={shares}
        />
      ) : null}
      {shares.length < coverage.length ? <p className="hint">{t("assessmentFigures.coverage.sharesHidden")}</p> : null}
      <Explanation what={t("assessmentFigures.coverage.what", { months })} not={t("assessmentFigures.coverage.not")} />

      <h3>{t("assessmentFigures.scores.heading")}</h3>
      <ScoreTable caption={t("assessmentFigures.scores.caption")} rows={figures.scores} idPrefix="all" />
      {figures.scoresPerUnit.length ? (
        <details className="figure-explanation">
          <summary>{t("assessmentFigures.scores.perUnitSummary")}</summary>
          {figures.scoresPerUnit.map((unit, i) => (
            <ScoreTable
              key={unit.unitId ?? "none"}
              idPrefix={`unit-${i}`}
              caption={t("assessmentFigures.scores.perUnitCaption", { unit: unit.unit ?? t("assessmentFigures.scores.noUnit") })}
              rows={unit.areas}
            />
          ))}
        </details>
      ) : null}
      <Explanation what={t("assessmentFigures.scores.what")} not={t("assessmentFigures.scores.not")} />

      <h3>{t("assessmentFigures.change.heading")}</h3>
      <table className="responsive-table assessment-table">
        <caption>{t("assessmentFigures.change.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assessmentFigures.change.area")}</th>
            <th scope="col">{t("assessmentFigures.change.improved")}</th>
            <th scope="col">{t("assessmentFigures.change.unchanged")}</th>
            <th scope="col">{t("assessmentFigures.change.worse")}</th>
            <th scope="col">{t("assessmentFigures.change.notComparable")}</th>
            <th scope="col">{t("assessmentFigures.change.people")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.change.map((row) => (
            <tr key={row.area}>
              <th scope="row" data-label={t("assessmentFigures.change.area")}>
                {row.name}
              </th>
              <td data-label={t("assessmentFigures.change.improved")}>{count(row.improved)}</td>
              <td data-label={t("assessmentFigures.change.unchanged")}>{count(row.unchanged)}</td>
              <td data-label={t("assessmentFigures.change.worse")}>{count(row.worse)}</td>
              <td data-label={t("assessmentFigures.change.notComparable")}>{count(row.notComparable)}</td>
              <td data-label={t("assessmentFigures.change.people")}>{count(row.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Explanation what={t("assessmentFigures.change.what")} not={t("assessmentFigures.change.not")} />

      <h3>{t("assessmentFigures.goals.heading")}</h3>
      {goals.length ? (
        <table className="responsive-table assessment-table">
          <caption>{t("assessmentFigures.goals.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessmentFigures.goals.lifeArea")}</th>
              <th scope="col">{t("assessmentFigures.goals.achieved")}</th>
              <th scope="col">{t("assessmentFigures.goals.partly")}</th>
              <th scope="col">{t("assessmentFigures.goals.notAttained")}</th>
              <th scope="col">{t("assessmentFigures.goals.notEvaluated")}</th>
              <th scope="col">{t("assessmentFigures.goals.goals")}</th>
            </tr>
          </thead>
          <tbody>
            {goals.map((row) => (
              <tr key={row.lifeArea}>
                <th scope="row" data-label={t("assessmentFigures.goals.lifeArea")}>
                  {t(`goal.lifeArea.${row.lifeArea}`)}
                </th>
                <td data-label={t("assessmentFigures.goals.achieved")}>{count(row.achieved)}</td>
                <td data-label={t("assessmentFigures.goals.partly")}>{count(row.partly)}</td>
                <td data-label={t("assessmentFigures.goals.notAttained")}>{count(row.notAttained)}</td>
                <td data-label={t("assessmentFigures.goals.notEvaluated")}>{count(row.notEvaluated)}</td>
                <td data-label={t("assessmentFigures.goals.goals")}>{count(row.goals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("assessmentFigures.goals.none")}</p>
      )}
      <Explanation what={t("assessmentFigures.goals.what")} not={t("assessmentFigures.goals.not")} />
    </section>
  );
}

/** The register export's links: the KE leader's alone (the server refuses everyone else too). */
export function RegisterExportLinks() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="register-export-heading" className="card">
      <h2 id="register-export-heading">{t("assessmentFigures.registerExport.heading")}</h2>
      <p>{t("assessmentFigures.registerExport.intro")}</p>
      <p className="actions">
        <a href="/ke/registereksport?format=csv" download className="button">
          {t("assessmentFigures.registerExport.csv")}
        </a>{" "}
        <a href="/ke/registereksport?format=json" download className="button">
          {t("assessmentFigures.registerExport.json")}
        </a>
      </p>
    </section>
  );
}
