// The domain's words, once, as plain lists: what the pages draw their options from. Pure and
// without dependencies, so the browser gets them without a validation library; the zod schemas
// the server validates with are made from these same lists in ./schemas.ts, and
// server/db/enum-check.ts makes the compiler compare them with the database's enums.

export const ROLES = ["USER", "RELATIVE", "STAFF", "COORDINATOR", "KE_CASE_OFFICER", "KE_LEADER", "UNIT_LEADER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
/** The coordinating unit (koordinerende enhet): case officers and its leader. */
export const KE_ROLES = ["KE_CASE_OFFICER", "KE_LEADER"] as const satisfies readonly Role[];
/** Roles whose work is in plans as staff. */
export const STAFF_ROLES = ["STAFF", "COORDINATOR"] as const satisfies readonly Role[];

/**
 * IP: individuell plan; STAFETTLOGG: oppfølgingsplan (stafettlogg); IOP: individuell
 * opplæringsplan. OTHER is kept for older plans of another kind and is not offered for new ones
 * (docs/decisions/028).
 */
export const PLAN_TYPES = ["IP", "STAFETTLOGG", "IOP", "OTHER"] as const;
export type PlanType = (typeof PLAN_TYPES)[number];
/** The plan types a plan is made as or changed to, each with a template the administrator edits. */
export const TEMPLATE_PLAN_TYPES = ["IP", "STAFETTLOGG", "IOP"] as const satisfies readonly PlanType[];
export type TemplatePlanType = (typeof TEMPLATE_PLAN_TYPES)[number];
/**
 * The parts of the plan a template's heading gives guidance for: "Om meg" and "Hva er viktig for
 * meg" (the about section), goals, measures and evaluations (the goals section), services, the
 * group (ansvarsgruppe), meetings and the log.
 */
export const PLAN_SECTIONS = ["ABOUT_ME", "WHAT_MATTERS", "GOALS", "MEASURES", "EVALUATION", "SERVICES", "GROUP", "MEETINGS", "LOG"] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
export const PLAN_STATUSES = ["DRAFT", "ACTIVE", "CLOSED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The user's own texts in "Om meg": only the user and their representative write them. */
export const ABOUT_FIELDS = ["aboutMe", "whatMatters", "resources", "wishes"] as const;
export type AboutField = (typeof ABOUT_FIELDS)[number];

export const PARTICIPANT_KINDS = ["REPRESENTATIVE", "RELATIVE", "PROVIDER"] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
/** How much a participant may do in one plan, from least to most. */
export const ACCESS_LEVELS = ["READ", "COMMENT", "EDIT_OWN_MEASURES", "EDIT_PLAN"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const LIFE_AREAS = ["DAILY_LIVING", "HEALTH", "HOUSING", "SCHOOL_WORK", "SOCIAL", "FAMILY", "LEISURE", "ECONOMY", "OTHER"] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];
export const GOAL_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "ACHIEVED", "PAUSED", "DROPPED"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const ATTAINMENTS = ["YES", "PARTLY", "NO"] as const;
export type Attainment = (typeof ATTAINMENTS)[number];
export const MEASURE_STATUSES = ["PLANNED", "ACTIVE", "COMPLETED", "PAUSED", "CANCELLED"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
/** Goals and measures in these states are finished: nothing is due for them. */
export const FINISHED_GOAL_STATUSES = ["ACHIEVED", "DROPPED"] as const satisfies readonly GoalStatus[];
export const FINISHED_MEASURE_STATUSES = ["COMPLETED", "CANCELLED"] as const satisfies readonly MeasureStatus[];

export const CASE_TYPES = ["IP_APPLICATION", "COORDINATOR_REQUEST", "NEED_NOTICE", "COORDINATOR_CHANGE", "COMPLAINT"] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** What a service user or a relative may apply for in the portal (the rest come from staff or the coordinating unit). */
export const SELF_SERVICE_CASE_TYPES = ["IP_APPLICATION", "COORDINATOR_REQUEST", "COORDINATOR_CHANGE", "COMPLAINT"] as const satisfies readonly CaseType[];
/** Case types whose granting appoints a coordinator (required); an IP application may name one. */
export const COORDINATOR_REQUIRED_CASE_TYPES = ["COORDINATOR_REQUEST", "COORDINATOR_CHANGE"] as const satisfies readonly CaseType[];
export const COORDINATOR_OPTIONAL_CASE_TYPES = ["IP_APPLICATION"] as const satisfies readonly CaseType[];
export const CASE_CHANNELS = ["PORTAL", "PAPER", "PHONE"] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** Channels the coordinating unit registers by hand; the portal's own cases come in as PORTAL. */
export const MANUAL_CASE_CHANNELS = ["PAPER", "PHONE"] as const satisfies readonly CaseChannel[];
export const CASE_STATUSES = ["RECEIVED", "IN_PROGRESS", "DECIDED", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_CASE_STATUSES = ["RECEIVED", "IN_PROGRESS"] as const satisfies readonly CaseStatus[];
export const CASE_OUTCOMES = ["GRANTED", "PARTLY_GRANTED", "REFUSED", "DISMISSED"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const DEADLINE_UNITS = ["CALENDAR_DAYS", "WORKING_DAYS"] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const MEETING_STATUSES = ["PLANNED", "HELD", "APPROVED", "CANCELLED"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** Minutes and agenda can change, and plan changes can be recorded from the meeting, only in these. */
export const OPEN_MEETING_STATUSES = ["PLANNED", "HELD"] as const satisfies readonly MeetingStatus[];
export const INVITEE_KINDS = ["OWNER", "COORDINATOR", "PARTICIPANT", "GUEST"] as const;
export type InviteeKind = (typeof INVITEE_KINDS)[number];
export const INVITEE_RESPONSES = ["PENDING", "YES", "NO", "MAYBE"] as const;
export type InviteeResponse = (typeof INVITEE_RESPONSES)[number];
/** The answers an invitee can give (PENDING is having given none). */
export const ANSWERS = ["YES", "NO", "MAYBE"] as const satisfies readonly InviteeResponse[];
/** ASSESSMENT_DIFFERENCE: staff's and the person's own score differ by 2 or more (Kartlegging). */
export const AGENDA_KINDS = ["EVALUATION", "FOLLOW_UP", "USER_INPUT", "USER_POINT", "OTHER", "ASSESSMENT_DIFFERENCE"] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const MEETING_TASK_STATUSES = ["OPEN", "DONE"] as const;
export type MeetingTaskStatus = (typeof MEETING_TASK_STATUSES)[number];

/**
 * What a person is in one plan. OWNER and REPRESENTATIVE are "the user's side": the plan is
 * theirs. AUDITOR is the coordinating unit reading with a stated purpose.
 */
export const PLAN_ROLES = ["OWNER", "REPRESENTATIVE", "COORDINATOR", "PARTICIPANT", "AUDITOR"] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];
export const USER_SIDE_ROLES = ["OWNER", "REPRESENTATIVE"] as const satisfies readonly PlanRole[];
/** Who closes a plan and opens it again: its coordinator, or the coordinating unit (with a stated purpose). */
export const PLAN_CLOSER_ROLES = ["COORDINATOR", "AUDITOR"] as const satisfies readonly PlanRole[];
/** Who makes and downloads archive copies of a plan: its coordinator, or the coordinating unit with a purpose. */
export const PLAN_ARCHIVER_ROLES = ["COORDINATOR", "AUDITOR"] as const satisfies readonly PlanRole[];
/** Why an archive copy was made (docs/decisions/027). */
export const ARCHIVE_REASONS = ["CLOSED", "ON_DEMAND", "SCHEDULED"] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];
/** Where an archive copy's delivery stands: FAILED copies are tried again by the archive job. */
export const ARCHIVE_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];
export { ASSESSMENT_METHODS, type AssessmentMethod } from "./assessment.ts";
/** How long deleted plan content (goals, measures, services, log entries, comments) can be restored. */
export const RESTORE_DAYS = 30;
export const isUserSide = (role: PlanRole | string | null | undefined) => role === "OWNER" || role === "REPRESENTATIVE";

/** A case document (a scanned letter, a hospital's notice) or a document on a plan: at most 10 MB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES / (1024 * 1024);
/**
 * Who sees a document on a plan: everyone with rights in the plan, or only the user, their
 * representative and the coordinator (docs/decisions/025-plan-documents.md).
 */
export const PLAN_DOCUMENT_VISIBILITIES = ["ALL_MEMBERS", "USER_AND_COORDINATOR"] as const;
export type PlanDocumentVisibility = (typeof PLAN_DOCUMENT_VISIBILITIES)[number];
/** Who sees documents kept for the user and the coordinator, and may choose that visibility. */
export const seesRestrictedDocuments = (role: PlanRole | null | undefined) => isUserSide(role) || role === "COORDINATOR";

/**
 * Who learns that the user asked for another coordinator, and why: the user's side and the
 * coordinating unit, not the coordinator or the rest of the group.
 */
export const seesCoordinatorRequests = (role: PlanRole | null | undefined) => isUserSide(role) || role === "AUDITOR";

/** `value` is one of `list` (narrows the type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
