import type { SerializeFrom } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

// Cases as the pages receive them (JSON: dates are ISO strings). Types only: no server code;
// the domain's lists (case types, outcomes, channels, statuses) are in app/domain/lists.ts.
export type PublicCaseView = SerializeFrom<Awaited<ReturnType<Caller["case"]["mine"]>>[number]>;
export type CaseDetailView = SerializeFrom<Awaited<ReturnType<Caller["case"]["byId"]>>>;
export type CaseInternalView = NonNullable<CaseDetailView["internal"]>;
export type CaseListRow = SerializeFrom<Awaited<ReturnType<Caller["case"]["list"]>>[number]>;

/** The case list's status filter (a view of the list, not a case status). */
export const CASE_LIST_STATUSES = ["OPEN", "DECIDED", "ALL"] as const;
