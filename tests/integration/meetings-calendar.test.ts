import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { startMeetingInvitationEmails } from "../../server/meetings/email.ts";
import { startNotificationEmails } from "../../server/notifications/email.ts";
import { createPlanWorld } from "./plan-world.ts";
import { startSmtpServer } from "./smtp.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Parses an .ics the way a calendar program does: the zone from its VTIMEZONE, the event's instants in UTC. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    summary: event.summary,
    location: event.location,
    tzid: vevent.getFirstProperty("dtstart")!.getParameter("tzid"),
    localStart: event.startDate.toString(),
    localEnd: event.endDate.toString(),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    dtstamp: vevent.getFirstPropertyValue("dtstamp")?.toString(),
    organizer: vevent.getFirstPropertyValue("organizer"),
    attendees: vevent.getAllProperties("attendee").map((p) => ({ value: p.getFirstValue(), partstat: p.getParameter("partstat"), cn: p.getParameter("cn") })),
  };
}

describe("meeting .ics", () => {
  it("is RFC 5545 with Europe/Oslo times that stay right across daylight saving; UID stable, SEQUENCE rising", async () => {
    const w = await createPlanWorld(t.db);
    const { id, version } = await w.callers.coordinator.meeting.create({
      planId: w.plan.id,
      startsAt: "2027-01-14T10:00",
      durationMinutes: 90,
      location: "Rådhuset, møterom 2; 3. etasje",
      invitees: [{ userId: w.people.staffInGroup.id }],
    });
    await w.callers.owner.meeting.respond({ meetingId: id, response: "YES" });

    const first = await w.callers.owner.meeting.ics({ meetingId: id });
    expect(first.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    // Folded lines of at most 75 octets, CRLF line ends.
    for (const line of first.text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(first.text.replace(/\r\n/g, "")).not.toContain("\n");
    const winter = parse(first.text);
    expect(winter).toMatchObject({
      method: "REQUEST",
      uid: `${id}@individuell-plan`,
      sequence: 0,
      status: "CONFIRMED",
      summary: "Ansvarsgruppemøte",
      location: "Rådhuset, møterom 2; 3. etasje",
      tzid: "Europe/Oslo",
      localStart: "2027-01-14T10:00:00",
      localEnd: "2027-01-14T11:30:00",
      start: "2027-01-14T09:00:00.000Z", // CET, UTC+1
      end: "2027-01-14T10:30:00.000Z",
      organizer: `mailto:${w.people.coordinator.email}`,
    });
    expect(winter.dtstamp).toMatch(/Z$/);
    expect(winter.attendees).toEqual([{ value: `mailto:${w.people.owner.email}`, partstat: "ACCEPTED", cn: "Kari Eier" }]);

    // Moved past the change to summer time: same wall time, one hour less from UTC.
    await w.callers.coordinator.meeting.update({ meetingId: id, version, changes: { startsAt: "2027-04-08T10:00" } });
    const summer = parse((await w.callers.owner.meeting.ics({ meetingId: id })).text);
    expect(summer).toMatchObject({ uid: winter.uid, sequence: 1, localStart: "2027-04-08T10:00:00", start: "2027-04-08T08:00:00.000Z", end: "2027-04-08T09:30:00.000Z" });
    // A new time asks again.
    expect(summer.attendees[0].partstat).toBe("NEEDS-ACTION");

    // The staff member's invitation carries nothing from the plan: no user's name, no goals.
    const staffIcs = (await w.callers.staffInGroup.meeting.ics({ meetingId: id })).text;
    expect(staffIcs).not.toContain("Kari");
    expect(staffIcs).not.toContain("Klare morgenen");
    expect(parse(staffIcs).attendees).toEqual([{ value: `mailto:${w.people.staffInGroup.email}`, partstat: "NEEDS-ACTION", cn: "Jonas Fysio" }]);

    // Cancelled: METHOD:CANCEL with the same UID and a higher SEQUENCE.
    await w.callers.coordinator.meeting.cancel({ meetingId: id });
    const cancel = await w.callers.owner.meeting.ics({ meetingId: id });
    expect(cancel.method).toBe("CANCEL");
    expect(parse(cancel.text)).toMatchObject({ method: "CANCEL", uid: winter.uid, sequence: 2, status: "CANCELLED" });
  });

  it("a meeting during the night clocks go forward, and one on the day they go back", async () => {
    const w = await createPlanWorld(t.db);
    // 01:30 CET on 28 March 2027, two real hours: clocks jump 02:00 → 03:00, so it ends 04:30 CEST.
    const spring = await w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: "2027-03-28T01:30", durationMinutes: 120, videoLink: "https://video.kommune.no/rom/42" });
    const a = parse((await w.callers.coordinator.meeting.ics({ meetingId: spring.id })).text);
    expect(a).toMatchObject({ localStart: "2027-03-28T01:30:00", localEnd: "2027-03-28T04:30:00", start: "2027-03-28T00:30:00.000Z", end: "2027-03-28T02:30:00.000Z" });
    expect(a.location).toBe("https://video.kommune.no/rom/42");
    // 25 October 2026, after clocks went back at 03:00: CET again.
    const autumn = await w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: "2026-10-25T10:00", durationMinutes: 60, location: "Helsehuset" });
    expect(parse((await w.callers.coordinator.meeting.ics({ meetingId: autumn.id })).text)).toMatchObject({ localStart: "2026-10-25T10:00:00", start: "2026-10-25T09:00:00.000Z" });
    // An instant with an offset is taken as it is.
    const instant = await w.callers.coordinator.meeting.create({ planId: w.plan.id, startsAt: "2027-06-01T08:15:00Z", durationMinutes: 45, location: "x" });
    expect(parse((await w.callers.coordinator.meeting.ics({ meetingId: instant.id })).text)).toMatchObject({ localStart: "2027-06-01T10:15:00", start: "2027-06-01T08:15:00.000Z" });
    // Stored as the instant.
    expect((await t.db.prisma.meeting.findUniqueOrThrow({ where: { id: spring.id } })).startsAt.toISOString()).toBe("2027-03-28T00:30:00.000Z");
  });
});

describe("meeting e-mail", () => {
  it("sends each invitee their .ics: accounts through their notification, people without an account directly; no health information", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const { received, url: smtpUrl } = smtp;

    const w = await createPlanWorld(t.db);
    await t.db.prisma.planParticipant.update({ where: { id: w.external.id }, data: { email: "lund@legekontor.no" } });
    cleanups.push(startNotificationEmails(t.db.prisma, smtpUrl, { from: "portal@kommune.no", baseUrl: "https://ip.kommune.no" }));
    cleanups.push(startMeetingInvitationEmails(t.db.prisma, smtpUrl, { from: "portal@kommune.no" }));

    const { id } = await w.callers.coordinator.meeting.create({
      planId: w.plan.id,
      startsAt: "2027-02-03T09:00",
      durationMinutes: 60,
      location: "Helsehuset",
      invitees: [{ userId: w.people.staffInGroup.id }, { participantId: w.external.id }],
      guests: [{ name: "Lærer Lise", email: "lise@skole.no", consent: {} }],
    });
    const expected = [w.people.owner.email, w.people.staffInGroup.email, "lund@legekontor.no", "lise@skole.no"].sort();
    await expect.poll(() => received.flatMap((m) => m.to).sort(), { timeout: 10_000 }).toEqual(expected);
    for (const mail of received) {
      expect(mail.raw).toContain("text/calendar");
      expect(mail.raw).toMatch(/METHOD:REQUEST/);
      expect(mail.raw).not.toContain("Klare morgenen");
      if (!mail.to.includes(w.people.owner.email)) expect(mail.raw).not.toContain("Kari");
    }
    expect(received.find((m) => m.to.includes(w.people.owner.email))?.raw).toContain("https://ip.kommune.no/moter/");

    // Cancelled: everyone gets the cancellation, the people without an account once.
    received.length = 0;
    await w.callers.coordinator.meeting.cancel({ meetingId: id });
    await expect.poll(() => received.flatMap((m) => m.to).sort(), { timeout: 10_000 }).toEqual(expected);
    for (const mail of received) expect(mail.raw).toMatch(/METHOD:CANCEL/);
    const rows = await t.db.prisma.meetingInvitee.findMany({ where: { meetingId: id, userId: null } });
    expect(rows.map((r) => r.emailedSequence)).toEqual([1, 1]);
  });
});
