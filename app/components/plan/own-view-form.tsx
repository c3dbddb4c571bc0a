import { scoredAreas } from "./assessment-overview.tsx";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { AssessmentView } from "../../lib/assessment-types.ts";
import { ASSESSMENT_SCORES, levelWords, variableKey, type CodeListVariable } from "../../domain/assessment.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { useDrawnOnOpening } from "../../lib/scripted.ts";
import { useLang } from "../../lib/use-lang.ts";
import { HintAndError, PlanFormElement } from "../form.tsx";
import { areasWithVariables, DifferenceFlag, keyId, useScoreText } from "./assessment-shared.tsx";
import { ScoreGroup } from "./assessment-form.tsx";

// "Slik ser jeg det": the person (or their representative) reads what staff scored, in plain
// words, and gives their own score and a few words for each part of daily life. Only what they
// changed is sent. Every score recorded about them is here, always (seed-001 §3.7).

function startValues(view: AssessmentView): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, own] of Object.entries(view.ownViews)) {
    values[`own.${key}`] = own.score == null ? "" : String(own.score);
    values[`words.${key}`] = own.words;
  }
  return values;
}

interface OwnViewProps {
  view: AssessmentView;
  headingLevel?: 2 | 3;
  /** The person's name, when someone else (the representative) gives their view. */
  ownerName?: string;
  /** Only reading (a closed plan): every score still shows. */
  readOnly?: boolean;
}

export function OwnViewForm(props: OwnViewProps) {
  return props.readOnly ? <OwnViewRead {...props} /> : <OwnViewEdit {...props} />;
}

type Variable = AssessmentView["codeList"]["variables"][number];

/** Staff's score and the person's own, told to the person in plain words. */
function usePersonWords() {
  const { t } = useTranslation();
  const lang = useLang();
  const scoreText = useScoreText();
  return {
    staffSays(v: Variable, staff: AssessmentView["current"][string] | undefined, withDate = true): string {
      if (!staff) return t("assessment.own.staffSaysNone");
      const says = t("assessment.own.staffSays", { words: scoreText(v, staff.score, "you") });
      return withDate ? `${says} ${t("assessment.own.staffSaysWhen", { date: formatDate(staff.assessedOn, lang) })}` : says;
    },
    youSaid(v: Variable, own: AssessmentView["ownViews"][string]): string {
      return t("assessment.own.youSaid", { words: [own.score != null ? scoreText(v, own.score, true) : "", own.words].filter(Boolean).join(" – ") });
    },
  };
}

/**
 * Scores on variables the municipality has since left out of its list: no longer asked about,
 * but never hidden from the person they are about.
 */
function EarlierScores({ view, headingLevel }: { view: AssessmentView; headingLevel: number }) {
  const { t } = useTranslation();
  const words = usePersonWords();
  const listed = new Set(view.codeList.variables.map(variableKey));
  const earlier = scoredAreas(view).flatMap(({ variables }) => variables.filter((v) => !listed.has(variableKey(v))));
  if (!earlier.length) return null;
  const H = `h${headingLevel + 1}` as "h3";
  return (
    <section className="own-view-earlier">
      <H>{t("assessment.own.earlier")}</H>
      <ul>
        {earlier.map((v) => {
          const key = variableKey(v);
          const own = view.ownViews[key];
          return (
            <li key={key}>
              {v.plain || v.text}: {words.staffSays(v, view.current[key], false)}
              {own ? ` ${words.youSaid(v, own)}` : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Staff's scores and the person's own, in plain words, without a form. */
function OwnViewRead({ view, headingLevel = 2 }: OwnViewProps) {
  const { t } = useTranslation();
  const words = usePersonWords();
  const differing = new Set(view.differences.map((d) => d.variable));
  const H = `h${headingLevel + 1}` as "h3";
  return (
    <div className="stack own-view-form">
      {areasWithVariables(view.codeList).map(({ area, variables }) => (
        <details key={area.key} className="own-view-area">
          <summary>
            <H className="own-view-area-title">{area.plain}</H>
          </summary>
          {variables.map((v) => {
            const key = variableKey(v);
            const staff = view.current[key];
            const own = view.ownViews[key];
            return (
              <div key={key} className="own-view-variable">
                <p className="person-name">{v.plain}</p>
                <p>
                  {words.staffSays(v, staff)}
                </p>
                {own ? <p>{words.youSaid(v, own)}</p> : null}
                {differing.has(key) ? <DifferenceFlag text={t("assessment.own.differs")} /> : null}
              </div>
            );
          })}
        </details>
      ))}
      <EarlierScores view={view} headingLevel={headingLevel} />
    </div>
  );
}

function OwnViewEdit({ view, headingLevel = 2, ownerName }: OwnViewProps) {
  const { t } = useTranslation();
  const start = startValues(view);
  const form = usePlanForm("assessment-own-view", { values: start });
  const differing = new Set(view.differences.map((d) => d.variable));
  // The first save's answer says the coordinator sees it; a difference is called out at the variable.
  const receipt = differing.size ? `${t("assessment.own.saved")} ${t("assessment.own.differs")}` : t("assessment.own.saved");
  return (
    <PlanFormElement form={form} intent="assessment-own-view" anchor="slik-ser-jeg-det" className="stack own-view-form" hidden={origFields(start)}>
      <p>{ownerName ? t("assessment.own.introRepresentative", { name: ownerName }) : t("assessment.own.intro")}</p>
      {areasWithVariables(view.codeList).map(({ area, variables }) => (
        <OwnViewArea
          key={area.key}
          form={form}
          view={view}
          title={area.plain}
          variables={variables}
          differing={differing}
          headingLevel={headingLevel}
          // Opened by the page: after a refusal, and where the person's view differs from staff's.
          open={Boolean(form.result && !form.result.ok) || variables.some((v) => differing.has(variableKey(v)))}
        />
      ))}
      <EarlierScores view={view} headingLevel={headingLevel} />
      <div className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={form.busy || undefined}>
          {t("assessment.own.submit")}
        </button>
        <p role="status" className="saved-note">
          {form.busy ? t("common.saving") : form.saved ? receipt : ""}
        </p>
      </div>
    </PlanFormElement>
  );
}

/**
 * One part of daily life in the form. Folded, its fields are drawn when it is first opened, for a
 * browser that runs our JavaScript (decisions 034 and 037); the action reads only the fields that
 * were sent, so a part never opened is left as it was.
 */
function OwnViewArea({ form, view, title, variables, differing, headingLevel, open }: {
  form: ReturnType<typeof usePlanForm>;
  view: AssessmentView;
  title: string;
  variables: CodeListVariable[];
  differing: Set<string>;
  headingLevel: 2 | 3;
  open: boolean;
}) {
  const { t } = useTranslation();
  const words = usePersonWords();
  const { ref, drawn, onToggle } = useDrawnOnOpening();
  const H = `h${headingLevel + 1}` as "h3";
  return (
    <details ref={ref} className="own-view-area" open={open || undefined} onToggle={onToggle}>
      <summary>
        <H className="own-view-area-title">{title}</H>
      </summary>
      {drawn || open
        ? variables.map((v) => {
            const key = variableKey(v);
            const staff = view.current[key];
            const id = `${form.formId}-${keyId(key)}`;
            return (
              <div key={key} className="own-view-variable" id={`own-${keyId(key)}`}>
                <ScoreGroup
                  form={form}
                  name={`own.${key}`}
                  legend={v.plain}
                  hint={words.staffSays(v, staff)}
                  options={ASSESSMENT_SCORES.map((s) => ({ value: String(s), label: levelWords(v, s, true) }))}
                />
                {differing.has(key) ? <DifferenceFlag text={t("assessment.own.differs")} /> : null}
                <div className="field">
                  <label htmlFor={`${id}-words`}>
                    {t("assessment.own.words")} <span className="visually-hidden">– {v.plain}</span>
                  </label>
                  <HintAndError id={`${id}-words`} error={form.error(`words.${key}`)} />
                  <textarea
                    id={`${id}-words`}
                    name={`words.${key}`}
                    rows={3}
                    maxLength={500}
                    defaultValue={form.value(`words.${key}`)}
                    aria-invalid={form.error(`words.${key}`) ? true : undefined}
                    aria-describedby={form.error(`words.${key}`) ? `${id}-words-error` : undefined}
                  />
                </div>
              </div>
            );
          })
        : null}
    </details>
  );
}

/** What each answer started as, so the action sends only the ones the person changed. */
function origFields(start: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(start).map(([name, value]) => [`_orig.${name}`, value]));
}

