import type { Caller } from "../../server/router.ts";
import { isUserSide } from "../domain/schemas.ts";

// What the pages with meetings take from the plan as plan.byId answers it (read, access-checked
// and audited by the procedures that answer it): the group for planning, the decisions form.

type Plan = Awaited<ReturnType<Caller["plan"]["byId"]>>;

/** Whether a participant sees the plan now: as the server decides who may be invited or made responsible. */
function hasAccess(plan: Plan, p: Plan["participants"][number]) {
  return p.active && (p.kind === "REPRESENTATIVE" || (plan.consentGivenAt !== null && p.hasValidConsent));
}

/**
 * The responsibility group as the planning form offers it: the user and the person planning are
 * always invited; members who see the plan can be chosen; the others only as guests.
 */
export function groupForPlanning(plan: Plan) {
  const members: { value: string; name: string; detail: string | null; kind: "OWNER" | "COORDINATOR" | "PARTICIPANT"; fixed: boolean }[] = [];
  const withoutConsent: { name: string; detail: string | null }[] = [];
  members.push({ value: `u:${plan.owner.id}`, name: plan.owner.name, detail: null, kind: "OWNER", fixed: true });
  if (plan.coordinator) {
    const c = plan.coordinator.coordinator;
    members.push({ value: `u:${c.id}`, name: c.name, detail: c.title, kind: "COORDINATOR", fixed: c.id === plan.viewer.id });
  }
  for (const p of plan.participants) {
    if (!p.active) continue;
    if (!hasAccess(plan, p)) {
      withoutConsent.push({ name: p.name, detail: p.organisation });
      continue;
    }
    const isViewer = p.user?.id === plan.viewer.id;
    members.push({ value: `p:${p.id}`, name: p.name, detail: p.organisation ?? p.contribution, kind: "PARTICIPANT", fixed: isViewer });
  }
  return { members, withoutConsent, userSide: isUserSide(plan.access.role) };
}

/** What the meeting page needs from the plan for the decisions made in the meeting: goals, measures and people. */
export function planForMeeting(plan: Plan) {
  const people = new Map<string, string>();
  people.set(plan.owner.id, plan.owner.name);
  if (plan.coordinator) people.set(plan.coordinator.coordinator.id, plan.coordinator.coordinator.name);
  for (const p of plan.participants) if (p.user && hasAccess(plan, p)) people.set(p.user.id, p.organisation ? `${p.name} (${p.organisation})` : p.name);
  const responsible: { value: string; label: string }[] = [...people].map(([id, name]) => ({ value: `u:${id}`, label: name }));
  for (const p of plan.participants) {
    if (p.active && !p.user) responsible.push({ value: `p:${p.id}`, label: p.organisation ? `${p.name} (${p.organisation})` : p.name });
  }
  return {
    goals: plan.goals.map((g) => ({
      id: g.id,
      title: g.title,
      status: g.status,
      version: g.version,
      measures: g.measures.map((m) => ({ id: m.id, title: m.title, status: m.status, version: m.version })),
    })),
    /** People with an account who see the plan: who can get a follow-up task. */
    people: [...people].map(([id, name]) => ({ id, name })),
    /** Who can be responsible for a new measure (as in the plan's own measure form). */
    responsible,
  };
}
