import { describe, expect, it } from "vitest";
import { createPlanWorld, EVERYONE, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// For every plan procedure: who may call it, and that everyone else is refused — with
// NOT_FOUND for people who have no part in the plan, so a refusal never tells that it exists.

const t = useTestDatabase();

type Run = (w: PlanWorld, who: Who) => Promise<unknown>;

/** People who are not in the plan (or lack consent): their refusals must be NOT_FOUND. */
const OUTSIDERS: Who[] = ["relativeWithoutConsent", "staffOutside", "unitLeader", "admin", "away"];

const goalVersion = async (w: PlanWorld) => (await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } })).version;
const measureVersion = async (w: PlanWorld) => (await t.db.prisma.measure.findUniqueOrThrow({ where: { id: w.measure.id } })).version;
const planVersion = async (w: PlanWorld) => (await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;
/** The coordinating unit states its purpose first (in a form); others have no purpose to state. */
const withPurpose = async (w: PlanWorld, who: Who, purpose: string) => {
  if (who === "caseOfficer" || who === "keLeader") await w.callers[who].plan.statePurpose({ planId: w.plan.id, purpose });
};
const externalVersion = async (w: PlanWorld) => (await t.db.prisma.planParticipant.findUniqueOrThrow({ where: { id: w.external.id } })).version;

const CASES: { name: string; allowed: Who[]; run: Run; outsidersGet?: "NOT_FOUND" | "FORBIDDEN" }[] = [
  {
    name: "plan.byId",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup"],
    run: (w, who) => w.callers[who].plan.byId({ planId: w.plan.id }),
  },
  {
    name: "plan.page",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup"],
    run: (w, who) => w.callers[who].plan.page({ planId: w.plan.id }),
  },
  {
    name: "plan.page after the coordinating unit stated a purpose",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup", "caseOfficer", "keLeader"],
    run: async (w, who) => {
      await withPurpose(w, who, "Årlig gjennomgang av planer");
      return w.callers[who].plan.page({ planId: w.plan.id });
    },
  },
  {
    name: "plan.statePurpose",
    allowed: ["caseOfficer", "keLeader"],
    run: (w, who) => w.callers[who].plan.statePurpose({ planId: w.plan.id, purpose: "Årlig gjennomgang av planer" }),
  },
  {
    name: "plan.byId after the coordinating unit stated a purpose",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup", "caseOfficer", "keLeader"],
    run: async (w, who) => {
      await withPurpose(w, who, "Årlig gjennomgang av planer");
      return w.callers[who].plan.byId({ planId: w.plan.id });
    },
  },
  {
    name: "plan.update",
    allowed: ["owner", "representative", "coordinator"],
    run: async (w, who) => w.callers[who].plan.update({ planId: w.plan.id, version: await planVersion(w), changes: { nextReviewAt: "2027-06-01" } }),
  },
  {
    name: "goal.create",
    allowed: ["owner", "representative", "coordinator"],
    run: (w, who) => w.callers[who].goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Treffe venner" }),
  },
  {
    name: "goal.update",
    allowed: ["owner", "representative", "coordinator"],
    run: async (w, who) => w.callers[who].goal.update({ goalId: w.goal.id, version: await goalVersion(w), changes: { status: "IN_PROGRESS" } }),
  },
  {
    name: "measure.create",
    allowed: ["owner", "representative", "coordinator"],
    run: (w, who) => w.callers[who].measure.create({ goalId: w.goal.id, title: "Ukentlig tur", responsibleUserId: w.people.staffInGroup.id }),
  },
  {
    name: "measure.update (the staff member's own measure)",
    allowed: ["owner", "representative", "coordinator", "staffInGroup"],
    run: async (w, who) => w.callers[who].measure.update({ measureId: w.measure.id, version: await measureVersion(w), changes: { status: "ACTIVE" } }),
  },
  {
    name: "evaluation.create (of that measure)",
    allowed: ["owner", "representative", "coordinator", "staffInGroup"],
    run: (w, who) =>
      w.callers[who].evaluation.create({ measureId: w.measure.id, date: "2027-01-10", participants: "Kari og Jonas", achieved: "Gikk bra" }),
  },
  {
    name: "participant.add",
    allowed: ["owner", "representative", "coordinator"],
    run: (w, who) => w.callers[who].participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Lærer Lise", organisation: "Skolen" }),
  },
  {
    name: "participant.update",
    allowed: ["owner", "representative", "coordinator"],
    run: async (w, who) =>
      w.callers[who].participant.update({ participantId: w.external.id, version: await externalVersion(w), changes: { contribution: "Medisiner" } }),
  },
  {
    name: "consent.grant",
    allowed: ["owner", "representative"],
    run: (w, who) => w.callers[who].consent.grant({ planId: w.plan.id, participantId: w.external.id, validTo: "2030-01-01" }),
  },
  {
    name: "consent.withdraw",
    allowed: ["owner", "representative"],
    run: (w, who) => w.callers[who].consent.withdraw({ planId: w.plan.id, participantId: w.external.id }),
  },
  {
    name: "coordinator.requestChange",
    allowed: ["owner", "representative"],
    run: (w, who) => w.callers[who].coordinator.requestChange({ planId: w.plan.id, reason: "Vi får ikke til samarbeidet" }),
  },
  {
    name: "log.create",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup"],
    run: (w, who) => w.callers[who].log.create({ planId: w.plan.id, body: `Notat fra ${who}` }),
  },
  {
    name: "comment.create",
    allowed: ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup"],
    run: (w, who) => w.callers[who].comment.create({ planId: w.plan.id, targetType: "about", body: "Fint skrevet" }),
  },
  {
    name: "service.add",
    allowed: ["owner", "representative", "coordinator"],
    run: (w, who) => w.callers[who].service.add({ planId: w.plan.id, name: "Støttekontakt", provider: "Kulturtjenesten" }),
  },
  {
    name: "audit.forPlan",
    allowed: ["owner", "representative", "coordinator"],
    run: (w, who) => w.callers[who].audit.forPlan({ planId: w.plan.id }),
  },
  {
    name: "audit.forPlan after the coordinating unit stated a purpose",
    allowed: ["owner", "representative", "coordinator", "caseOfficer", "keLeader"],
    run: async (w, who) => {
      await withPurpose(w, who, "Klagesak");
      return w.callers[who].audit.forPlan({ planId: w.plan.id });
    },
  },
  {
    name: "coordinator.assign",
    allowed: ["caseOfficer", "keLeader", "unitLeader"],
    // Alternates between two coordinators of the unit, so each allowed call is a real handover.
    run: async (w, who) => {
      const current = await t.db.prisma.coordinatorAssignment.findFirstOrThrow({ where: { planId: w.plan.id, endedAt: null } });
      const next = current.coordinatorId === w.people.coordinator.id ? w.people.staffOutside : w.people.coordinator;
      return w.callers[who].coordinator.assign({ planId: w.plan.id, coordinatorId: next.id, handoverNote: "Overført" });
    },
    outsidersGet: "FORBIDDEN",
  },
];

describe.each(CASES)("$name", ({ allowed, run, outsidersGet }) => {
  it("is allowed for exactly the right people and refused, with nothing written, for everyone else", async () => {
    const w = await createPlanWorld(t.db);
    for (const who of EVERYONE) {
      const auditBefore = await t.db.prisma.auditEvent.count();
      const outcome = await run(w, who).then(
        () => "allowed",
        (error: { code?: string }) => error.code ?? String(error),
      );
      if (allowed.includes(who)) {
        expect(outcome, who).toBe("allowed");
        expect(await t.db.prisma.auditEvent.count(), `${who}: audit row`).toBeGreaterThan(auditBefore);
      } else {
        expect(["FORBIDDEN", "NOT_FOUND"], `${who} got ${outcome}`).toContain(outcome);
        if (OUTSIDERS.includes(who) && who !== "unitLeader") expect(outcome, who).toBe(outsidersGet && who !== "away" ? outsidersGet : "NOT_FOUND");
        expect(await t.db.prisma.auditEvent.count(), `${who}: no audit row for a refusal`).toBe(auditBefore);
      }
    }
  });
});

describe("measures a staff member does not own", () => {
  it("cannot be changed or evaluated by someone who may only edit their own measures", async () => {
    const w = await createPlanWorld(t.db);
    const version = (await t.db.prisma.measure.findUniqueOrThrow({ where: { id: w.otherMeasure.id } })).version;
    await expect(w.callers.staffInGroup.measure.update({ measureId: w.otherMeasure.id, version, changes: { status: "ACTIVE" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      w.callers.staffInGroup.evaluation.create({ measureId: w.otherMeasure.id, date: "2027-01-01", participants: "x", achieved: "y" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Nor hand their own measure to someone else.
    const own = (await t.db.prisma.measure.findUniqueOrThrow({ where: { id: w.measure.id } })).version;
    await expect(
      w.callers.staffInGroup.measure.update({ measureId: w.measure.id, version: own, changes: { responsibleUserId: w.people.coordinator.id } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("plan.list and measure.mine", () => {
  it("list only plans whose content the caller may see; KE sees the municipality, another municipality nothing", async () => {
    const w = await createPlanWorld(t.db);
    for (const who of EVERYONE) {
      const plans = await w.callers[who].plan.list();
      const sees = ["owner", "representative", "relativeWithConsent", "coordinator", "staffInGroup", "caseOfficer", "keLeader"].includes(who);
      expect(plans.map((p) => p.id), who).toEqual(sees ? [w.plan.id] : []);
    }
  });

  it("'Mine tiltak' shows a staff member's measures while their consent lasts", async () => {
    const w = await createPlanWorld(t.db);
    expect((await w.callers.staffInGroup.measure.mine()).map((m) => m.id)).toEqual([w.measure.id]);
    await w.callers.owner.consent.withdraw({
      planId: w.plan.id,
      participantId: (await t.db.prisma.planParticipant.findFirstOrThrow({ where: { userId: w.people.staffInGroup.id } })).id,
    });
    expect(await w.callers.staffInGroup.measure.mine()).toEqual([]);
  });
});
