import { isOneOf, LIFE_AREAS, PLAN_SECTIONS, type LifeArea, type PlanSection } from "../domain/lists.ts";

// The template form of /admin/maler as plain data, shared by the page (its state, and what the
// person sent after a refusal) and the route's action (what it sends to planTemplate.update).
// Fields are named by position, so the order on the page is the order saved, with and without
// JavaScript: a<i>-area, a<i>-offered, a<i>-label for the life areas; h<i>-section, h<i>-title,
// h<i>-guidance, h<i>-remove for the headings, and one blank heading at the end for a new one.

export interface AreaRow {
  area: LifeArea;
  offered: boolean;
  label: string;
}

export interface HeadingRow {
  /** Stable while the page is open (React's key), not saved. */
  key: string;
  section: PlanSection;
  title: string;
  guidance: string;
}

export interface TemplateDraft {
  areas: AreaRow[];
  headings: HeadingRow[];
}

export interface TemplateLike {
  lifeAreas: { area: LifeArea; label: string | null }[];
  headings: { section: PlanSection; title: string; guidance: string }[];
}

/** The page's rows for a stored template: its areas in order, then those it does not offer. */
export function draftOf(template: TemplateLike): TemplateDraft {
  const offered: AreaRow[] = template.lifeAreas.map((a) => ({ area: a.area, offered: true, label: a.label ?? "" }));
  const rest: AreaRow[] = LIFE_AREAS.filter((area) => !offered.some((o) => o.area === area)).map((area) => ({ area, offered: false, label: "" }));
  return { areas: [...offered, ...rest], headings: template.headings.map((h, i) => ({ key: `h${i}`, ...h })) };
}

/** The rows as a form sent them (or as a refused form gives them back); unknown values are left out. */
export function draftFromValues(values: Record<string, string | undefined>): TemplateDraft {
  const areas: AreaRow[] = [];
  for (let i = 0; i < LIFE_AREAS.length; i++) {
    const area = values[`a${i}-area`];
    if (!isOneOf(LIFE_AREAS, area) || areas.some((a) => a.area === area)) continue;
    areas.push({ area, offered: Boolean(values[`a${i}-offered`]), label: (values[`a${i}-label`] ?? "").trim() });
  }
  for (const area of LIFE_AREAS) if (!areas.some((a) => a.area === area)) areas.push({ area, offered: false, label: "" });
  const headings: HeadingRow[] = [];
  for (let i = 0; i < 40; i++) {
    const section = values[`h${i}-section`];
    if (section === undefined) break;
    if (values[`h${i}-remove`]) continue;
    const title = (values[`h${i}-title`] ?? "").trim();
    const guidance = (values[`h${i}-guidance`] ?? "").trim();
    // The blank row for a new heading, left blank.
    if (!title && !guidance) continue;
    headings.push({ key: `h${i}`, section: isOneOf(PLAN_SECTIONS, section) ? section : "GOALS", title, guidance });
  }
  return { areas, headings };
}

/** "area:<i>:up", "heading:<i>:down": a row one place up or down (the buttons' value without JavaScript). */
export function applyMove(draft: TemplateDraft, move: string | null | undefined): TemplateDraft {
  const [list, index, direction] = (move ?? "").split(":");
  const from = Number(index);
  const to = direction === "up" ? from - 1 : from + 1;
  const swap = <T>(rows: T[]): T[] => {
    if (!Number.isInteger(from) || from < 0 || from >= rows.length || to < 0 || to >= rows.length) return rows;
    const next = [...rows];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return next;
  };
  if (list === "area") return { ...draft, areas: swap(draft.areas) };
  if (list === "heading") return { ...draft, headings: swap(draft.headings) };
  return draft;
}

/** What planTemplate.update takes: the ticked areas in order, and the headings. */
export function updateOf(draft: TemplateDraft) {
  return {
    lifeAreas: draft.areas.filter((a) => a.offered).map((a) => ({ area: a.area, label: a.label || null })),
    headings: draft.headings.map(({ section, title, guidance }) => ({ section, title, guidance })),
  };
}
