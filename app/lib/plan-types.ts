import type { SerializeFrom } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

// The plan as the workspace receives it (JSON: dates are ISO strings). Types only: no server code;
// the domain's lists (life areas, statuses, access levels) are in app/domain/lists.ts.
export type PlanView = SerializeFrom<Awaited<ReturnType<Caller["plan"]["byId"]>>>;
export type PlanAccessView = PlanView["access"];
export type GoalView = PlanView["goals"][number];
export type MeasureView = GoalView["measures"][number];
export type EvaluationView = PlanView["evaluations"][number];
export type ParticipantView = PlanView["participants"][number];
export type CommentView = PlanView["comments"][number];
export type MyMeasure = SerializeFrom<Awaited<ReturnType<Caller["measure"]["mine"]>>[number]>;


/** A person who can be made responsible for a measure: someone with an account in the plan, or a participant by name. */
export interface ResponsibleOption {
  value: string;
  label: string;
}

/** "u:<userId>" for people with an account (owner, coordinator, participants), "p:<participantId>" for the others. */
export function responsibleOptions(plan: PlanView): ResponsibleOption[] {
  const seen = new Set<string>();
  const options: ResponsibleOption[] = [];
  const addUser = (id: string, label: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    options.push({ value: `u:${id}`, label });
  };
  addUser(plan.owner.id, plan.owner.name);
  if (plan.coordinator) addUser(plan.coordinator.coordinator.id, plan.coordinator.coordinator.name);
  for (const p of plan.participants) {
    if (!p.active) continue;
    const label = p.organisation ? `${p.name} (${p.organisation})` : p.name;
    if (p.user) addUser(p.user.id, label);
    else options.push({ value: `p:${p.id}`, label });
  }
  return options;
}

export function responsibleValue(measure: Pick<MeasureView, "responsibleUserId" | "responsibleParticipantId">): string {
  if (measure.responsibleUserId) return `u:${measure.responsibleUserId}`;
  if (measure.responsibleParticipantId) return `p:${measure.responsibleParticipantId}`;
  return "";
}

export function responsibleName(plan: PlanView, measure: MeasureView): string {
  if (measure.responsibleUser) return measure.responsibleUser.name;
  if (measure.responsibleParticipantId) return plan.participants.find((p) => p.id === measure.responsibleParticipantId)?.name ?? "";
  return "";
}
