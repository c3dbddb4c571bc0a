import type { SerializeFrom } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

// Cases as the pages receive them (JSON: dates are ISO strings). Types and constants only: no server code.
export type PublicCaseView = SerializeFrom<Awaited<ReturnType<Caller["case"]["mine"]>>[number]>;
export type CaseDetailView = SerializeFrom<Awaited<ReturnType<Caller["case"]["byId"]>>>;
export type CaseInternalView = NonNullable<CaseDetailView["internal"]>;
export type CaseListRow = SerializeFrom<Awaited<ReturnType<Caller["case"]["list"]>>[number]>;

export const CASE_TYPES = ["IP_APPLICATION", "COORDINATOR_REQUEST", "NEED_NOTICE", "COORDINATOR_CHANGE", "COMPLAINT"] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** What a service user or a relative may apply for in the portal (the rest come from staff or the coordinating unit). */
export const SELF_SERVICE_TYPES = ["IP_APPLICATION", "COORDINATOR_REQUEST", "COORDINATOR_CHANGE", "COMPLAINT"] as const;
export const CASE_OUTCOMES = ["GRANTED", "PARTLY_GRANTED", "REFUSED", "DISMISSED"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const CASE_LIST_STATUSES = ["OPEN", "DECIDED", "ALL"] as const;
/** Channels the coordinating unit registers by hand; the portal's own cases come in as PORTAL. */
export const MANUAL_CHANNELS = ["PAPER", "PHONE"] as const;

export const isCaseType = (value: string): value is CaseType => (CASE_TYPES as readonly string[]).includes(value);
export const isOutcome = (value: string): value is CaseOutcome => (CASE_OUTCOMES as readonly string[]).includes(value);

/** Case types whose granting appoints a coordinator (required), and IP applications (where it is optional). */
export const COORDINATOR_REQUIRED: readonly string[] = ["COORDINATOR_REQUEST", "COORDINATOR_CHANGE"];
export const COORDINATOR_OPTIONAL: readonly string[] = ["IP_APPLICATION"];

export const isOpenStatus = (status: string) => status === "RECEIVED" || status === "IN_PROGRESS";
