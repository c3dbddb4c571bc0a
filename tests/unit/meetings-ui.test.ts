import { describe, expect, it } from "vitest";
import { formatMeetingWhen } from "../../app/domain/oslo-time.ts";
import { formFieldErrors } from "../../app/lib/form-action.server.ts";
import { meetingFieldName } from "../../app/lib/meeting-actions.server.ts";
import { nextMeeting, splitMeetings } from "../../app/lib/meeting-types.ts";

const at = (iso: string, status = "PLANNED", durationMinutes = 60) => ({ id: iso, startsAt: iso, durationMinutes, status });

describe("which meeting is next", () => {
  const now = new Date("2027-03-29T08:30:00.000Z");
  it("a meeting going on now is still next; ended, cancelled and approved ones are not", () => {
    const going = at("2027-03-29T08:00:00.000Z");
    const later = at("2027-04-05T08:00:00.000Z");
    const ended = at("2027-03-29T07:00:00.000Z");
    const cancelled = at("2027-03-30T08:00:00.000Z", "CANCELLED");
    expect(nextMeeting([later, ended, cancelled, going], now)).toBe(going);
    expect(nextMeeting([ended, cancelled], now)).toBeNull();
    const { coming, past } = splitMeetings([later, ended, cancelled, going], now);
    expect(coming).toEqual([going, later]);
    expect(past).toEqual([cancelled, ended]);
  });
});

describe("meeting times in words, on an Oslo clock", () => {
  it("shows summer and winter time as the clock in Oslo reads", () => {
    // The night clocks go forward (28 March 2027): 09:00 UTC is 11:00 in Oslo, the day before 10:00.
    expect(formatMeetingWhen("2027-03-28T09:00:00.000Z", 90, "nb")).toBe("søndag 28. mars 2027 kl. 11:00–12:30");
    expect(formatMeetingWhen("2027-03-27T09:00:00.000Z", 60, "nb")).toBe("lørdag 27. mars 2027 kl. 10:00–11:00");
    // A meeting across midnight ends on the next day's clock.
    expect(formatMeetingWhen("2027-01-10T22:30:00.000Z", 60, "en")).toMatch(/^Sunday,? 10 January 2027, 23:30–00:30$/);
  });
});

describe("refusals land at the form's own fields", () => {
  it("maps procedure paths to field names", () => {
    expect(
      formFieldErrors({ startsAt: "finnes ikke", "changes.location": "skriv et møtested", "guests.1.email": "ugyldig", "guests.0.userId": "velg", "invitees.2": "x" }, meetingFieldName),
    ).toEqual({ date: "finnes ikke", location: "skriv et møtested", "guest-1-email": "ugyldig", "guest-0-name": "velg", invitees: "x" });
  });
});
