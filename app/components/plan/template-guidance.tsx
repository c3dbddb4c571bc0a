import { useTranslation } from "../../i18n/use-translation.ts";
import type { PlanSection } from "../../domain/lists.ts";
import { usePlanTemplate } from "../../hooks/use-plan-template.ts";

/** Where on the plan page each part of a template's headings is written. */
const SECTION_ANCHORS: Record<PlanSection, string> = {
  ABOUT_ME: "om-meg",
  WHAT_MATTERS: "om-meg",
  GOALS: "mal",
  MEASURES: "mal",
  EVALUATION: "mal",
  SERVICES: "tjenester",
  GROUP: "deltakere",
  MEETINGS: "moter",
  LOG: "logg",
};

/**
 * The plan type's headings with the municipality's guidance for those who write (its template,
 * docs/decisions/028), each linking to the part of the plan it is written in. Folded away until
 * opened; nothing when the template has no headings.
 */
export function TemplateGuidance({ id = "veiledning" }: { id?: string }) {
  const { t } = useTranslation();
  const template = usePlanTemplate();
  if (!template.headings.length) return null;
  const type = t(`plan.type.${template.type}`);
  return (
    <details className="card template-guidance" id={id}>
      <summary>{t("planTemplate.guidance.title", { type: type.toLowerCase() })}</summary>
      <p className="hint">{t("planTemplate.guidance.intro")}</p>
      <dl className="template-guidance-list">
        {template.headings.map((heading, index) => (
          <div key={index} className="facts-row">
            <dt>
              <a href={`#${SECTION_ANCHORS[heading.section]}`} aria-label={`${heading.title} – ${t("planTemplate.guidance.goTo", { section: t(`planTemplate.section.${heading.section}`) })}`}>
                {heading.title}
              </a>
            </dt>
            <dd>{heading.guidance}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
