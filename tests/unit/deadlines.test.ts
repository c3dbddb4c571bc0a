import { describe, expect, it } from "vitest";
import { endOfOsloDay, osloDate } from "../../app/domain/oslo-time.ts";
import { newMeetingDay } from "../../app/lib/meeting-defaults.ts";
import { caseDeadlines, decisionDeadline, interimReplyDeadline } from "../../server/cases/deadlines.ts";
import {
  addCalendarDays,
  addWorkingDays,
  easterSunday,
  isHoliday,
  isWorkingDay,
  nextWorkingDay,
  norwegianHolidays,
  subtractWorkingDays,
  workingDaysBetween,
} from "../../app/domain/working-days.ts";

// Every instant below is written in UTC ("Z"), so nothing depends on the machine's TZ.
// Oslo is UTC+1 in winter (CET) and UTC+2 in summer (CEST); in 2027 summer time runs
// from Sun 2027-03-28 01:00Z to Sun 2027-10-31 01:00Z.

const working = (amount: number) => ({ amount, unit: "WORKING_DAYS" as const });
const calendar = (amount: number) => ({ amount, unit: "CALENDAR_DAYS" as const });

/** Noon in Oslo on a date, as an instant (10:00Z or 11:00Z, either way well inside the day). */
const noonOslo = (date: string) => new Date(`${date}T10:30:00Z`);

describe("easterSunday (Meeus/Jones/Butcher)", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2038, "2038-04-25"], // the latest possible date
    [2285, "2285-03-22"], // the earliest possible date
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("always gives a Sunday between 22 March and 25 April", () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25").toBe(true);
    }
  });

  it("refuses years outside the Gregorian calendar", () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2027.5)).toThrow(RangeError);
  });
});

describe("norwegianHolidays", () => {
  it("lists 2027 in date order", () => {
    // Easter 2027 = 28 March: Maundy Thursday −3 = 25 Mar, Good Friday −2 = 26 Mar, Easter Monday +1 = 29 Mar,
    // Ascension +39 = 6 May (3 days to 31 Mar, 30 in April, 6 in May), Whit Sunday +49 = 16 May,
    // Whit Monday +50 = 17 May, the same day as Grunnlovsdag: both are listed.
    expect(norwegianHolidays(2027)).toEqual([
      { date: "2027-01-01", name: "1. nyttårsdag" },
      { date: "2027-03-25", name: "Skjærtorsdag" },
      { date: "2027-03-26", name: "Langfredag" },
      { date: "2027-03-28", name: "1. påskedag" },
      { date: "2027-03-29", name: "2. påskedag" },
      { date: "2027-05-01", name: "Arbeidernes dag" },
      { date: "2027-05-06", name: "Kristi himmelfartsdag" },
      { date: "2027-05-16", name: "1. pinsedag" },
      { date: "2027-05-17", name: "Grunnlovsdag" },
      { date: "2027-05-17", name: "2. pinsedag" },
      { date: "2027-12-25", name: "1. juledag" },
      { date: "2027-12-26", name: "2. juledag" },
    ]);
  });

  it("places the movable holidays of 2028 relative to Easter 16 April", () => {
    // +39: 14 days to 30 Apr, 25 in May → 25 May; +49 → 4 June; +50 → 5 June.
    const byName = Object.fromEntries(norwegianHolidays(2028).map((h) => [h.name, h.date]));
    expect(byName).toMatchObject({
      Skjærtorsdag: "2028-04-13",
      Langfredag: "2028-04-14",
      "2. påskedag": "2028-04-17",
      "Kristi himmelfartsdag": "2028-05-25",
      "1. pinsedag": "2028-06-04",
      "2. pinsedag": "2028-06-05",
    });
  });
});

describe("isHoliday / isWorkingDay / nextWorkingDay", () => {
  it("knows holidays, weekends and the days that are neither", () => {
    expect(isHoliday("2027-03-25")).toBe(true); // Skjærtorsdag
    expect(isHoliday("2027-03-28")).toBe(true); // Easter Sunday is in the list although it is a Sunday
    expect(isHoliday("2027-12-24")).toBe(false); // Christmas Eve is not a public holiday
    expect(isHoliday("2027-12-31")).toBe(false); // nor is New Year's Eve
    expect(isHoliday("2027-03-27")).toBe(false); // a Saturday is a weekend day, not a holiday
    expect(isWorkingDay("2027-03-27")).toBe(false);
    expect(isWorkingDay("2027-03-29")).toBe(false); // Monday, 2. påskedag
    expect(isWorkingDay("2027-12-24")).toBe(true); // Friday
    expect(isWorkingDay("2027-03-30")).toBe(true); // Tuesday after Easter
  });

  it("moves to the next working day only when needed", () => {
    expect(nextWorkingDay("2027-03-30")).toBe("2027-03-30"); // already one
    expect(nextWorkingDay("2027-03-25")).toBe("2027-03-30"); // Thu hol, Fri hol, Sat, Sun, Mon hol → Tue
    expect(nextWorkingDay("2027-12-25")).toBe("2027-12-27"); // Sat 25, Sun 26 → Mon 27
  });

  it("rejects malformed and impossible dates", () => {
    for (const bad of ["2027-02-29", "2027-2-3", "2027-13-01", "27-01-01", "0050-01-01", ""]) {
      expect(() => isWorkingDay(bad)).toThrow(RangeError);
    }
  });
});

describe("calendar arithmetic", () => {
  it("adds and subtracts days across month, leap-day and year boundaries", () => {
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29"); // 2028 is a leap year
    expect(addCalendarDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addCalendarDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addCalendarDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addCalendarDays("2027-03-27", 2)).toBe("2027-03-29"); // no DST effect on dates
  });
});

describe("addWorkingDays over holidays", () => {
  it.each([
    // Easter 2027: Wed 24 Mar; Thu 25 Skjærtorsdag, Fri 26 Langfredag, Sat 27, Sun 28, Mon 29 2. påskedag
    // are skipped → Tue 30 (1), Wed 31 (2), Thu 1 Apr (3).
    ["2027-03-24", 1, "2027-03-30"],
    ["2027-03-24", 3, "2027-04-01"],
    // Easter 2028: Wed 12 Apr; Thu 13, Fri 14, Sat 15, Sun 16, Mon 17 skipped → Tue 18 (1), Wed 19 (2), Thu 20 (3).
    ["2028-04-12", 3, "2028-04-20"],
    // Received on a holiday (Skjærtorsdag 2028): day 0 never counts → Tue 18.
    ["2028-04-13", 1, "2028-04-18"],
    // 17 May 2027 is a Monday (and Whit Monday): Fri 14 → Sat, Sun, Mon 17 skipped → Tue 18.
    ["2027-05-14", 1, "2027-05-18"],
    // Ascension 2028 is Thu 25 May: Wed 24 → Fri 26.
    ["2028-05-24", 1, "2028-05-26"],
    // Whit Monday 2028 is 5 June: Fri 2 → Sat, Sun, Mon 5 skipped → Tue 6.
    ["2028-06-02", 1, "2028-06-06"],
    // Christmas 2027: Thu 23 → Fri 24 counts (not a holiday) (1); Sat 25, Sun 26 → Mon 27 (2).
    ["2027-12-23", 1, "2027-12-24"],
    ["2027-12-23", 2, "2027-12-27"],
    // Christmas 2028 falls on Mon/Tue: Fri 22 → Sat, Sun, Mon 25, Tue 26 skipped → Wed 27 (1), Thu 28 (2).
    ["2028-12-22", 2, "2028-12-28"],
    // New Year 2029 is a Monday: Fri 29 Dec 2028 → Sat, Sun, Mon 1 Jan skipped → Tue 2 Jan.
    ["2028-12-29", 1, "2029-01-02"],
    // New Year 2028 is a Saturday: Fri 31 Dec 2027 → Mon 3 Jan.
    ["2027-12-31", 1, "2028-01-03"],
    // Zero working days: the date itself, even when it is a Sunday.
    ["2027-03-28", 0, "2027-03-28"],
  ])("%s + %i working days → %s", (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });

  it("rejects negative and fractional counts", () => {
    expect(() => addWorkingDays("2027-01-04", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2027-01-04", 1.5)).toThrow(RangeError);
    expect(() => subtractWorkingDays("2027-01-04", -1)).toThrow(RangeError);
  });
});

describe("decisionDeadline", () => {
  it("counts working days from the Oslo date of receipt", () => {
    // Wed 24 Mar 2027 at 11:30 Oslo + 3 working days → Thu 1 Apr (see above); ends 1 Apr 24:00 CEST = 22:00Z.
    expect(decisionDeadline(noonOslo("2027-03-24"), working(3))).toEqual({
      date: "2027-04-01",
      endsAt: new Date("2027-04-01T22:00:00Z"),
    });
  });

  it("leaves a calendar-day deadline on a holiday unless asked to roll it forward", () => {
    // Wed 24 Mar 2027 + 2 calendar days = Fri 26 Mar, Langfredag.
    expect(decisionDeadline(noonOslo("2027-03-24"), calendar(2)).date).toBe("2027-03-26");
    // Rolled forward: Sat 27, Sun 28, Mon 29 (2. påskedag) → Tue 30.
    expect(decisionDeadline(noonOslo("2027-03-24"), calendar(2), { rollForwardToWorkingDay: true })).toEqual({
      date: "2027-03-30",
      endsAt: new Date("2027-03-30T22:00:00Z"),
    });
    // Mon 4 Jan 2027 + 21 days = Mon 25 Jan, a working day: rolling forward changes nothing.
    expect(decisionDeadline(noonOslo("2027-01-04"), calendar(21)).date).toBe("2027-01-25");
    expect(decisionDeadline(noonOslo("2027-01-04"), calendar(21), { rollForwardToWorkingDay: true }).date).toBe("2027-01-25");
    // Fri 14 May 2027 + 2 calendar days = Sun 16 May; rolled: Mon 17 (holiday) → Tue 18.
    expect(decisionDeadline(noonOslo("2027-05-14"), calendar(2)).date).toBe("2027-05-16");
    expect(decisionDeadline(noonOslo("2027-05-14"), calendar(2), { rollForwardToWorkingDay: true }).date).toBe("2027-05-18");
  });

  it("rejects a negative or fractional amount", () => {
    expect(() => decisionDeadline(noonOslo("2027-01-04"), calendar(-1))).toThrow(RangeError);
    expect(() => decisionDeadline(noonOslo("2027-01-04"), working(0.5))).toThrow(RangeError);
    expect(() => decisionDeadline(new Date("nonsense"), working(1))).toThrow(RangeError);
  });
});

describe("interimReplyDeadline (one month)", () => {
  it("falls back to the last day of a shorter month", () => {
    // 31 Jan → no 31 Feb → 28 Feb 2027 (not a leap year), 29 Feb 2028 (leap year).
    expect(interimReplyDeadline(noonOslo("2027-01-31")).date).toBe("2027-02-28");
    expect(interimReplyDeadline(noonOslo("2028-01-31")).date).toBe("2028-02-29");
    // 31 Mar → 30 Apr.
    expect(interimReplyDeadline(noonOslo("2027-03-31")).date).toBe("2027-04-30");
  });

  it("keeps the day of the month when it exists, also across the year end", () => {
    expect(interimReplyDeadline(noonOslo("2027-03-15"))).toEqual({
      date: "2027-04-15",
      endsAt: new Date("2027-04-15T22:00:00Z"), // 16 Apr 00:00 CEST
    });
    expect(interimReplyDeadline(noonOslo("2027-12-31")).date).toBe("2028-01-31");
  });

  it("rolls forward only when asked", () => {
    // 28 Feb 2027 is a Sunday → Mon 1 Mar. 29 Feb 2028 is a Tuesday → unchanged.
    expect(interimReplyDeadline(noonOslo("2027-01-31"), { rollForwardToWorkingDay: true }).date).toBe("2027-03-01");
    expect(interimReplyDeadline(noonOslo("2028-01-31"), { rollForwardToWorkingDay: true }).date).toBe("2028-02-29");
  });

  it("uses the Oslo date at 23:30 Oslo time, not the UTC date", () => {
    // 2027-04-30T21:30Z is 23:30 CEST on 30 Apr → received 30 Apr → due 30 May (a Sunday).
    const receivedAt = new Date("2027-04-30T21:30:00Z");
    expect(osloDate(receivedAt)).toBe("2027-04-30");
    expect(interimReplyDeadline(receivedAt)).toEqual({ date: "2027-05-30", endsAt: new Date("2027-05-30T22:00:00Z") });
    expect(interimReplyDeadline(receivedAt, { rollForwardToWorkingDay: true }).date).toBe("2027-05-31");
  });

  it("uses the Oslo date at 00:30 Oslo time, right after midnight", () => {
    // 2027-05-31T22:30Z is 00:30 CEST on 1 June: received 1 June → due 1 July (the UTC date, 31 May, would give 30 June).
    const receivedAt = new Date("2027-05-31T22:30:00Z");
    expect(osloDate(receivedAt)).toBe("2027-06-01");
    expect(interimReplyDeadline(receivedAt).date).toBe("2027-07-01");
    // In winter the offset is one hour: 2027-01-14T23:30Z is 00:30 CET on 15 Jan.
    expect(osloDate(new Date("2027-01-14T23:30:00Z"))).toBe("2027-01-15");
    expect(osloDate(new Date("2027-01-14T22:59:59Z"))).toBe("2027-01-14");
  });
});

describe("caseDeadlines: the interim reply is never due after the decision", () => {
  it("falls due with a decision due within the month (received before Christmas: 28, not 29 December)", () => {
    // Sunday 29 November 2026, 20 working days over Christmas: decision Monday 28 December.
    const { decision, interimReply } = caseDeadlines(noonOslo("2026-11-29"), { amount: 20, unit: "WORKING_DAYS" });
    expect(decision.date).toBe("2026-12-28");
    expect(interimReply).toEqual(decision);
  });

  it("falls due with the decision over Easter", () => {
    // 15 working days from 10 March 2027 skip Maundy Thursday, Good Friday and Easter Monday.
    const { decision, interimReply } = caseDeadlines(noonOslo("2027-03-10"), { amount: 15, unit: "WORKING_DAYS" });
    expect(decision.date).toBe("2027-04-05");
    expect(interimReply.date).toBe("2027-04-05");
  });

  it("stays one month after receipt when the decision is due later", () => {
    const { decision, interimReply } = caseDeadlines(noonOslo("2027-03-15"), { amount: 42, unit: "CALENDAR_DAYS" });
    expect(decision.date).toBe("2027-04-26");
    expect(interimReply.date).toBe("2027-04-15");
  });

  it("around a month's end: the shorter month's last day, whichever deadline it is", () => {
    expect(caseDeadlines(noonOslo("2027-01-31"), { amount: 28, unit: "CALENDAR_DAYS" })).toMatchObject({ decision: { date: "2027-02-28" }, interimReply: { date: "2027-02-28" } });
    expect(caseDeadlines(noonOslo("2027-01-31"), { amount: 29, unit: "CALENDAR_DAYS" })).toMatchObject({ decision: { date: "2027-03-01" }, interimReply: { date: "2027-02-28" } });
    expect(caseDeadlines(noonOslo("2028-01-31"), { amount: 10, unit: "WORKING_DAYS" })).toMatchObject({ decision: { date: "2028-02-14" }, interimReply: { date: "2028-02-14" } });
  });

  it("is never after the decision, for every day of a year and every default rule", () => {
    for (let day = 0; day < 366; day++) {
      const received = new Date(Date.UTC(2027, 0, 1, 11) + day * 86_400_000);
      for (const rule of [
        { amount: 10, unit: "WORKING_DAYS" },
        { amount: 20, unit: "WORKING_DAYS" },
        { amount: 42, unit: "CALENDAR_DAYS" },
      ] as const) {
        const { decision, interimReply } = caseDeadlines(received, rule);
        expect(interimReply.date <= decision.date, `${received.toISOString()} ${rule.amount} ${rule.unit}`).toBe(true);
      }
    }
  });
});

describe("daylight-saving changes", () => {
  it("ends a deadline on 28 March 2027 (summer time starts) at 22:00Z", () => {
    // Sat 27 Mar 21:00 CET (20:00Z) + 1 calendar day = Sun 28 Mar. That day is 23 hours long: its end,
    // 29 Mar 00:00 CEST, is 28 Mar 22:00Z.
    const deadline = decisionDeadline(new Date("2027-03-27T20:00:00Z"), calendar(1));
    expect(deadline).toEqual({ date: "2027-03-28", endsAt: new Date("2027-03-28T22:00:00Z") });
    // The day before still ends in winter time: 28 Mar 00:00 CET = 27 Mar 23:00Z.
    expect(endOfOsloDay("2027-03-27")).toEqual(new Date("2027-03-27T23:00:00Z"));
    expect(endOfOsloDay("2027-03-28").getTime() - endOfOsloDay("2027-03-27").getTime()).toBe(23 * 3_600_000);
  });

  it("ends a deadline on 31 October 2027 (summer time ends) at 23:00Z", () => {
    // Fri 1 Oct + 30 calendar days = Sun 31 Oct, a 25-hour day: 1 Nov 00:00 CET = 31 Oct 23:00Z.
    const deadline = decisionDeadline(noonOslo("2027-10-01"), calendar(30));
    expect(deadline).toEqual({ date: "2027-10-31", endsAt: new Date("2027-10-31T23:00:00Z") });
    expect(endOfOsloDay("2027-10-30")).toEqual(new Date("2027-10-30T22:00:00Z")); // 31 Oct 00:00 CEST
    expect(endOfOsloDay("2027-10-31").getTime() - endOfOsloDay("2027-10-30").getTime()).toBe(25 * 3_600_000);
    // Rolled forward from that Sunday: Mon 1 Nov, ending 1 Nov 23:00Z.
    expect(decisionDeadline(noonOslo("2027-10-01"), calendar(30), { rollForwardToWorkingDay: true })).toEqual({
      date: "2027-11-01",
      endsAt: new Date("2027-11-01T23:00:00Z"),
    });
  });

  it("maps instants around the spring change to the right Oslo date", () => {
    expect(osloDate(new Date("2027-03-27T22:59:59Z"))).toBe("2027-03-27"); // 23:59:59 CET
    expect(osloDate(new Date("2027-03-27T23:00:00Z"))).toBe("2027-03-28"); // 00:00 CET
    expect(osloDate(new Date("2027-03-28T21:59:59Z"))).toBe("2027-03-28"); // 23:59:59 CEST
    expect(osloDate(new Date("2027-03-28T22:00:00Z"))).toBe("2027-03-29"); // 00:00 CEST
  });

  it("ends every day of 2027 and 2028 exactly at the next Oslo midnight", () => {
    for (let date = "2027-01-01"; date < "2029-01-01"; date = addCalendarDays(date, 1)) {
      const end = endOfOsloDay(date);
      expect(osloDate(end)).toBe(addCalendarDays(date, 1));
      expect(osloDate(new Date(end.getTime() - 1))).toBe(date);
    }
  });
});

describe("workingDaysBetween and subtractWorkingDays", () => {
  it("counts working days after `from` up to and including `to`", () => {
    expect(workingDaysBetween("2027-03-24", "2027-04-01")).toBe(3); // Tue 30, Wed 31, Thu 1
    expect(workingDaysBetween("2027-03-24", "2027-03-29")).toBe(0); // only holidays and a weekend
    expect(workingDaysBetween("2027-03-24", "2027-03-24")).toBe(0);
    expect(workingDaysBetween("2027-04-01", "2027-03-24")).toBe(0); // to before from
    // 2027: 365 days, 52 full weeks + Fri 1 Jan → 261 weekdays; holidays on weekdays: 1 Jan, 25, 26, 29 Mar,
    // 6 May, 17 May (counted once) = 6; 1 May, 16 May, 25/26 Dec are weekend days → 255 working days.
    expect(workingDaysBetween("2026-12-31", "2027-12-31")).toBe(255);
  });

  it("subtracts working days for reminders", () => {
    // Thu 1 Apr 2027 − 3: Wed 31 (1), Tue 30 (2), Mon 29/Sun/Sat/Fri 26/Thu 25 skipped, Wed 24 (3).
    expect(subtractWorkingDays("2027-04-01", 3)).toBe("2027-03-24");
    // Tue 18 May 2027 − 2: Mon 17 (holiday), Sun, Sat skipped → Fri 14 (1), Thu 13 (2).
    expect(subtractWorkingDays("2027-05-18", 2)).toBe("2027-05-13");
    expect(subtractWorkingDays("2027-05-16", 0)).toBe("2027-05-16");
  });

  it("is consistent with addWorkingDays for every day of 2027 and 2028", () => {
    for (let date = "2027-01-01"; date < "2029-01-01"; date = addCalendarDays(date, 1)) {
      for (let n = 0; n <= 15; n++) {
        const forward = addWorkingDays(date, n);
        const back = subtractWorkingDays(forward, n);
        expect(workingDaysBetween(date, forward)).toBe(n);
        if (n > 0) expect(isWorkingDay(forward)).toBe(true);
        // Back lands on `date` or on the last working day before it (when `date` is not a working day).
        expect(back <= date).toBe(true);
        expect(addWorkingDays(back, n)).toBe(forward);
        expect(workingDaysBetween(back, forward)).toBe(n);
        expect(workingDaysBetween(back, date)).toBe(0);
      }
    }
  });
});

describe("a new meeting's default day", () => {
  it("is the next working day in Oslo: never a weekend or a public holiday", () => {
    expect(newMeetingDay(new Date("2026-11-27T12:00:00Z"))).toBe("2026-11-30"); // Friday → Monday
    expect(newMeetingDay(new Date("2026-11-28T12:00:00Z"))).toBe("2026-11-30"); // Saturday → Monday
    expect(newMeetingDay(new Date("2026-12-24T12:00:00Z"))).toBe("2026-12-28"); // Christmas Eve → past the holidays
    expect(newMeetingDay(new Date("2026-11-29T23:30:00Z"))).toBe("2026-12-01"); // 00:30 Monday in Oslo → Tuesday
    expect(newMeetingDay(new Date("2027-03-24T12:00:00Z"))).toBe("2027-03-30"); // before Easter → Tuesday after
  });
});
