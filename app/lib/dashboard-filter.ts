import { CASE_TYPES, isOneOf } from "../domain/lists.ts";
import { isUuid } from "../domain/ids.ts";

// The dashboard's selection lives in the address (?fra=&til=&enhet=&type=&publisering=1), so a
// view can be bookmarked, shared and opened without JavaScript, and lists and exports get the
// same selection as the figures.

export interface DashboardFilter {
  from?: string;
  to?: string;
  unitId?: string;
  caseType?: string;
  publication: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterFromSearch(params: URLSearchParams): DashboardFilter {
  const pick = (key: string, valid: (v: string) => boolean) => {
    const value = params.get(key)?.trim();
    return value && valid(value) ? value : undefined;
  };
  return {
    from: pick("fra", (v) => ISO_DATE.test(v)),
    to: pick("til", (v) => ISO_DATE.test(v)),
    unitId: pick("enhet", isUuid),
    caseType: pick("type", (v) => isOneOf(CASE_TYPES, v)),
    publication: params.get("publisering") === "1",
  };
}

export function searchFromFilter(filter: DashboardFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.from) params.set("fra", filter.from);
  if (filter.to) params.set("til", filter.to);
  if (filter.unitId) params.set("enhet", filter.unitId);
  if (filter.caseType) params.set("type", filter.caseType);
  if (filter.publication) params.set("publisering", "1");
  return params;
}

export const PLAN_METRICS = [
  "activePlans",
  "inactive6Months",
  "inactive12Months",
  "withoutCoordinator",
  "reviewDue",
  "evaluationsOverdue",
  "withUserWrittenGoals",
] as const;
/** Kartlegging's plan figures (issue 15): shown in their own section, with lists behind them. */
export const ASSESSMENT_PLAN_METRICS = ["withAssessment", "withoutAssessment", "assessmentOutOfDate", "withOwnView"] as const;
export const CASE_METRICS = ["openCases", "dueWithin7Days", "interimOverdue", "decisionOverdue"] as const;

/**
 * The lists behind the figures (?liste=): which figures each has (?tall=), and the dates each can
 * be sorted by (?sortering=, the first is the default). The server pages along the same columns.
 */
export const LISTS = {
  planer: { metrics: [...PLAN_METRICS, "withoutMeeting", "allPlans", ...ASSESSMENT_PLAN_METRICS], sorts: ["lastActivity", "nextReview", "evaluationDue"] },
  saker: { metrics: CASE_METRICS, sorts: ["decisionDue", "received"] },
  moter: { metrics: ["withoutMinutes"], sorts: ["startsAt"] },
  tiltak: { metrics: ["evaluationOverdue"], sorts: ["evaluationDate"] },
} as const;
export type ListKind = keyof typeof LISTS;
export type ListMetric<K extends ListKind> = (typeof LISTS)[K]["metrics"][number];
export type ListSort<K extends ListKind> = (typeof LISTS)[K]["sorts"][number];
export type PlanMetric = ListMetric<"planer">;
export type CaseMetric = ListMetric<"saker">;

export const isListKind = (value: string | null): value is ListKind => value !== null && Object.hasOwn(LISTS, value);

/** Where in a list one is: the figure, the sort, and the page (a cursor from the server). */
export interface ListQuery<K extends ListKind = ListKind> {
  kind: K;
  metric: ListMetric<K>;
  sort: ListSort<K>;
  direction: "asc" | "desc";
  cursor?: string;
}

/** The list asked for in the address, or null when it names no list we have. */
export function listFromSearch(params: URLSearchParams): ListQuery | null {
  const kind = params.get("liste");
  if (!isListKind(kind)) return null;
  const { metrics, sorts } = LISTS[kind];
  const metric = params.get("tall") ?? "";
  if (!(metrics as readonly string[]).includes(metric)) return null;
  const sort = params.get("sortering") ?? "";
  return {
    kind,
    metric: metric as ListMetric<typeof kind>,
    sort: ((sorts as readonly string[]).includes(sort) ? sort : sorts[0]) as ListSort<typeof kind>,
    direction: params.get("retning") === "synkende" ? "desc" : "asc",
    cursor: params.get("etter")?.slice(0, 500) || undefined,
  };
}

export function searchFromList(list: ListQuery, filter: DashboardFilter): URLSearchParams {
  const params = searchFromFilter(filter);
  params.set("liste", list.kind);
  params.set("tall", list.metric);
  if (list.sort !== LISTS[list.kind].sorts[0]) params.set("sortering", list.sort);
  if (list.direction === "desc") params.set("retning", "synkende");
  if (list.cursor) params.set("etter", list.cursor);
  return params;
}
