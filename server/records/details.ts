import type { CaseChannel, CaseOutcome, CaseType, InviteeResponse } from "../../app/domain/schemas.ts";

// The details a change carries in its audit row and its event, typed for the actions whose
// notices (server/notifications/notices.ts) or listeners read them. Other actions carry free
// details. Only ids, field names and short facts: never a plan's text.

export interface ChangeDetails {
  "case.create": { type: CaseType; channel: CaseChannel };
  "case.assign": { officerId: string };
  "case.decide": {
    outcome: CaseOutcome;
    planCreated: boolean;
    /** The person already had an open plan: the case was linked to it (never a second plan). */
    planLinked: boolean;
    /** The person was made from the case (name and identity number), without an account. */
    personCreated: boolean;
    /** Parents or guardians named as representatives in a new plan. */
    representatives: number;
    coordinator: { from: string | null; to: string } | null;
  };
  "coordinator.assign": { from: string | null; to: string };
  "goal.create": { goalId: string; meetingId?: string };
  "goal.update": { fields: string[]; meetingId?: string };
  "measure.create": { responsibleUserId: string | null; meetingId?: string };
  "measure.update": { fields: string[]; responsibleUserId?: string | null; meetingId?: string };
  "plan.text.edit": { document: string; kind: "plan" | "goal" | "measure" | "evaluation" | "meeting"; field: string };
  "meeting.create": { invitees: number; guests: number; agendaItems: number };
  "meeting.update": { fields: string[]; added: string[]; removed: string[] };
  "meeting.respond": { response: InviteeResponse };
  "meeting.agenda.add": { kind: string };
  "meeting.guest.add": { guestUserId: string | null; consent: boolean };
  "meeting.guest.consent": { guestUserId: string | null; newlyConsented: boolean };
  "meeting.task.create": { taskId: string; responsibleUserId: string };
  "plan.question": { questionId: string };
  "plan.question.reply": { questionId: string; messageId: string; answered: boolean };
}
