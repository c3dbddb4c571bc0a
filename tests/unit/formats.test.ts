import { describe, expect, it } from "vitest";
import { formatNumber } from "../../app/domain/numbers.ts";
import { addMonths, formatMonth, formatMonthShort, osloMonth, startOfOsloMonth } from "../../app/domain/oslo-time.ts";

// Norwegian number and month formats on the coordinating unit's pages (issue 14).

describe("formats", () => {
  it("writes numbers with a decimal comma and a space between thousands in bokmål", () => {
    expect(formatNumber(39.6, "nb")).toBe("39,6");
    expect(formatNumber(39.64, "nb")).toBe("39,6");
    expect(formatNumber(12345, "nb").replace(/\s/g, " ")).toBe("12 345");
    expect(formatNumber(39.6, "en")).toBe("39.6");
  });

  it("writes a month with its name", () => {
    expect(formatMonth("2026-08", "nb")).toBe("august 2026");
    expect(formatMonth("2027-01", "en")).toBe("January 2027");
    expect(formatMonthShort("2026-08", "nb")).toBe("aug. 26");
    expect(formatMonthShort("2027-01", "en")).toBe("Jan 27");
  });

  it("counts months on Oslo's calendar", () => {
    // 23:30 UTC on 31 January is 00:30 on 1 February in Oslo (winter time, UTC+1).
    expect(osloMonth(new Date("2027-01-31T23:30:00Z"))).toBe("2027-02");
    expect(osloMonth(new Date("2027-01-31T22:59:59Z"))).toBe("2027-01");
    expect(startOfOsloMonth("2027-02").toISOString()).toBe("2027-01-31T23:00:00.000Z");
    // Summer time: the month starts at 22:00 UTC.
    expect(startOfOsloMonth("2027-07").toISOString()).toBe("2027-06-30T22:00:00.000Z");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-03", -27)).toBe("2024-12");
    expect(() => startOfOsloMonth("2027-13")).toThrow(RangeError);
  });
});
