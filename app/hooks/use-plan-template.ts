import { useMatches } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { LIFE_AREAS, type LifeArea, type PlanSection, type PlanType } from "../domain/lists.ts";

// The plan's template (docs/decisions/028) for the components inside a plan's page: the routes
// that show a plan put it in their loader data as `planTemplate`, or give the plan itself as
// `plan` (plan.byId has it as `template`), so the goal forms and the guidance need no new props
// through the sections.

export interface PlanTemplateData {
  type: PlanType;
  lifeAreas: { area: LifeArea; label: string | null }[];
  headings: { section: PlanSection; title: string; guidance: string }[];
}

/** Without a plan's template (a page that gives none): every life area, no headings. */
const EVERYTHING: PlanTemplateData = { type: "IP", lifeAreas: LIFE_AREAS.map((area) => ({ area, label: null })), headings: [] };

export function usePlanTemplate(): PlanTemplateData {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]!.data as { planTemplate?: PlanTemplateData | null; plan?: { template?: PlanTemplateData } } | null | undefined;
    const template = data && typeof data === "object" ? (data.planTemplate ?? data.plan?.template) : null;
    if (template) return template;
  }
  return EVERYTHING;
}

/** A life area's name in this plan: the municipality's own for its template, else the portal's. */
export function useLifeAreaName(): (area: string) => string {
  const { t } = useTranslation();
  const template = usePlanTemplate();
  return (area) => template.lifeAreas.find((a) => a.area === area)?.label || t(`goal.lifeArea.${area}`);
}

/**
 * The life areas a goal can be given, in the template's order; a goal that already has an area
 * the template no longer offers keeps it as a choice (`current`).
 */
export function useLifeAreaOptions(current?: string | null): { value: string; label: string }[] {
  const template = usePlanTemplate();
  const name = useLifeAreaName();
  const areas: string[] = template.lifeAreas.map((a) => a.area);
  if (current && !areas.includes(current)) areas.push(current);
  return areas.map((area) => ({ value: area, label: name(area) }));
}
