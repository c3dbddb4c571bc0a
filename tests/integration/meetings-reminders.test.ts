import { describe, expect, it } from "vitest";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { addCalendarDays } from "../../app/domain/working-days.ts";
import { runMeetingReminders } from "../../server/meetings/reminders.ts";
import { seedDemo } from "../../prisma/demo.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const DAY = 86_400_000;

async function meeting(w: PlanWorld, startsAt: string) {
  return w.callers.coordinator.meeting.create({
    planId: w.plan.id,
    startsAt,
    durationMinutes: 60,
    location: "Rådhuset",
    invitees: [{ userId: w.people.relativeWithConsent.id }, { userId: w.people.staffInGroup.id }],
  });
}
const daysAgo = (id: string, days: number) => t.db.prisma.meeting.update({ where: { id }, data: { startsAt: new Date(Date.now() - days * DAY) } });

describe("meeting reminders", () => {
  it("the day before, to everyone invited who has not declined: once, however often the job runs", async () => {
    const w = await createPlanWorld(t.db);
    const tomorrow = addCalendarDays(osloDate(new Date()), 1);
    const { id } = await meeting(w, `${tomorrow}T10:00`);
    await w.callers.staffInGroup.meeting.respond({ meetingId: id, response: "NO" });
    const later = await meeting(w, `${addCalendarDays(tomorrow, 2)}T10:00`);

    // Two workers at once, then once more.
    await Promise.all([runMeetingReminders(t.db.prisma), runMeetingReminders(t.db.prisma)]);
    await runMeetingReminders(t.db.prisma);
    const rows = await t.db.prisma.notification.findMany({ where: { kind: "meeting.reminder.dayBefore" } });
    expect(rows.map((r) => r.userId).sort()).toEqual([w.people.owner.id, w.people.coordinator.id, w.people.relativeWithConsent.id].sort());
    expect(rows.every((r) => r.meetingId === id && r.title.startsWith("Påminnelse: ansvarsgruppemøte i morgen"))).toBe(true);
    expect(rows.some((r) => r.meetingId === later.id)).toBe(false);
    expect(await t.db.prisma.meetingReminder.findMany({ where: { meetingId: id } })).toEqual([expect.objectContaining({ reason: "day_before", occasion: tomorrow })]);

    // Another hour the same day is not a new reminder; a meeting moved to tomorrow gets its own.
    const current = await t.db.prisma.meeting.findUniqueOrThrow({ where: { id } });
    await w.callers.coordinator.meeting.update({ meetingId: id, version: current.version, changes: { startsAt: `${tomorrow}T13:00` } });
    const moved = await t.db.prisma.meeting.findUniqueOrThrow({ where: { id: later.id } });
    await w.callers.coordinator.meeting.update({ meetingId: later.id, version: moved.version, changes: { startsAt: `${tomorrow}T08:00` } });
    await runMeetingReminders(t.db.prisma);
    const after = await t.db.prisma.notification.findMany({ where: { kind: "meeting.reminder.dayBefore" } });
    expect(after.filter((r) => r.meetingId === id)).toHaveLength(3);
    expect(after.filter((r) => r.meetingId === later.id)).toHaveLength(4);
  });

  it("reminds the coordinator 3 and 7 days after a meeting without approved minutes, once each; the dashboard lists it after a week", async () => {
    const w = await createPlanWorld(t.db);
    const recent = await meeting(w, "2027-01-10T10:00");
    await daysAgo(recent.id, 4);
    const old = await meeting(w, "2027-01-11T10:00");
    await daysAgo(old.id, 8);
    const approved = await meeting(w, "2027-01-12T10:00");
    await daysAgo(approved.id, 10);
    const { invitees } = await w.callers.coordinator.meeting.byId({ meetingId: approved.id });
    await w.callers.coordinator.meeting.recordAttendance({ meetingId: approved.id, attendance: invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
    await w.callers.coordinator.meeting.approveMinutes({ meetingId: approved.id, text: "Referat" });
    const cancelled = await meeting(w, "2027-01-13T10:00");
    await w.callers.coordinator.meeting.cancel({ meetingId: cancelled.id });
    await daysAgo(cancelled.id, 9);

    await Promise.all([runMeetingReminders(t.db.prisma), runMeetingReminders(t.db.prisma)]);
    await runMeetingReminders(t.db.prisma);
    const rows = await t.db.prisma.notification.findMany({ where: { kind: { startsWith: "meeting.reminder" } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.meetingId === recent.id ? "recent" : r.meetingId === old.id ? "old" : "?", r.kind, r.userId === w.people.coordinator.id]).sort()).toEqual(
      [
        ["recent", "meeting.reminder.minutesOverdue", true],
        ["old", "meeting.reminder.minutesOverdue", true],
        ["old", "meeting.reminder.notRecorded", true],
      ].sort(),
    );

    // "Møter uten referat" on the coordinating unit's dashboard: the count and the list behind it agree.
    const overview = await w.callers.keLeader.dashboard.overview({});
    expect(overview.meetings.withoutMinutes).toBe(1);
    const listed = await w.callers.keLeader.dashboard.meetings({ metric: "withoutMinutes", filter: {} });
    expect(listed.total).toBe(1);
    expect(listed.rows).toEqual([expect.objectContaining({ id: old.id, planId: w.plan.id, ownerName: "Kari Eier", coordinator: expect.objectContaining({ id: w.people.coordinator.id }) })]);
    expect((await w.callers.keLeader.dashboard.overview({ publication: true })).meetings.withoutMinutes).toBeNull();
    // Nobody from another municipality sees it.
    await expect(w.callers.away.dashboard.meetings({ metric: "withoutMinutes", filter: {} })).resolves.toMatchObject({ rows: [], total: 0 });
    await expect(w.callers.coordinator.dashboard.meetings({ metric: "withoutMinutes", filter: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("plans show their last and next meeting; plans without a meeting for 6 months are counted", async () => {
    const w = await createPlanWorld(t.db);
    expect((await w.callers.keLeader.dashboard.overview({})).plans.withoutMeeting).toBe(1);
    const past = await meeting(w, "2027-01-10T10:00");
    await daysAgo(past.id, 20);
    const next = await meeting(w, `${addCalendarDays(osloDate(new Date()), 10)}T09:00`);
    const nextAt = (await t.db.prisma.meeting.findUniqueOrThrow({ where: { id: next.id } })).startsAt;
    const pastAt = (await t.db.prisma.meeting.findUniqueOrThrow({ where: { id: past.id } })).startsAt;
    const [listed] = await w.callers.coordinator.plan.list();
    expect(listed).toMatchObject({ lastMeetingAt: pastAt, nextMeetingAt: nextAt });
    expect(await w.callers.owner.plan.byId({ planId: w.plan.id })).toMatchObject({ lastMeetingAt: pastAt, nextMeetingAt: nextAt });
    const {
      rows: [row],
    } = await w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter: {} });
    expect(row).toMatchObject({ lastMeetingAt: pastAt, nextMeetingAt: nextAt });
    expect((await w.callers.keLeader.dashboard.overview({})).plans.withoutMeeting).toBe(0);
    // Coming meetings for the coordinator's overview.
    expect((await w.callers.coordinator.meeting.upcoming()).map((m) => [m.id, m.ownerName])).toEqual([[next.id, "Kari Eier"]]);
  });

  it("the plan read and the lists pick the same last and next meeting (cancelled ones and past planned ones)", async () => {
    const w = await createPlanWorld(t.db);
    const at = async (days: number, status: "PLANNED" | "HELD" | "CANCELLED") => {
      const { id } = await meeting(w, `${addCalendarDays(osloDate(new Date()), 30)}T09:00`);
      await t.db.prisma.meeting.update({ where: { id }, data: { startsAt: new Date(Date.now() + days * DAY), status } });
      return (await t.db.prisma.meeting.findUniqueOrThrow({ where: { id } })).startsAt;
    };
    const dates = async () => {
      const [listed] = await w.callers.coordinator.plan.list();
      const byId = await w.callers.coordinator.plan.byId({ planId: w.plan.id });
      expect([byId.lastMeetingAt, byId.nextMeetingAt]).toEqual([listed.lastMeetingAt, listed.nextMeetingAt]);
      return [byId.lastMeetingAt, byId.nextMeetingAt];
    };
    expect(await dates()).toEqual([null, null]);
    await at(-3, "CANCELLED");
    await at(5, "CANCELLED");
    await at(6, "HELD");
    expect(await dates()).toEqual([null, null]);
    // A meeting that was never marked held still counts as the last one once it has started.
    const pastPlanned = await at(-10, "PLANNED");
    const later = await at(20, "PLANNED");
    expect(await dates()).toEqual([pastPlanned, later]);
    const held = await at(-2, "HELD");
    const sooner = await at(8, "PLANNED");
    expect(await dates()).toEqual([held, sooner]);
  });
});

describe("demo meetings", () => {
  it("Kari's plan has a held meeting with approved minutes, a coming one with her own point, and a task for the physiotherapist", async () => {
    await seedDemo(t.db.prisma);
    const user = (email: string) => t.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const kari = (await signIn(t.db, (await user("bruker@demo.no")).id)).caller;
    const jonas = (await signIn(t.db, (await user("fagperson@demo.no")).id)).caller;
    const [plan] = await kari.plan.mine();
    const meetings = await kari.meeting.list({ planId: plan.id });
    expect(meetings.map((m) => m.status)).toEqual(["PLANNED", "APPROVED"]);
    const held = await kari.meeting.byId({ meetingId: meetings[1].id });
    expect(held.minutes?.text).toContain("Til stede: Kari Nordmann");
    expect(held.minutes?.approved).toBe(true);
    const next = await kari.meeting.byId({ meetingId: meetings[0].id });
    const kinds = next.agenda.map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(["EVALUATION", "FOLLOW_UP", "USER_INPUT", "USER_POINT"]));
    expect(next.agenda.at(-1)).toMatchObject({ kind: "USER_POINT", title: "Jeg vil ta bussen alene til treningen" });
    expect((await jonas.task.mine()).map((task) => task.title)).toEqual(["Vurdere tre treningsøkter i uka"]);
    expect(await kari.plan.byId({ planId: plan.id })).toMatchObject({ lastMeetingAt: expect.any(Date), nextMeetingAt: expect.any(Date) });
  });
});
