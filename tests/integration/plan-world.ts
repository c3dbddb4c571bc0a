import type { Database } from "../../server/db/database.ts";
import { createGoal, createMeasure, createMunicipality, createPlan, createUnit, createUser } from "../../prisma/factories.ts";
import { signIn } from "./helpers.ts";

/**
 * One plan and everyone around it, for allow/deny tables: each person is signed in and has a
 * caller. `away` is a coordinating-unit leader from another municipality.
 */
export async function createPlanWorld(db: Database) {
  const prisma = db.prisma;
  const home = await createMunicipality(prisma);
  const unit = await createUnit(prisma, home.id, "Hjemmetjenesten");
  const other = await createMunicipality(prisma);
  const m = home.id;
  const p = {
    owner: await createUser(prisma, { municipalityId: m, roles: ["USER"], name: "Kari Eier" }),
    representative: await createUser(prisma, { municipalityId: m, roles: ["RELATIVE"], name: "Verge Vera" }),
    relativeWithConsent: await createUser(prisma, { municipalityId: m, roles: ["RELATIVE"], name: "Ola Pårørende" }),
    relativeWithoutConsent: await createUser(prisma, { municipalityId: m, roles: ["RELATIVE"], name: "Berit Uten" }),
    coordinator: await createUser(prisma, { municipalityId: m, roles: ["COORDINATOR", "STAFF"], unitId: unit.id, name: "Ingrid Koordinator" }),
    staffInGroup: await createUser(prisma, { municipalityId: m, roles: ["STAFF"], name: "Jonas Fysio" }),
    staffOutside: await createUser(prisma, { municipalityId: m, roles: ["STAFF", "COORDINATOR"], unitId: unit.id, name: "Per Utenfor" }),
    caseOfficer: await createUser(prisma, { municipalityId: m, roles: ["KE_CASE_OFFICER"] }),
    keLeader: await createUser(prisma, { municipalityId: m, roles: ["KE_LEADER"] }),
    unitLeader: await createUser(prisma, { municipalityId: m, roles: ["UNIT_LEADER"], unitId: unit.id, leadsUnitId: unit.id }),
    admin: await createUser(prisma, { municipalityId: m, roles: ["ADMIN"] }),
    away: await createUser(prisma, { municipalityId: other.id, roles: ["KE_LEADER", "COORDINATOR"] }),
  };
  const plan = await createPlan(prisma, {
    municipalityId: m,
    ownerId: p.owner.id,
    coordinatorId: p.coordinator.id,
    participants: [
      { userId: p.representative.id, kind: "REPRESENTATIVE", legalBasis: "Verge oppnevnt av statsforvalteren", access: "EDIT_PLAN" },
      { userId: p.relativeWithConsent.id, kind: "RELATIVE", access: "COMMENT", consent: true },
      { userId: p.relativeWithoutConsent.id, kind: "RELATIVE", access: "COMMENT" },
      { userId: p.staffInGroup.id, kind: "PROVIDER", access: "EDIT_OWN_MEASURES", consent: true },
      { kind: "PROVIDER", displayName: "Dr. Lund", organisation: "Fastlege", consent: true },
    ],
  });
  const goal = await createGoal(prisma, { planId: plan.id, createdById: p.owner.id, title: "Klare morgenen selv", writtenByUser: true });
  const measure = await createMeasure(prisma, { planId: plan.id, goalId: goal.id, createdById: p.coordinator.id, responsibleUserId: p.staffInGroup.id });
  const otherMeasure = await createMeasure(prisma, { planId: plan.id, goalId: goal.id, createdById: p.coordinator.id, responsibleUserId: p.coordinator.id });
  const external = await prisma.planParticipant.findFirstOrThrow({ where: { planId: plan.id, displayName: "Dr. Lund" } });

  const callers = Object.fromEntries(
    await Promise.all(Object.entries(p).map(async ([key, user]) => [key, (await signIn(db, user.id)).caller] as const)),
  ) as Record<keyof typeof p, Awaited<ReturnType<typeof signIn>>["caller"]>;

  return { home, other, unit, people: p, plan, goal, measure, otherMeasure, external, callers };
}

export type PlanWorld = Awaited<ReturnType<typeof createPlanWorld>>;
export type Who = keyof PlanWorld["people"];
export const EVERYONE: Who[] = [
  "owner",
  "representative",
  "relativeWithConsent",
  "relativeWithoutConsent",
  "coordinator",
  "staffInGroup",
  "staffOutside",
  "caseOfficer",
  "keLeader",
  "unitLeader",
  "admin",
  "away",
];

/** A responsibility-group meeting two days ahead, with the relative, the physiotherapist and the external participant. */
export async function scheduleMeeting(w: PlanWorld) {
  const { id } = await w.callers.coordinator.meeting.create({
    planId: w.plan.id,
    startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    durationMinutes: 90,
    location: "Rådhuset, møterom 2",
    invitees: [{ userId: w.people.relativeWithConsent.id }, { userId: w.people.staffInGroup.id }, { participantId: w.external.id }],
  });
  return { meetingId: id };
}
