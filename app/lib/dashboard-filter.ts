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
export const CASE_METRICS = ["openCases", "dueWithin7Days", "interimOverdue", "decisionOverdue"] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];
export type CaseMetric = (typeof CASE_METRICS)[number];

export function isPlanMetric(value: string | null): value is PlanMetric {
  return (PLAN_METRICS as readonly string[]).includes(value ?? "");
}
export function isCaseMetric(value: string | null): value is CaseMetric {
  return (CASE_METRICS as readonly string[]).includes(value ?? "");
}
