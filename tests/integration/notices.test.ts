import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { calendarDate, osloLocalToInstant, todayInOslo } from "../../app/domain/oslo-time.ts";
import { notificationsNb } from "../../app/i18n/locales/notifications.ts";
import { addCalendarDays, addWorkingDays } from "../../app/domain/working-days.ts";
import { runDeadlineReminders } from "../../server/cases/reminders.ts";
import { yDocFromText } from "../../server/collab/projection.ts";
import { storeDocument, type Editor } from "../../server/collab/store.ts";
import type { Role } from "../../server/db/generated/enums.ts";
import { runEvaluationReminders } from "../../server/goals/evaluation-reminders.ts";
import { runMeetingReminders } from "../../server/meetings/reminders.ts";
import { sendDigests, sendNotificationEmail, sendPendingEmails, startNotificationEmails } from "../../server/notifications/email.ts";
import { createMeasure, createPlan, createUser } from "../../prisma/factories.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { startSmtpServer } from "./smtp.ts";
import { useTestDatabase } from "./test-db.ts";

// Notices from events (server/notifications/notices.ts): for each row of the notice table and
// each scheduled kind, exactly who is told, with which kind and link. Exact lists, so the actor,
// people in another municipality and people who cannot see the plan show up if they are told.
// Then e-mail, through a real local SMTP server.

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAIL = { from: "portal@kommune.no", baseUrl: "https://ip.kommune.no" };

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// ---------------------------------------------------------------------------------------------
// Who was told

/** People made in a test beyond the plan world, by the name the assertions use. */
const extras = new Map<string, string>();
beforeEach(() => extras.clear());

async function person(w: PlanWorld, label: string, roles: Role[], extra: { active?: boolean } = {}) {
  const user = await createUser(prisma(), { municipalityId: w.home.id, roles, active: extra.active, name: `${label} Testesen` });
  extras.set(user.id, label);
  return user;
}

function whoIs(w: PlanWorld, userId: string): string {
  return Object.entries(w.people).find(([, p]) => p.id === userId)?.[0] ?? extras.get(userId) ?? userId;
}

interface Told {
  who: string;
  kind: string;
  link: string | null;
}

const order = (a: Told, b: Told) => a.who.localeCompare(b.who) || a.kind.localeCompare(b.kind) || String(a.link).localeCompare(String(b.link));

/** The notices of one kind and link, to these people. */
const each = (kind: string, link: string, ...who: string[]): Told[] => who.map((w) => ({ who: w, kind, link }));

/** Exactly these notices, in the order `notices` lists them. */
const only = (...items: Told[]) => [...items].sort(order);

/** Runs `fn`; returns its result and the notices stored while it ran (none from before). */
async function notices<T>(w: PlanWorld, fn: () => Promise<T>) {
  const before = new Set((await prisma().notification.findMany({ select: { id: true } })).map((n) => n.id));
  const result = await fn();
  const rows = (await prisma().notification.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).filter((n) => !before.has(n.id));
  const told = rows.map((n) => ({ who: whoIs(w, n.userId), kind: n.kind, link: n.link })).sort(order);
  return { result, told, rows };
}

// ---------------------------------------------------------------------------------------------
// Worlds

const planLink = (w: PlanWorld) => `/planer/${w.plan.id}`;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/**
 * A meeting the coordinator schedules: Kari (always), Ola and Jonas from the group, Dr. Lund
 * (no account), Per as a guest with Kari's consent, and the administrator as a guest still waiting for it.
 */
function schedule(w: PlanWorld, startsAt = inHours(48)) {
  return w.callers.coordinator.meeting.create({
    planId: w.plan.id,
    startsAt,
    durationMinutes: 90,
    location: "Rådhuset, møterom 2",
    invitees: [{ userId: w.people.relativeWithConsent.id }, { userId: w.people.staffInGroup.id }, { participantId: w.external.id }],
    guests: [{ userId: w.people.staffOutside.id, consent: {} }, { userId: w.people.admin.id }],
  });
}

const meetingVersion = async (meetingId: string) => (await prisma().meeting.findUniqueOrThrow({ where: { id: meetingId } })).version;

/** Kari withdraws her consent for a participant: they no longer see the plan. */
async function withdrawConsent(w: PlanWorld, who: Who) {
  const participant = await prisma().planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people[who].id } });
  await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
}

/** Jonas may edit the whole plan, like a coordinator: staff writing goals. */
const letStaffEditPlan = (w: PlanWorld) =>
  prisma().planParticipant.updateMany({ where: { planId: w.plan.id, userId: w.people.staffInGroup.id }, data: { access: "EDIT_PLAN" } });

/**
 * A complaint Ola sends about his sister Kari, linked to her account: Ola applied, Kari is the
 * person it is about, Vera is her representative in her plan.
 */
async function complaintAboutKari(w: PlanWorld) {
  const c = await w.callers.relativeWithConsent.case.create({ type: "COMPLAINT", subjectName: "Kari Eier", description: "Klage på vedtaket om praktisk bistand." });
  await w.callers.caseOfficer.case.linkSubject({ caseId: c.id, version: 1, userId: w.people.owner.id });
  return { caseId: c.id, version: 2 };
}

// ---------------------------------------------------------------------------------------------

describe("cases", () => {
  it("case received: the municipality's coordinating unit (case officers and KE leader), never the one who registers it", async () => {
    const w = await createPlanWorld(t.db);
    await person(w, "secondOfficer", ["KE_CASE_OFFICER"]);
    await person(w, "formerOfficer", ["KE_CASE_OFFICER"], { active: false });

    const applied = await notices(w, () => w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." }));
    expect(applied.told).toEqual(only(...each("case.received", `/saker/${applied.result.id}`, "caseOfficer", "keLeader", "secondOfficer")));

    // A case officer registering a paper case is not told of their own registration.
    const paper = await notices(w, () =>
      w.callers.caseOfficer.case.create({ type: "COMPLAINT", channel: "PAPER", subjectName: "Per Hansen", description: "Klage på avslag." }),
    );
    expect(paper.told).toEqual(only(...each("case.received", `/saker/${paper.result.id}`, "keLeader", "secondOfficer")));
  });

  it("case assigned: the officer it is given to, not a leader who takes it themself", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." });

    const assigned = await notices(w, () => w.callers.keLeader.case.assign({ caseId: c.id, version: 1, officerId: w.people.caseOfficer.id }));
    expect(assigned.told).toEqual(each("case.assigned", `/saker/${c.id}`, "caseOfficer"));

    const taken = await notices(w, () => w.callers.keLeader.case.assign({ caseId: c.id, version: 2, officerId: w.people.keLeader.id }));
    expect(taken.told).toEqual([]);
  });

  it("interim reply sent: the applicant, the person the case is about and their representative", async () => {
    const w = await createPlanWorld(t.db);
    const { caseId, version } = await complaintAboutKari(w);
    const { told } = await notices(w, () => w.callers.caseOfficer.case.sendInterimReply({ caseId, version, reason: "Vi venter på opplysninger." }));
    expect(told).toEqual(only(...each("case.interim_reply", `/saker/${caseId}`, "relativeWithConsent", "owner", "representative")));
  });

  it("decision made: the applicant, the person the case is about and their representative", async () => {
    const w = await createPlanWorld(t.db);
    const { caseId, version } = await complaintAboutKari(w);
    const { told } = await notices(w, () => w.callers.keLeader.case.decide({ caseId, version, outcome: "REFUSED", grounds: "Vilkårene er ikke oppfylt." }));
    expect(told).toEqual(only(...each("case.decided", `/saker/${caseId}`, "relativeWithConsent", "owner", "representative")));
  });

  it("a staff member's notice of need decided: the person it is about and their representative, not the staff member who sent it", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.staffInGroup.case.create({ type: "NEED_NOTICE", planId: w.plan.id, description: "Trenger mer hjelp om morgenen." });
    const { told } = await notices(w, () => w.callers.keLeader.case.decide({ caseId: c.id, version: 1, outcome: "GRANTED", grounds: "Behovet er dokumentert." }));
    expect(told).toEqual(only(...each("case.decided", `/saker/${c.id}`, "owner", "representative")));
  });

  it("everyone told about a case can open the case the notice links to", async () => {
    const w = await createPlanWorld(t.db);
    const { caseId, version } = await complaintAboutKari(w);
    const { told } = await notices(w, () => w.callers.caseOfficer.case.sendInterimReply({ caseId, version }));
    expect(told.map((n) => n.who)).toContain("representative");
    const opens = async (who: string) => w.callers[who as Who].case.byId({ caseId }).then(() => "opens", (error: { code?: string }) => error.code);
    const outcome: Record<string, string | undefined> = {};
    for (const { who } of told) outcome[who] = await opens(who);
    expect(outcome).toEqual(Object.fromEntries(told.map(({ who }) => [who, "opens"])));
  });

  it("a decision granting a coordinator: the parties get the decision; the new coordinator, Kari and Vera the appointment; the old coordinator the release", async () => {
    const w = await createPlanWorld(t.db);
    const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." });
    const { told } = await notices(w, () =>
      w.callers.keLeader.case.decide({
        caseId: c.id,
        version: 1,
        outcome: "GRANTED",
        grounds: "Innvilget.",
        coordinatorId: w.people.staffOutside.id,
        handoverNote: "Kari ønsker møter før 12.",
      }),
    );
    expect(told).toEqual(
      only(
        ...each("case.decided", `/saker/${c.id}`, "owner", "representative"),
        ...each("coordinator.appointed", planLink(w), "staffOutside", "owner", "representative"),
        ...each("coordinator.released", "/mine-planer", "coordinator"),
      ),
    );
  });
});

describe("coordinators", () => {
  it("coordinator appointed: the new coordinator, the user and representative; the previous one is released", async () => {
    const w = await createPlanWorld(t.db);
    const { told } = await notices(w, () =>
      w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "Kari ønsker møter før 12." }),
    );
    expect(told).toEqual(
      only(...each("coordinator.appointed", planLink(w), "staffOutside", "owner", "representative"), ...each("coordinator.released", "/mine-planer", "coordinator")),
    );

    // A plan's first coordinator: nobody is released.
    const nina = await person(w, "nina", ["USER"]);
    const plan = await createPlan(prisma(), { municipalityId: w.home.id, ownerId: nina.id });
    const first = await notices(w, () => w.callers.keLeader.coordinator.assign({ planId: plan.id, coordinatorId: w.people.coordinator.id }));
    expect(first.told).toEqual(only(...each("coordinator.appointed", `/planer/${plan.id}`, "coordinator", "nina")));
  });
});

describe("what the user's side writes", () => {
  it("a goal written by the user: the coordinator; not when staff writes one", async () => {
    const w = await createPlanWorld(t.db);
    const { told, rows } = await notices(w, () => w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title: "Begynne i kor" }));
    expect(told).toEqual(each("plan.user_input", planLink(w), "coordinator"));
    expect(rows[0].title).toBe("Kari har skrevet et nytt mål");

    await letStaffEditPlan(w);
    const byStaff = await notices(w, () => w.callers.staffInGroup.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Bedre balanse" }));
    expect(byStaff.told).toEqual([]);
  });

  it("a goal changed by the representative: the coordinator; not when staff changes one", async () => {
    const w = await createPlanWorld(t.db);
    const version = async () => (await prisma().goal.findUniqueOrThrow({ where: { id: w.goal.id } })).version;
    const { told, rows } = await notices(w, async () =>
      w.callers.representative.goal.update({ goalId: w.goal.id, version: await version(), changes: { title: "Klare morgenen nesten selv" } }),
    );
    expect(told).toEqual(each("plan.user_input", planLink(w), "coordinator"));
    expect(rows[0].title).toBe("Verge har endret et mål");
    expect(rows[0].body).toContain("(representant)");

    await letStaffEditPlan(w);
    const byStaff = await notices(w, async () => w.callers.staffInGroup.goal.update({ goalId: w.goal.id, version: await version(), changes: { status: "IN_PROGRESS" } }));
    expect(byStaff.told).toEqual([]);
  });

  it("«Om meg» written by the user: the coordinator; not a staff member writing in their measure", async () => {
    const w = await createPlanWorld(t.db);
    const editor = (who: Who, planRole: Editor["planRole"]): Editor => ({
      userId: w.people[who].id,
      name: w.people[who].name,
      municipalityId: w.home.id,
      planRole,
      meta: { ip: "127.0.0.1", userAgent: "vitest" },
    });
    const state = (text: string) => Y.encodeStateAsUpdate(yDocFromText(text));

    const { told, rows } = await notices(w, () =>
      storeDocument(prisma(), {
        doc: { kind: "plan", id: w.plan.id, field: "aboutMe" },
        planId: w.plan.id,
        state: state("Jeg liker å gå tur med hunden."),
        foldedUpdateIds: [],
        editorsToAudit: [editor("owner", "OWNER")],
      }),
    );
    expect(told).toEqual(each("plan.user_input", planLink(w), "coordinator"));
    expect(rows[0].title).toBe("Kari har skrevet i «Om meg»");

    const byStaff = await notices(w, () =>
      storeDocument(prisma(), {
        doc: { kind: "measure", id: w.measure.id, field: "description" },
        planId: w.plan.id,
        state: state("Øvelser to ganger i uken."),
        foldedUpdateIds: [],
        editorsToAudit: [editor("staffInGroup", "PARTICIPANT")],
      }),
    );
    expect(byStaff.told).toEqual([]);
  });

  it("a meeting answer from the user: the coordinator; not an answer from staff", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const { told, rows } = await notices(w, () => w.callers.owner.meeting.respond({ meetingId: m.id, response: "NO" }));
    expect(told).toEqual(each("plan.user_input", `/moter/${m.id}`, "coordinator"));
    expect(rows[0]).toMatchObject({ title: "Kari har svart på møteinnkallingen", body: expect.stringContaining("«kommer ikke»") });

    const byStaff = await notices(w, () => w.callers.staffInGroup.meeting.respond({ meetingId: m.id, response: "YES" }));
    expect(byStaff.told).toEqual([]);
  });

  it("an agenda point from the user: the coordinator; not a point from a relative", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const { told, rows } = await notices(w, () => w.callers.owner.meeting.addAgendaItem({ meetingId: m.id, title: "Skoleskyss" }));
    expect(told).toEqual(each("plan.user_input", `/moter/${m.id}`, "coordinator"));
    expect(rows[0].title).toBe("Kari vil ta opp noe på møtet");

    const byRelative = await notices(w, () => w.callers.relativeWithConsent.meeting.addAgendaItem({ meetingId: m.id, title: "Transport" }));
    expect(byRelative.told).toEqual([]);
  });
});

describe("measures", () => {
  it("a new measure given to someone: that person, if they see the plan and are not the one creating it", async () => {
    const w = await createPlanWorld(t.db);
    const create = (responsibleUserId: string) => w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Trening i basseng", responsibleUserId });

    expect((await notices(w, () => create(w.people.staffInGroup.id))).told).toEqual(each("measure.assigned", planLink(w), "staffInGroup"));
    // Berit is in the group without Kari's consent: she cannot see the plan.
    expect((await notices(w, () => create(w.people.relativeWithoutConsent.id))).told).toEqual([]);
    expect((await notices(w, () => create(w.people.coordinator.id))).told).toEqual([]);
  });

  it("a measure handed to someone else: that person; not when the responsible person stays the same", async () => {
    const w = await createPlanWorld(t.db);
    const update = async (changes: { title?: string; responsibleUserId?: string }) =>
      w.callers.coordinator.measure.update({ measureId: w.measure.id, version: (await prisma().measure.findUniqueOrThrow({ where: { id: w.measure.id } })).version, changes });

    expect((await notices(w, () => update({ responsibleUserId: w.people.relativeWithConsent.id }))).told).toEqual(
      each("measure.assigned", planLink(w), "relativeWithConsent"),
    );
    expect((await notices(w, () => update({ title: "Nytt navn", responsibleUserId: w.people.relativeWithConsent.id }))).told).toEqual([]);
    expect((await notices(w, () => update({ title: "Enda et navn" }))).told).toEqual([]);
    // Handed to someone who cannot see the plan: nobody is told.
    expect((await notices(w, () => update({ responsibleUserId: w.people.relativeWithoutConsent.id }))).told).toEqual([]);
  });
});

describe("meetings", () => {
  it("meeting scheduled: the invitees who see the plan and guests with consent, not the organizer", async () => {
    const w = await createPlanWorld(t.db);
    const { result: m, told } = await notices(w, () => schedule(w));
    expect(told).toEqual(only(...each("meeting.invitation", `/moter/${m.id}`, "owner", "relativeWithConsent", "staffInGroup", "staffOutside")));
  });

  it("meeting changed: every reachable invitee but the one who changed it; not someone who lost access", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    await withdrawConsent(w, "relativeWithConsent");
    const { told } = await notices(w, async () =>
      w.callers.coordinator.meeting.update({ meetingId: m.id, version: await meetingVersion(m.id), changes: { location: "Helsehuset" } }),
    );
    expect(told).toEqual(only(...each("meeting.updated", `/moter/${m.id}`, "owner", "staffInGroup", "staffOutside")));
  });

  it("invitee added to a meeting: that person gets the invitation, the others hear nothing", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const { told } = await notices(w, async () =>
      w.callers.coordinator.meeting.update({ meetingId: m.id, version: await meetingVersion(m.id), changes: {}, addInvitees: [{ userId: w.people.representative.id }] }),
    );
    expect(told).toEqual(each("meeting.invitation", `/moter/${m.id}`, "representative"));
  });

  it("invitee removed from a meeting: that person is told they are no longer invited", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const jonas = await prisma().meetingInvitee.findFirstOrThrow({ where: { meetingId: m.id, userId: w.people.staffInGroup.id } });
    const { told } = await notices(w, async () =>
      w.callers.coordinator.meeting.update({ meetingId: m.id, version: await meetingVersion(m.id), changes: {}, removeInviteeIds: [jonas.id] }),
    );
    // They may no longer open the meeting: the notice links to their own list of meetings.
    expect(told).toEqual(each("meeting.uninvited", "/moter", "staffInGroup"));
  });

  it("meeting cancelled: every reachable invitee but the one who cancelled; not someone who lost access", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    await withdrawConsent(w, "relativeWithConsent");
    const { told } = await notices(w, () => w.callers.coordinator.meeting.cancel({ meetingId: m.id, reason: "Sykdom" }));
    expect(told).toEqual(only(...each("meeting.cancelled", `/moter/${m.id}`, "owner", "staffInGroup", "staffOutside")));
  });

  it("guest added: invited at once with the user's consent, not before", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const lise = await person(w, "lise", ["STAFF"]);
    const trond = await person(w, "trond", ["STAFF"]);
    const withConsent = await notices(w, () => w.callers.coordinator.meeting.addGuest({ meetingId: m.id, userId: lise.id, consent: {} }));
    expect(withConsent.told).toEqual(each("meeting.invitation", `/moter/${m.id}`, "lise"));
    const waiting = await notices(w, () => w.callers.coordinator.meeting.addGuest({ meetingId: m.id, userId: trond.id }));
    expect(waiting.told).toEqual([]);
  });

  it("guest consent recorded: the waiting guest gets the invitation", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const waiting = await prisma().meetingInvitee.findFirstOrThrow({ where: { meetingId: m.id, userId: w.people.admin.id } });
    const { told } = await notices(w, () => w.callers.coordinator.meeting.recordGuestConsent({ inviteeId: waiting.id }));
    expect(told).toEqual(each("meeting.invitation", `/moter/${m.id}`, "admin"));
  });

  it("minutes approved: invited members who see the plan and the user's side; not guests, not the approver", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    await prisma().meeting.update({ where: { id: m.id }, data: { startsAt: new Date(Date.now() - 2 * HOUR) } });
    const { invitees } = await w.callers.coordinator.meeting.byId({ meetingId: m.id });
    await w.callers.coordinator.meeting.recordAttendance({ meetingId: m.id, attendance: invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
    const { told } = await notices(w, () => w.callers.coordinator.meeting.approveMinutes({ meetingId: m.id, text: "Referat" }));
    expect(told).toEqual(only(...each("meeting.approved", `/moter/${m.id}`, "owner", "representative", "relativeWithConsent", "staffInGroup")));
  });

  it("follow-up task: the person responsible", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    const { told } = await notices(w, () =>
      w.callers.coordinator.meeting.createTask({ meetingId: m.id, title: "Søke om bassengkort", responsibleUserId: w.people.staffInGroup.id, dueDate: "2027-01-15" }),
    );
    expect(told).toEqual(each("meeting.task", `/moter/${m.id}`, "staffInGroup"));
  });
});

describe("questions from the coordinating unit", () => {
  it("the KE leader's question about a plan: the plan's coordinator only; the answer: the one who asked", async () => {
    const w = await createPlanWorld(t.db);
    const link = `/planer/${w.plan.id}/sporsmal`;
    let questionId = "";
    const asked = await notices(w, async () => {
      questionId = (await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Kan du se på planen?" })).questionId;
    });
    expect(asked.told).toEqual(each("plan.question", link, "coordinator"));
    expect(asked.rows[0].body).toBe("Kan du se på planen?");
    const followUp = await notices(w, () => w.callers.caseOfficer.question.reply({ questionId, text: "Og husk den årlige gjennomgangen." }));
    expect(followUp.told).toEqual(each("plan.question", link, "coordinator"));
    const answered = await notices(w, () => w.callers.coordinator.question.reply({ questionId, text: "Vi har møte neste uke." }));
    expect(answered.told).toEqual(each("plan.question_answered", link, "keLeader"));
    expect(answered.rows[0].body).toBe("Vi har møte neste uke.");
  });
});

describe("scheduled notices", () => {
  const today = () => todayInOslo();

  /** An open case assigned to the case officer, with the given deadlines (Oslo dates). */
  async function openCase(w: PlanWorld, decisionDue: string, interim: { due: string; sent?: boolean }) {
    return prisma().case.create({
      data: {
        municipalityId: w.home.id,
        reference: `R-${decisionDue}`,
        type: "IP_APPLICATION",
        channel: "PORTAL",
        status: "IN_PROGRESS",
        subjectName: "Person",
        description: "x",
        receivedAt: new Date(),
        interimReplyDue: calendarDate(interim.due),
        interimReplySentAt: interim.sent ? new Date() : null,
        decisionDue: calendarDate(decisionDue),
        assignedToId: w.people.caseOfficer.id,
      },
    });
  }

  it("case deadline soon: the assigned case officer and the KE leaders, once", async () => {
    const w = await createPlanWorld(t.db);
    await person(w, "otherOfficer", ["KE_CASE_OFFICER"]);
    const c = await openCase(w, addWorkingDays(today(), 2), { due: addWorkingDays(today(), 1), sent: true });
    const { told } = await notices(w, async () => {
      await runDeadlineReminders(prisma());
      await runDeadlineReminders(prisma());
    });
    expect(told).toEqual(only(...each("case.deadline_soon", `/saker/${c.id}`, "caseOfficer", "keLeader")));
  });

  it("case deadline passed: the assigned case officer and the KE leaders, once", async () => {
    const w = await createPlanWorld(t.db);
    await person(w, "otherOfficer", ["KE_CASE_OFFICER"]);
    const c = await openCase(w, "2020-01-10", { due: "2020-01-05", sent: true });
    const { told } = await notices(w, async () => {
      await runDeadlineReminders(prisma());
      await runDeadlineReminders(prisma());
    });
    expect(told).toEqual(only(...each("case.deadline_passed", `/saker/${c.id}`, "caseOfficer", "keLeader")));
  });

  it("meeting tomorrow: everyone invited who has not declined and still may know of it, once", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w, `${addCalendarDays(today(), 1)}T10:00`);
    await w.callers.staffInGroup.meeting.respond({ meetingId: m.id, response: "NO" });
    await withdrawConsent(w, "relativeWithConsent");
    const { told } = await notices(w, async () => {
      await runMeetingReminders(prisma());
      await runMeetingReminders(prisma());
    });
    expect(told).toEqual(only(...each("meeting.reminder.dayBefore", `/moter/${m.id}`, "owner", "coordinator", "staffOutside")));
  });

  it("minutes not approved three days after: the coordinator, once", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    await prisma().meeting.update({ where: { id: m.id }, data: { startsAt: new Date(Date.now() - 4 * DAY) } });
    const { told } = await notices(w, async () => {
      await runMeetingReminders(prisma());
      await runMeetingReminders(prisma());
    });
    expect(told).toEqual(each("meeting.reminder.minutesOverdue", `/moter/${m.id}`, "coordinator"));
  });

  it("no minutes a week after: the coordinator, once", async () => {
    const w = await createPlanWorld(t.db);
    const m = await schedule(w);
    await prisma().meeting.update({ where: { id: m.id }, data: { startsAt: new Date(Date.now() - 8 * DAY) } });
    const { told } = await notices(w, async () => {
      await runMeetingReminders(prisma());
      await runMeetingReminders(prisma());
    });
    expect(told.filter((n) => n.kind === "meeting.reminder.notRecorded")).toEqual(each("meeting.reminder.notRecorded", `/moter/${m.id}`, "coordinator"));
  });

  it("evaluation falling due: the measure's responsible person (the coordinator if they cannot see the plan), the coordinator for a goal; once", async () => {
    const w = await createPlanWorld(t.db);
    const due = calendarDate(today());
    await prisma().goal.update({ where: { id: w.goal.id }, data: { evaluationDate: due } });
    await prisma().measure.update({ where: { id: w.measure.id }, data: { evaluationDate: due } }); // Jonas's
    const base = { planId: w.plan.id, goalId: w.goal.id, createdById: w.people.coordinator.id };
    await createMeasure(prisma(), { ...base, responsibleUserId: w.people.relativeWithoutConsent.id, evaluationDate: due });
    await createMeasure(prisma(), { ...base, responsibleUserId: w.people.staffInGroup.id, evaluationDate: calendarDate(addCalendarDays(today(), 3)) });

    const { told } = await notices(w, async () => {
      await Promise.all([runEvaluationReminders(prisma()), runEvaluationReminders(prisma())]);
      await runEvaluationReminders(prisma());
    });
    expect(told).toEqual(only(...each("evaluation.due", planLink(w), "staffInGroup", "coordinator", "coordinator")));
  });
});

// ---------------------------------------------------------------------------------------------

describe("e-mail", () => {
  async function smtpWithLivePath() {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    cleanups.push(startNotificationEmails(prisma(), smtp.url, MAIL));
    return smtp;
  }

  it("goes only to people who asked for the kind; who unticks it still has the notice in the portal", async () => {
    const smtp = await smtpWithLivePath();
    const w = await createPlanWorld(t.db);
    // Kari does not want "Ny koordinator" by e-mail; everyone else keeps the default (every kind).
    const kari = await w.callers.owner.notification.settings();
    expect(kari.emailKinds).toContain("coordinator.appointed");
    await w.callers.owner.notification.updateSettings({ emailKinds: kari.emailKinds.filter((k) => k !== "coordinator.appointed"), digest: false });
    expect((await w.callers.owner.notification.settings()).emailKinds).not.toContain("coordinator.appointed");

    await w.callers.keLeader.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "Kari ønsker møter før 12." });
    const emailsTo = () => smtp.received.flatMap((m) => m.to).sort();
    await expect
      .poll(emailsTo, { timeout: 10_000 })
      .toEqual([w.people.staffOutside.email, w.people.representative.email, w.people.coordinator.email].sort());

    // Kari has it in the portal …
    const [notice] = (await w.callers.owner.notification.mine()).items;
    expect(notice).toMatchObject({ kind: "coordinator.appointed", link: planLink(w) });
    // … and no sweep sends it to her later.
    expect(await sendPendingEmails(prisma(), smtp.send, MAIL, new Date(Date.now() + 60_000))).toBe(0);
    expect((await prisma().notification.findUniqueOrThrow({ where: { id: notice.id } })).emailedAt).toBeNull();
    expect(emailsTo()).not.toContain(w.people.owner.email);
  });

  it("carries only the kind's name and a link: no name, goal title or text from the plan", async () => {
    const smtp = await smtpWithLivePath();
    const w = await createPlanWorld(t.db);
    // Notices of many kinds, to many people, about a plan full of names and words.
    const { caseId, version } = await complaintAboutKari(w);
    await w.callers.caseOfficer.case.sendInterimReply({ caseId, version, reason: "Vi venter på epikrisen." });
    await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title: "Begynne i kor", description: "Jeg vil synge i koret på onsdager." });
    const m = await schedule(w);
    await w.callers.owner.meeting.addAgendaItem({ meetingId: m.id, title: "Skoleskyss", note: "Bussen går for tidlig." });
    await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Trening i basseng", responsibleUserId: w.people.staffInGroup.id });
    await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Hvordan går det med koret?" });

    const stored = await prisma().notification.findMany();
    expect(new Set(stored.map((n) => n.kind))).toEqual(
      new Set(["case.received", "case.interim_reply", "plan.user_input", "meeting.invitation", "measure.assigned", "plan.question"]),
    );
    // Everyone keeps the default (every kind by e-mail): one e-mail per notice.
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(stored.length);

    const people = Object.values(w.people);
    const kindNames: string[] = Object.values(notificationsNb.kind);
    // Names and words from the plan, and what the portal shows (a title may be just the kind's name).
    const fromPlan = [...people.flatMap((p) => p.name.split(" ")), w.goal.title, "Begynne i kor", "synge", "Skoleskyss", "Bussen", "Trening i basseng", "koret", "epikrisen", "bistand"];
    const shown = stored.flatMap((n) => [n.title, n.body]).filter((text) => !kindNames.includes(text));
    for (const mail of smtp.received) {
      const recipient = people.find((p) => mail.to.includes(p.email))!;
      const kind = mail.subject.replace(/^Individuell plan: /, "");
      expect(kindNames).toContain(kind);
      const url = /https:\/\/ip\.kommune\.no\S*/.exec(mail.text)?.[0] ?? "";
      expect(stored.filter((n) => n.userId === recipient.id).map((n) => n.link)).toContain(url.replace(MAIL.baseUrl, ""));
      // The whole text: the kind's name and the link, nothing else.
      expect(mail.text.trim()).toBe(
        `Du har et nytt varsel i Individuell plan: ${kind}.\n\nLes det i portalen: ${url}\n\nDette er en automatisk melding. Du kan endre hvilke varsler du får på e-post under «Min konto».`,
      );
      for (const secret of [...fromPlan, ...shown]) expect(`${mail.subject}\n${mail.text}`, `${secret} in ${mail.subject}`).not.toContain(secret);
      // An invitation's calendar file: time and place, naming only the organizer and the recipient (decision 010).
      if (kind === notificationsNb.kind.meeting_invitation) expect(mail.calendar).toContain(`ATTENDEE;CN=${recipient.name};`);
      const calendar = mail.calendar.replaceAll(recipient.name, "").replaceAll(w.people.coordinator.name, "");
      for (const secret of fromPlan) expect(calendar, `${secret} in the .ics to ${recipient.name}`).not.toContain(secret);
    }
  });

  it("digest: no single e-mails; one e-mail per Oslo day with the chosen kinds; later notices go in the next day's", async () => {
    const smtp = await smtpWithLivePath();
    const w = await createPlanWorld(t.db);
    // Jonas wants one e-mail a day, without meeting invitations.
    const jonas = await w.callers.staffInGroup.notification.settings();
    await w.callers.staffInGroup.notification.updateSettings({ emailKinds: jonas.emailKinds.filter((k) => k !== "meeting.invitation"), digest: true });
    const toJonas = () => smtp.received.filter((m) => m.to.includes(w.people.staffInGroup.email));

    await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Trening i basseng", responsibleUserId: w.people.staffInGroup.id });
    await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Gåtur hver dag", responsibleUserId: w.people.staffInGroup.id });
    const m = await schedule(w);
    await w.callers.coordinator.meeting.createTask({ meetingId: m.id, title: "Søke om bassengkort", responsibleUserId: w.people.staffInGroup.id, dueDate: "2027-01-15" });

    // The live path ran (Kari's invitation arrived) and sent Jonas nothing; nor does the sweep or a direct send.
    await expect.poll(() => smtp.received.some((mail) => mail.to.includes(w.people.owner.email)), { timeout: 10_000 }).toBe(true);
    await sendPendingEmails(prisma(), smtp.send, MAIL, new Date(Date.now() + 60_000));
    const his = await prisma().notification.findMany({ where: { userId: w.people.staffInGroup.id } });
    expect(his.map((n) => n.kind).sort()).toEqual(["measure.assigned", "measure.assigned", "meeting.invitation", "meeting.task"]);
    for (const n of his) expect(await sendNotificationEmail(prisma(), smtp.send, n.id, MAIL)).toBe(false);
    expect(toJonas()).toEqual([]);

    // The digest, tomorrow at noon (Oslo), well clear of midnight.
    const noon = (days: number) => osloLocalToInstant(`${addCalendarDays(todayInOslo(), days)}T12:00`)!;
    expect(await sendDigests(prisma(), smtp.send, MAIL, noon(1))).toBe(1);
    expect(toJonas()).toHaveLength(1);
    const [digest] = toJonas();
    expect(digest.subject).toBe("Individuell plan: 3 nye varsler");
    expect(digest.text).toContain("- Tiltak du blir ansvarlig for (2)");
    expect(digest.text).toContain("- Oppgaver fra møter (1)");
    expect(digest.text).not.toContain("Invitasjoner til møter");
    expect(digest.text).toContain("https://ip.kommune.no/varsler");
    for (const secret of ["Kari", "Trening i basseng", "Gåtur", "bassengkort"]) expect(digest.raw + digest.text, secret).not.toContain(secret);

    // Again the same day: nothing, even with a new notice; that one comes the next day.
    expect(await sendDigests(prisma(), smtp.send, MAIL, new Date(noon(1).getTime() + HOUR))).toBe(0);
    await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Svømming", responsibleUserId: w.people.staffInGroup.id });
    expect(await sendDigests(prisma(), smtp.send, MAIL, new Date(noon(1).getTime() + 2 * HOUR))).toBe(0);
    expect(toJonas()).toHaveLength(1);
    expect(await sendDigests(prisma(), smtp.send, MAIL, noon(2))).toBe(1);
    expect(toJonas()).toHaveLength(2);
    expect(toJonas()[1].subject).toBe("Individuell plan: 1 nytt varsel");
    expect(toJonas()[1].text).toContain("- Tiltak du blir ansvarlig for (1)");
    expect(await sendDigests(prisma(), smtp.send, MAIL, noon(2))).toBe(0);
  });
});

describe("notification.mine", () => {
  it("lists the notices of someone who was offline, newest first, paged with a cursor; nobody else sees them", async () => {
    const w = await createPlanWorld(t.db);
    // No server and no sockets: the coordinator is away while Kari and Vera write in «Om meg»
    // (two notices from one transaction) and Kari writes five goals.
    const meta = { ip: "127.0.0.1", userAgent: "vitest" };
    await storeDocument(prisma(), {
      doc: { kind: "plan", id: w.plan.id, field: "wishes" },
      planId: w.plan.id,
      state: Y.encodeStateAsUpdate(yDocFromText("Bo hjemme lenge.")),
      foldedUpdateIds: [],
      editorsToAudit: [
        { userId: w.people.owner.id, name: w.people.owner.name, municipalityId: w.home.id, planRole: "OWNER", meta },
        { userId: w.people.representative.id, name: w.people.representative.name, municipalityId: w.home.id, planRole: "REPRESENTATIVE", meta },
      ],
    });
    // Stored in the same millisecond (it happens): paging must still pass both.
    const pair = { userId: w.people.coordinator.id };
    const [first] = await prisma().notification.findMany({ where: pair, orderBy: { createdAt: "asc" } });
    await prisma().notification.updateMany({ where: pair, data: { createdAt: first.createdAt } });
    for (const title of ["Synge i kor", "Lage middag", "Gå tur", "Lese avis", "Ringe venner"]) {
      await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title });
    }
    const stored = await prisma().notification.findMany({ where: { userId: w.people.coordinator.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(stored).toHaveLength(7);
    // The two from one transaction are the oldest, and a page ends between them.
    expect(stored[5].createdAt.getTime()).toBe(stored[6].createdAt.getTime());

    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await w.callers.coordinator.notification.mine({ limit: 2, cursor });
      expect(page.unread).toBe(7);
      expect(await w.callers.coordinator.notification.unread()).toEqual({ unread: 7 });
      pages.push(page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual(stored.map((n) => n.id));

    expect((await w.callers.owner.notification.mine()).items).toEqual([]);
    expect((await w.callers.away.notification.mine()).items).toEqual([]);
    // Nobody else's count includes them.
    expect(await w.callers.owner.notification.unread()).toEqual({ unread: 0 });
    expect(await w.callers.away.notification.unread()).toEqual({ unread: 0 });

    // The header's count comes with the session (decision 053): the same rule, and it follows reading.
    const headerCount = async (userId: string) => (await signIn(t.db, userId)).auth.unread;
    expect(await headerCount(w.people.coordinator.id)).toBe(7);
    expect(await headerCount(w.people.owner.id)).toBe(0);
    // A notice of hers stored under another municipality is not hers here.
    await prisma().notification.update({ where: { id: stored[0].id }, data: { municipalityId: w.other.id } });
    expect(await headerCount(w.people.coordinator.id)).toBe(6);
    expect(await w.callers.coordinator.notification.unread()).toEqual({ unread: 6 });
    await w.callers.coordinator.notification.markRead({ ids: [stored[1].id] });
    expect(await headerCount(w.people.coordinator.id)).toBe(5);
  });
});
