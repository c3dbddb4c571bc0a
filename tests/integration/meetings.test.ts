import { afterEach, describe, expect, it } from "vitest";
import type { TRPCError } from "@trpc/server";
import * as Y from "yjs";
import { createFromColumn, createUpdateLog } from "../../server/collab/store.ts";
import { events } from "../../server/events.ts";
import { resolveMinutesAccess } from "../../server/meetings/access.ts";
import { describeError } from "../../server/trpc/errors.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const HOUR = 3_600_000;
const offs: (() => void)[] = [];
afterEach(() => offs.splice(0).forEach((off) => off()));

const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const sessionUser = async (userId: string) => (await signIn(t.db, userId)).auth.user;

async function schedule(w: PlanWorld, extra: Partial<Parameters<PlanWorld["callers"]["coordinator"]["meeting"]["create"]>[0]> = {}) {
  return w.callers.coordinator.meeting.create({
    planId: w.plan.id,
    startsAt: inHours(48),
    durationMinutes: 90,
    location: "Rådhuset, møterom 2",
    invitees: [{ userId: w.people.relativeWithConsent.id }, { userId: w.people.staffInGroup.id }, { participantId: w.external.id }],
    ...extra,
  });
}

/** The meeting took place: move it into the past, as time would. */
const hold = (meetingId: string, hoursAgo = 2) => t.db.prisma.meeting.update({ where: { id: meetingId }, data: { startsAt: new Date(Date.now() - hoursAgo * HOUR) } });

describe("meeting lifecycle", () => {
  it("create → invite → respond → actions → attendance → approve → corrections", async () => {
    const w = await createPlanWorld(t.db);
    const seen: string[] = [];
    offs.push(events.on("changed", (e) => (e.meetingId ? seen.push(e.action) : undefined)));

    const created = await schedule(w);
    const meeting = await w.callers.coordinator.meeting.byId({ meetingId: created.id });
    // The user is always invited, and so is the coordinator who scheduled it (and comes).
    expect(meeting.invitees.map((i) => [i.kind, i.name]).sort()).toEqual(
      [
        ["OWNER", "Kari Eier"],
        ["COORDINATOR", "Ingrid Koordinator"],
        ["PARTICIPANT", "Ola Pårørende"],
        ["PARTICIPANT", "Jonas Fysio"],
        ["PARTICIPANT", "Dr. Lund"],
      ].sort(),
    );
    expect(meeting.invitees.find((i) => i.kind === "COORDINATOR")?.response).toBe("YES");

    // Invitations in the portal: time and place, nothing from the plan.
    const invitations = await t.db.prisma.notification.findMany({ where: { meetingId: created.id } });
    expect(invitations.map((n) => n.userId).sort()).toEqual([w.people.owner.id, w.people.relativeWithConsent.id, w.people.staffInGroup.id].sort());
    for (const n of invitations) {
      expect(n.kind).toBe("meeting.invitation");
      expect(n.title).toContain("Invitasjon til ansvarsgruppemøte");
      expect(`${n.title} ${n.body}`).not.toContain("Klare morgenen");
      expect(n.body).toContain("Rådhuset, møterom 2");
    }

    await w.callers.owner.meeting.respond({ meetingId: created.id, response: "YES" });
    await w.callers.staffInGroup.meeting.respond({ meetingId: created.id, response: "MAYBE" });
    // Someone in the plan who was not invited cannot answer for the meeting.
    await expect(w.callers.representative.meeting.respond({ meetingId: created.id, response: "NO" })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "meeting.notInvited" });
    const responses = Object.fromEntries((await w.callers.owner.meeting.byId({ meetingId: created.id })).invitees.map((i) => [i.name, i.response]));
    expect(responses).toMatchObject({ "Kari Eier": "YES", "Jonas Fysio": "MAYBE", "Ola Pårørende": "PENDING" });

    // Attendance cannot be recorded before the meeting.
    await expect(w.callers.coordinator.meeting.recordAttendance({ meetingId: created.id, attendance: [{ inviteeId: meeting.invitees[0].id, attended: true }] })).rejects.toMatchObject({
      messageKey: "meeting.notHeldYet",
    });
    await hold(created.id);

    // In the meeting: the plan's own procedures, with the meeting named.
    const goal = await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } });
    await w.callers.coordinator.evaluation.create({ meetingId: created.id, goalId: w.goal.id, date: "2026-11-20", participants: "Kari, Ola, Ingrid", achieved: "Klarer morgenen fire av fem dager", newScore: 4 });
    await w.callers.coordinator.goal.update({ meetingId: created.id, goalId: w.goal.id, version: goal.version + 1, changes: { status: "IN_PROGRESS" } });
    const measure = await w.callers.coordinator.measure.create({ meetingId: created.id, goalId: w.goal.id, title: "Trening i basseng" });
    await w.callers.coordinator.measure.update({ meetingId: created.id, measureId: measure.id, version: measure.version, changes: { status: "ACTIVE" } });
    const task = await w.callers.coordinator.meeting.createTask({ meetingId: created.id, title: "Søke om bassengkort", responsibleUserId: w.people.staffInGroup.id, dueDate: "2026-12-15" });
    // The person responsible for a measure records its evaluation from the meeting too.
    await w.callers.staffInGroup.evaluation.create({ meetingId: created.id, measureId: w.measure.id, date: "2026-11-20", participants: "Jonas", achieved: "Bedre balanse" });

    const during = await w.callers.coordinator.meeting.byId({ meetingId: created.id });
    expect(during.actions.map((a) => a.kind)).toEqual(["evaluation.create", "goal.update", "measure.create", "measure.update", "task.create", "evaluation.create"]);
    expect(during.actions.map((a) => a.summary)).toEqual([
      "Evaluering av målet «Klare morgenen selv»",
      "Målet «Klare morgenen selv»: status satt til I gang",
      "Nytt tiltak: «Trening i basseng»",
      "Tiltaket «Trening i basseng»: status satt til Pågår",
      expect.stringContaining("Oppfølgingsoppgave: «Søke om bassengkort» (Jonas Fysio"),
      expect.stringMatching(/^Evaluering av tiltaket/),
    ]);
    // The plan changed, and each change's audit row names the meeting.
    expect((await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } })).status).toBe("IN_PROGRESS");
    const audits = await t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, action: { in: ["evaluation.create", "goal.update", "measure.create", "measure.update"] } } });
    expect(audits).toHaveLength(5);
    for (const a of audits) expect(a.details).toMatchObject({ meetingId: created.id });
    expect(during.tasks).toEqual([expect.objectContaining({ id: task.id, status: "OPEN", responsible: { id: w.people.staffInGroup.id, name: "Jonas Fysio" } })]);

    // The task shows for the responsible person, and they were told.
    expect((await w.callers.staffInGroup.task.mine()).map((x) => x.title)).toEqual(["Søke om bassengkort"]);
    expect((await w.callers.staffInGroup.task.mine()).map((x) => x.id)).toEqual([task.id]);
    expect(await t.db.prisma.notification.count({ where: { userId: w.people.staffInGroup.id, kind: "meeting.task" } })).toBe(1);

    // Approval needs attendance first, and only the coordinator approves.
    await expect(w.callers.coordinator.meeting.approveMinutes({ meetingId: created.id, text: "Referat" })).rejects.toMatchObject({ messageKey: "meeting.attendanceFirst" });
    await w.callers.coordinator.meeting.recordAttendance({
      meetingId: created.id,
      attendance: during.invitees.map((i) => ({ inviteeId: i.id, attended: i.name !== "Dr. Lund" })),
    });
    await expect(w.callers.owner.meeting.approveMinutes({ meetingId: created.id, text: "Referat" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "meeting.approveCoordinatorOnly",
    });
    const minutes = "Til stede: Kari, Ola, Ingrid, Jonas.\nKari klarer morgenen fire av fem dager. Starter bassengtrening.";
    // Before approval, people with edit rights write in the co-edited minutes.
    const coordinatorUser = await sessionUser(w.people.coordinator.id);
    expect(await t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, coordinatorUser, created.id))).toMatchObject({ canEdit: true, planId: w.plan.id });
    await w.callers.coordinator.meeting.approveMinutes({ meetingId: created.id, text: minutes });
    expect(seen).toContain("minutes.approved");

    // Locked: approving again, storing the co-edited text, or recording plan changes on it is refused.
    await expect(w.callers.coordinator.meeting.approveMinutes({ meetingId: created.id, text: "Noe annet" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "meeting.alreadyApproved",
    });
    expect(await t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, coordinatorUser, created.id))).toMatchObject({ canEdit: false });
    await expect(
      w.callers.coordinator.evaluation.create({ meetingId: created.id, goalId: w.goal.id, date: "2026-11-21", participants: "x", achieved: "y" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "meeting.closedForChanges" });
    await expect(w.callers.coordinator.meeting.addAgendaItem({ meetingId: created.id, title: "Etterpå" })).rejects.toMatchObject({ messageKey: "meeting.minutesLocked" });
    await expect(
      w.callers.coordinator.meeting.recordAttendance({ meetingId: created.id, attendance: [{ inviteeId: during.invitees[0].id, attended: false }] }),
    ).rejects.toMatchObject({ messageKey: "meeting.minutesLocked" });

    // Corrections are separate rows, shown as such; the approved text stays as approved.
    await w.callers.owner.meeting.addCorrection({ meetingId: created.id, text: "Det var tre av fem dager, ikke fire." });
    const after = await w.callers.relativeWithConsent.meeting.byId({ meetingId: created.id });
    expect(after.status).toBe("APPROVED");
    expect(after.minutes).toMatchObject({
      approved: true,
      text: minutes,
      approvedBy: { id: w.people.coordinator.id, name: "Ingrid Koordinator" },
      corrections: [{ label: "Rettelse", text: "Det var tre av fem dager, ikke fire.", author: { id: w.people.owner.id, name: "Kari Eier" }, createdAt: expect.any(Date) }],
    });
    expect(after.access).toMatchObject({ canEdit: false, canEditMinutes: false, canApprove: false });
    // Everyone in the group was told the minutes are there: the invited members who see the plan
    // and the user's side (Kari and her representative), but not the coordinator who approved.
    const told = await t.db.prisma.notification.findMany({ where: { meetingId: created.id, kind: "meeting.approved" }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([w.people.owner.id, w.people.representative.id, w.people.relativeWithConsent.id, w.people.staffInGroup.id].sort());

    // The task is done later, by its responsible person, also after approval.
    await w.callers.staffInGroup.meeting.completeTask({ taskId: task.id });
    await expect(w.callers.staffInGroup.meeting.completeTask({ taskId: task.id })).rejects.toMatchObject({ messageKey: "meeting.taskAlreadyDone" });
    expect(await w.callers.staffInGroup.task.mine()).toEqual([]);

    // Every write and read has its audit row, with the plan.
    const meetingAudits = await t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, action: { startsWith: "meeting." } }, orderBy: { createdAt: "asc" } });
    expect(new Set(meetingAudits.map((a) => a.action))).toEqual(
      new Set(["meeting.create", "meeting.view", "meeting.respond", "meeting.task.create", "meeting.tasks.mine.view", "meeting.attendance", "meeting.task.complete"]),
    );
    expect(await t.db.prisma.auditEvent.count({ where: { action: "minutes.approved", planId: w.plan.id } })).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "minutes.correction", planId: w.plan.id } })).toBe(1);
  });

  it("two approvals at the same moment: exactly one wins", async () => {
    const w = await createPlanWorld(t.db);
    const { id } = await schedule(w);
    await hold(id);
    const { invitees } = await w.callers.coordinator.meeting.byId({ meetingId: id });
    await w.callers.coordinator.meeting.recordAttendance({ meetingId: id, attendance: invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
    const results = await Promise.allSettled([
      w.callers.coordinator.meeting.approveMinutes({ meetingId: id, text: "A" }),
      w.callers.coordinator.meeting.approveMinutes({ meetingId: id, text: "B" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ messageKey: "meeting.alreadyApproved" });
  });

  it("approval takes the co-edited document's text, including updates acknowledged but not yet stored", async () => {
    const w = await createPlanWorld(t.db);
    const { id } = await schedule(w);
    await hold(id);
    const { invitees } = await w.callers.coordinator.meeting.byId({ meetingId: id });
    await w.callers.coordinator.meeting.recordAttendance({ meetingId: id, attendance: invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
    await expect(w.callers.coordinator.meeting.approveMinutes({ meetingId: id })).rejects.toMatchObject({ messageKey: "meeting.minutesEmpty" });
    // What the co-editing layer stores, then one more update only in its log (acknowledged, not yet folded in).
    const name = `meeting:${id}:minutes`;
    const stored = await createFromColumn(t.db.prisma, { kind: "meeting", id, field: "minutes" }, w.plan.id, "Skrevet sammen");
    expect((await w.callers.owner.meeting.byId({ meetingId: id })).minutes).toMatchObject({ approved: false, text: "Skrevet sammen" });
    const live = new Y.Doc();
    Y.applyUpdate(live, stored);
    const before = Y.encodeStateVector(live);
    ((live.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert("Skrevet sammen".length, " i møtet");
    await createUpdateLog(t.db).append(name, Y.encodeStateAsUpdate(live, before));
    await w.callers.coordinator.meeting.approveMinutes({ meetingId: id });
    expect(await t.db.prisma.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({
      minutesText: "Skrevet sammen i møtet",
      minutesHtml: "<p>Skrevet sammen i møtet</p>",
    });
  });

  it("reschedule bumps the sequence and asks again; cancel sends a cancellation", async () => {
    const w = await createPlanWorld(t.db);
    const { id, version } = await schedule(w);
    await w.callers.owner.meeting.respond({ meetingId: id, response: "YES" });
    const moved = await w.callers.coordinator.meeting.update({ meetingId: id, version, changes: { startsAt: inHours(72), location: "Helsehuset" } });
    expect(moved.sequence).toBe(1);
    const m = await w.callers.owner.meeting.byId({ meetingId: id });
    expect(m.location).toBe("Helsehuset");
    expect(m.myInvitation?.response).toBe("PENDING");
    expect(await t.db.prisma.notification.count({ where: { meetingId: id, kind: "meeting.updated" } })).toBe(3);
    // A stale copy is refused with the current row.
    await expect(w.callers.coordinator.meeting.update({ meetingId: id, version, changes: { durationMinutes: 60 } })).rejects.toMatchObject({ code: "CONFLICT" });
    // Take someone off; they are told, and the user cannot be taken off.
    const ola = m.invitees.find((i) => i.name === "Ola Pårørende")!;
    const owner = m.invitees.find((i) => i.kind === "OWNER")!;
    await expect(w.callers.coordinator.meeting.update({ meetingId: id, version: moved.version, changes: {}, removeInviteeIds: [owner.id] })).rejects.toMatchObject({
      messageKey: "meeting.ownerAlwaysInvited",
    });
    const third = await w.callers.coordinator.meeting.update({ meetingId: id, version: moved.version, changes: {}, removeInviteeIds: [ola.id] });
    expect(third.sequence).toBe(2);
    expect(await t.db.prisma.notification.count({ where: { meetingId: id, kind: "meeting.uninvited", userId: w.people.relativeWithConsent.id } })).toBe(1);
    await expect(w.callers.relativeWithConsent.meeting.ics({ meetingId: id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "meeting.notInvited" });

    const cancelled = await w.callers.coordinator.meeting.cancel({ meetingId: id, reason: "Koordinator er syk" });
    expect(cancelled).toMatchObject({ status: "CANCELLED", sequence: 3 });
    expect(await t.db.prisma.notification.count({ where: { meetingId: id, kind: "meeting.cancelled" } })).toBe(2);
    const ics = await w.callers.owner.meeting.ics({ meetingId: id });
    expect(ics.method).toBe("CANCEL");
    expect(ics.text).toContain("METHOD:CANCEL");
    await expect(w.callers.coordinator.meeting.cancel({ meetingId: id })).rejects.toMatchObject({ messageKey: "meeting.cancelled" });
    await expect(w.callers.owner.meeting.respond({ meetingId: id, response: "YES" })).rejects.toMatchObject({ messageKey: "meeting.cancelled" });
  });
});

describe("agenda", () => {
  it("is built from due evaluations, open tasks of the last meeting and new input from the user's side; the user adds points", async () => {
    const w = await createPlanWorld(t.db);
    const prisma = t.db.prisma;
    // The last meeting, six weeks ago, left one open and one finished task.
    const last = await schedule(w, { startsAt: new Date(Date.now() - 42 * 24 * HOUR).toISOString() });
    const open = await w.callers.coordinator.meeting.createTask({ meetingId: last.id, title: "Bestille hjelpemidler", responsibleUserId: w.people.coordinator.id, dueDate: "2026-11-01" });
    const done = await w.callers.coordinator.meeting.createTask({ meetingId: last.id, title: "Ringe NAV", responsibleUserId: w.people.coordinator.id, dueDate: "2026-11-01" });
    await w.callers.coordinator.meeting.completeTask({ taskId: done.id });
    // Before the last meeting: not new (the world's goal is older too).
    await prisma.goal.update({ where: { id: w.goal.id }, data: { createdAt: new Date(Date.now() - 60 * 24 * HOUR) } });
    await prisma.logEntry.create({ data: { planId: w.plan.id, authorId: w.people.owner.id, date: new Date(), body: "Gammelt innspill", createdAt: new Date(Date.now() - 60 * 24 * HOUR) } });
    // Since: the user's log entry, a relative's comment and a goal in the user's words; staff's log entry is not "from the user".
    await w.callers.owner.log.create({ planId: w.plan.id, body: "Jeg vil snakke om bussen" });
    await w.callers.relativeWithConsent.comment.create({ planId: w.plan.id, targetType: "about", body: "Kari er mer sliten om kvelden" });
    await w.callers.owner.goal.create({ planId: w.plan.id, lifeArea: "LEISURE", title: "Begynne i kor" });
    await w.callers.staffInGroup.log.create({ planId: w.plan.id, body: "Fagpersonens notat" });
    // Evaluation due before the meeting (on its day counts), one after it does not, finished ones do not.
    const meetingDay = new Date(Date.now() + 7 * 24 * HOUR);
    const dayOf = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);
    await prisma.goal.update({ where: { id: w.goal.id }, data: { evaluationDate: dayOf(meetingDay) } });
    await prisma.measure.update({ where: { id: w.measure.id }, data: { evaluationDate: dayOf(new Date()) } });
    await prisma.measure.update({ where: { id: w.otherMeasure.id }, data: { evaluationDate: dayOf(new Date(Date.now() + 30 * 24 * HOUR)) } });
    await prisma.goal.create({ data: { planId: w.plan.id, title: "Ferdig mål", lifeArea: "HEALTH", status: "ACHIEVED", evaluationDate: dayOf(new Date()), createdById: w.people.coordinator.id } });

    const next = await schedule(w, { startsAt: meetingDay.toISOString() });
    const { agenda } = await w.callers.owner.meeting.byId({ meetingId: next.id });
    expect(agenda.map((a) => [a.kind, a.title])).toEqual([
      ["EVALUATION", "Evaluering av mål: Klare morgenen selv"],
      ["EVALUATION", expect.stringMatching(/^Evaluering av tiltak: /)],
      ["FOLLOW_UP", "Oppfølging: Bestille hjelpemidler"],
      ["USER_INPUT", "I loggen: «Jeg vil snakke om bussen»"],
      ["USER_INPUT", "Kommentar: «Kari er mer sliten om kvelden»"],
      ["USER_INPUT", "Nytt mål: Begynne i kor"],
    ]);
    // Each input names who wrote it: the page says "from Ola Pårørende", or "from you" to Kari.
    expect(agenda.slice(3).map((a) => a.addedBy?.name)).toEqual(["Kari Eier", "Ola Pårørende", "Kari Eier"]);
    expect(agenda[1].measureId).toBe(w.measure.id);
    expect(agenda[2]).toMatchObject({ taskId: open.id, note: expect.stringContaining("Ingrid Koordinator") });

    // "Dette vil jeg snakke om": the user and the representative add points; a relative with comment rights too.
    const point = await w.callers.owner.meeting.addAgendaItem({ meetingId: next.id, title: "Jeg vil ta bussen alene til trening" });
    expect(point.kind).toBe("USER_POINT");
    expect((await w.callers.representative.meeting.addAgendaItem({ meetingId: next.id, title: "Verge: økonomi" })).kind).toBe("USER_POINT");
    const relativePoint = await w.callers.relativeWithConsent.meeting.addAgendaItem({ meetingId: next.id, title: "Ola: avlastning" });
    expect(relativePoint.kind).toBe("OTHER");
    // The relative edits their own point, but not others'.
    await w.callers.relativeWithConsent.meeting.updateAgendaItem({ itemId: relativePoint.id, version: 1, changes: { note: "Helger" } });
    await expect(w.callers.relativeWithConsent.meeting.removeAgendaItem({ itemId: point.id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "meeting.agendaOwnItemsOnly" });
    await expect(w.callers.relativeWithoutConsent.meeting.addAgendaItem({ meetingId: next.id, title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The coordinator edits, removes and reorders.
    const all = (await w.callers.coordinator.meeting.byId({ meetingId: next.id })).agenda;
    await w.callers.coordinator.meeting.removeAgendaItem({ itemId: all[5].id });
    const remaining = all.filter((_, i) => i !== 5).map((a) => a.id);
    await expect(w.callers.coordinator.meeting.reorderAgenda({ meetingId: next.id, itemIds: remaining.slice(1) })).rejects.toMatchObject({ messageKey: "meeting.agendaOrderMismatch" });
    await w.callers.coordinator.meeting.reorderAgenda({ meetingId: next.id, itemIds: [point.id, ...remaining.filter((id) => id !== point.id)] });
    const reordered = (await w.callers.owner.meeting.byId({ meetingId: next.id })).agenda;
    expect(reordered[0]).toMatchObject({ id: point.id, addedBy: { id: w.people.owner.id, name: "Kari Eier" } });
    expect(reordered).toHaveLength(8);
    // The user sees the agenda and their meetings from "Min plan".
    expect((await w.callers.owner.meeting.list({ planId: w.plan.id })).map((m) => m.id)).toEqual([next.id, last.id]);
    expect((await w.callers.owner.meeting.upcoming()).map((m) => m.id)).toEqual([next.id]);
  });
});

describe("meeting access", () => {
  it("outsiders and other municipalities get NOT_FOUND; a participant without consent cannot read the minutes", async () => {
    const w = await createPlanWorld(t.db);
    const { id } = await schedule(w);
    for (const who of ["relativeWithoutConsent", "staffOutside", "unitLeader", "admin", "away"] as const) {
      await expect(w.callers[who].meeting.byId({ meetingId: id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(w.callers[who].meeting.list({ planId: w.plan.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(w.callers[who].meeting.ics({ meetingId: id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
      const user = await sessionUser(w.people[who].id);
      await expect(t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, user, id)), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // Wrong role in the plan: FORBIDDEN with a message.
    await expect(w.callers.relativeWithConsent.meeting.update({ meetingId: id, version: 1, changes: { durationMinutes: 60 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.staffInGroup.meeting.create({ planId: w.plan.id, startsAt: inHours(5), durationMinutes: 60, location: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Read-only members read the minutes but do not write in them.
    const relative = await sessionUser(w.people.relativeWithConsent.id);
    expect(await t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, relative, id))).toMatchObject({ canEdit: false, expiresAt: null });
    const staff = await sessionUser(w.people.staffInGroup.id);
    // A time-limited consent limits the live connection too.
    const consentEnd = new Date(Date.now() + 30 * 24 * HOUR);
    await t.db.prisma.participantConsent.updateMany({ where: { participant: { userId: w.people.staffInGroup.id } }, data: { validTo: consentEnd } });
    expect((await t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, staff, id))).expiresAt?.getTime()).toBe(consentEnd.getTime());
    // The coordinating unit reads with a purpose, recorded; not live in the minutes.
    await expect(w.callers.keLeader.meeting.byId({ meetingId: id })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "plan.purposeRequired" });
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: "Årlig gjennomgang" });
    const audited = await w.callers.keLeader.meeting.byId({ meetingId: id });
    expect(audited.access.role).toBe("AUDITOR");
    expect(await t.db.prisma.auditEvent.findFirst({ where: { actorId: w.people.keLeader.id, action: "meeting.view" } })).toMatchObject({ purpose: "Årlig gjennomgang", planId: w.plan.id });
    const leader = await sessionUser(w.people.keLeader.id);
    // A purpose holds for the session it was stated in: a new sign-in asks again, also for the minutes.
    await expect(t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, leader, id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.db.prisma.purposeStatement.create({ data: { sessionId: leader.sessionId!, planId: w.plan.id, purpose: "Klage", expiresAt: new Date(Date.now() + HOUR) } });
    expect(await t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, leader, id))).toMatchObject({ planRole: "AUDITOR", purpose: "Klage", canEdit: false });
    // A participant without consent cannot be invited as a member either.
    await expect(schedule(w, { invitees: [{ userId: w.people.relativeWithoutConsent.id }] })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "meeting.inviteeWithoutConsent" });
    await expect(schedule(w, { invitees: [{ userId: w.people.staffOutside.id }] })).rejects.toMatchObject({ messageKey: "meeting.inviteeNotInGroup" });
    // Withdrawn consent: the invitation no longer opens anything.
    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { userId: w.people.relativeWithConsent.id } });
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
    await expect(w.callers.relativeWithConsent.meeting.byId({ meetingId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await w.callers.relativeWithConsent.meeting.upcoming()).toEqual([]);
  });

  it("a guest, with the user's recorded consent, sees only their meeting: no minutes, actions or tasks, nothing else of the plan", async () => {
    const w = await createPlanWorld(t.db);
    const { id } = await schedule(w);
    const guest = w.people.staffOutside; // a teacher, say: not in the group
    // The coordinator proposes the guest; without the user's consent nothing is sent and nothing opens.
    const waiting = await w.callers.coordinator.meeting.addGuest({ meetingId: id, userId: guest.id, organisation: "Skolen" });
    expect(waiting.consentGivenAt).toBeNull();
    await expect(w.callers.staffOutside.meeting.byId({ meetingId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.prisma.notification.count({ where: { userId: guest.id } })).toBe(0);
    // Consent is the user's: the user (or representative) records it.
    await expect(
      w.callers.coordinator.meeting.recordGuestConsent({ inviteeId: waiting.id, givenById: w.people.staffInGroup.id }),
    ).rejects.toMatchObject({ messageKey: "meeting.consentGiverNotUser" });
    await w.callers.owner.meeting.recordGuestConsent({ inviteeId: waiting.id });
    expect(await t.db.prisma.notification.count({ where: { userId: guest.id, kind: "meeting.invitation" } })).toBe(1);

    // Something for members only, to check it does not reach the guest.
    await hold(id);
    await w.callers.coordinator.meeting.createTask({ meetingId: id, title: "Hemmelig oppgave", responsibleUserId: w.people.coordinator.id, dueDate: "2026-12-01" });
    const seen = await w.callers.staffOutside.meeting.byId({ meetingId: id });
    expect(seen).toMatchObject({ minutes: null, actions: [], tasks: [], cancelReason: null, access: { role: "GUEST", canEdit: false, canReadMinutes: false } });
    expect(seen.agenda).toBeDefined();
    expect(seen.invitees.find((i) => i.name === guest.name)?.consent).toBeNull();
    expect(seen.myInvitation).toMatchObject({ kind: "GUEST" });
    const ics = await w.callers.staffOutside.meeting.ics({ meetingId: id });
    expect(ics.text).toContain("METHOD:REQUEST");
    // Nothing else of the plan.
    await expect(w.callers.staffOutside.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.staffOutside.meeting.list({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.callers.staffOutside.meeting.addAgendaItem({ meetingId: id, title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const user = await sessionUser(guest.id);
    await expect(t.db.prisma.$transaction((tx) => resolveMinutesAccess(tx, user, id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The members see who gave the consent and who recorded it.
    const forCoordinator = await w.callers.coordinator.meeting.byId({ meetingId: id });
    expect(forCoordinator.invitees.find((i) => i.kind === "GUEST")?.consent).toMatchObject({
      givenBy: { id: w.people.owner.id },
      recordedBy: { id: w.people.owner.id },
      givenAt: expect.any(Date),
    });
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { actorId: guest.id, action: "meeting.view" } });
    expect(audit).toMatchObject({ planId: w.plan.id, details: { as: "guest" } });
  });

  it("the coordinator records that the user consented to a guest without an account", async () => {
    const w = await createPlanWorld(t.db);
    const { id } = await schedule(w, {
      guests: [{ name: "Lærer Lise", email: "lise@skole.no", organisation: "Skolen", consent: { givenAt: "2026-11-20T09:00" } }],
    });
    const m = await w.callers.coordinator.meeting.byId({ meetingId: id });
    const lise = m.invitees.find((i) => i.kind === "GUEST")!;
    expect(lise).toMatchObject({ name: "Lærer Lise", awaitingConsent: false, consent: { givenBy: { id: w.people.owner.id }, recordedBy: { id: w.people.coordinator.id } } });
    // A guest who is already in the group with access is a member instead.
    await expect(w.callers.coordinator.meeting.addGuest({ meetingId: id, userId: w.people.staffInGroup.id, consent: {} })).rejects.toMatchObject({ messageKey: "meeting.guestIsMember" });
  });
});

describe("invalid input", () => {
  it("gets a readable 400 with Norwegian messages per field", async () => {
    const w = await createPlanWorld(t.db);
    const error = (await w.callers.coordinator.meeting
      .create({ planId: w.plan.id, startsAt: "i morgen", durationMinutes: 5, videoLink: "ftp://x", invitees: [{}] } as never)
      .catch((e: unknown) => e)) as TRPCError;
    const described = describeError(error, "nb");
    expect(described.status).toBe(400);
    expect(described.fieldErrors).toMatchObject({
      startsAt: "må være et tidspunkt, for eksempel 2027-03-29T10:00",
      durationMinutes: "må være minst 15",
      videoLink: "har feil format",
      "invitees.0.userId": "velg en person med konto eller en deltaker (ikke begge)",
    });
    expect(described.message).toMatch(/^Noe er ikke fylt ut riktig\./);
    const noPlace = describeError(
      (await w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: "2027-01-10T10:00", durationMinutes: 60 }).catch((e: unknown) => e)) as TRPCError,
      "nb",
    );
    expect(noPlace.fieldErrors).toEqual({ location: "skriv et møtested eller en videolenke" });
    // 02:30 on the night clocks go forward does not exist in Oslo.
    const skipped = describeError(
      (await w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: "2027-03-28T02:30", durationMinutes: 60, location: "x" }).catch((e: unknown) => e)) as TRPCError,
      "nb",
    );
    expect(skipped.fieldErrors?.startsAt).toContain("finnes ikke");
    const english = describeError(error, "en");
    expect(english.fieldErrors?.startsAt).toBe("must be a time, for example 2027-03-29T10:00");
  });
});
