import { z } from "zod";
import { UUID_SOURCE } from "./ids.ts";
import * as L from "./lists.ts";

// The domain's enums and ids as zod schemas, made from the plain lists in ./lists.ts: procedures
// validate input with the same lists the pages draw their options from. Server code (and the
// app's *.server.ts modules) import from here; browser code imports ./lists.ts and ./ids.ts,
// which need no zod.

export * from "./lists.ts";

export const Role = z.enum(L.ROLES);
export type Role = L.Role;
export const PlanType = z.enum(L.PLAN_TYPES);
export type PlanType = L.PlanType;
export const TemplatePlanType = z.enum(L.TEMPLATE_PLAN_TYPES);
export type TemplatePlanType = L.TemplatePlanType;
export const PlanSection = z.enum(L.PLAN_SECTIONS);
export type PlanSection = L.PlanSection;
export const PlanStatus = z.enum(L.PLAN_STATUSES);
export type PlanStatus = L.PlanStatus;
export const ParticipantKind = z.enum(L.PARTICIPANT_KINDS);
export type ParticipantKind = L.ParticipantKind;
export const AccessLevel = z.enum(L.ACCESS_LEVELS);
export type AccessLevel = L.AccessLevel;
export const LifeArea = z.enum(L.LIFE_AREAS);
export type LifeArea = L.LifeArea;
export const GoalStatus = z.enum(L.GOAL_STATUSES);
export type GoalStatus = L.GoalStatus;
export const Attainment = z.enum(L.ATTAINMENTS);
export type Attainment = L.Attainment;
export const MeasureStatus = z.enum(L.MEASURE_STATUSES);
export type MeasureStatus = L.MeasureStatus;
export const CaseType = z.enum(L.CASE_TYPES);
export type CaseType = L.CaseType;
export const CaseChannel = z.enum(L.CASE_CHANNELS);
export type CaseChannel = L.CaseChannel;
export const CaseStatus = z.enum(L.CASE_STATUSES);
export type CaseStatus = L.CaseStatus;
export const CaseOutcome = z.enum(L.CASE_OUTCOMES);
export type CaseOutcome = L.CaseOutcome;
export const DeadlineUnit = z.enum(L.DEADLINE_UNITS);
export type DeadlineUnit = L.DeadlineUnit;
export const MeetingStatus = z.enum(L.MEETING_STATUSES);
export type MeetingStatus = L.MeetingStatus;
export const InviteeKind = z.enum(L.INVITEE_KINDS);
export type InviteeKind = L.InviteeKind;
export const InviteeResponse = z.enum(L.INVITEE_RESPONSES);
export type InviteeResponse = L.InviteeResponse;
export const Answer = z.enum(L.ANSWERS);
export const AgendaKind = z.enum(L.AGENDA_KINDS);
export type AgendaKind = L.AgendaKind;
export const MeetingTaskStatus = z.enum(L.MEETING_TASK_STATUSES);
export type MeetingTaskStatus = L.MeetingTaskStatus;
export const PlanRole = z.enum(L.PLAN_ROLES);
export type PlanRole = L.PlanRole;
export const PlanDocumentVisibility = z.enum(L.PLAN_DOCUMENT_VISIBILITIES);
export type PlanDocumentVisibility = L.PlanDocumentVisibility;
export const ArchiveReason = z.enum(L.ARCHIVE_REASONS);
export type ArchiveReason = L.ArchiveReason;
export const AssessmentMethod = z.enum(L.ASSESSMENT_METHODS);
export type AssessmentMethod = L.AssessmentMethod;
export const ArchiveStatus = z.enum(L.ARCHIVE_STATUSES);
export type ArchiveStatus = L.ArchiveStatus;

/** Years a date people enter may have: anything else is a typing error (a case dated year 1000). */
export const DATE_YEARS = { earliest: 1900, latest: 2100 } as const;
export const plausibleYear = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.earliest && year <= DATE_YEARS.latest;
};
/** A calendar date, "2027-06-01". */
export const calendarDay = z.iso.date().refine(plausibleYear, { message: "dateOutOfRange" });
/** A moment with its offset, "2027-06-01T09:30:00+02:00". */
export const instant = z.iso.datetime({ offset: true }).refine(plausibleYear, { message: "dateOutOfRange" });

/** Every row's id is a UUID: the same pattern as isUuid (./ids.ts), so an address and an input agree. */
export const id = z.string().regex(new RegExp(`^${UUID_SOURCE}$`, "i"));
