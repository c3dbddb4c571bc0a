// The domain's enums (app/domain/schemas.ts) and the database's (prisma/schema.prisma) must be the
// same lists: this file does not compile when one changes without the other.
import type * as Db from "./generated/enums.ts";
import type * as Domain from "../../app/domain/schemas.ts";
import type { AuditKind } from "../../app/domain/audit-actions.ts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const enumsMatch: [
  Same<Db.Role, Domain.Role>,
  Same<Db.PlanType, Domain.PlanType>,
  Same<Db.PlanStatus, Domain.PlanStatus>,
  Same<Db.ParticipantKind, Domain.ParticipantKind>,
  Same<Db.AccessLevel, Domain.AccessLevel>,
  Same<Db.LifeArea, Domain.LifeArea>,
  Same<Db.GoalStatus, Domain.GoalStatus>,
  Same<Db.Attainment, Domain.Attainment>,
  Same<Db.MeasureStatus, Domain.MeasureStatus>,
  Same<Db.CaseType, Domain.CaseType>,
  Same<Db.CaseChannel, Domain.CaseChannel>,
  Same<Db.CaseStatus, Domain.CaseStatus>,
  Same<Db.CaseOutcome, Domain.CaseOutcome>,
  Same<Db.DeadlineUnit, Domain.DeadlineUnit>,
  Same<Db.MeetingStatus, Domain.MeetingStatus>,
  Same<Db.InviteeKind, Domain.InviteeKind>,
  Same<Db.InviteeResponse, Domain.InviteeResponse>,
  Same<Db.AgendaKind, Domain.AgendaKind>,
  Same<Db.MeetingTaskStatus, Domain.MeetingTaskStatus>,
  Same<Db.PlanRole, Domain.PlanRole>,
  Same<Db.AuditKind, AuditKind>,
  Same<Db.PlanDocumentVisibility, Domain.PlanDocumentVisibility>,
  Same<Db.ArchiveReason, Domain.ArchiveReason>,
  Same<Db.ArchiveStatus, Domain.ArchiveStatus>,
  Same<Db.AssessmentMethod, Domain.AssessmentMethod>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
