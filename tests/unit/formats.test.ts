import { describe, expect, it } from "vitest";
import { formatNumber } from "../../app/domain/numbers.ts";
import { formatMonth } from "../../app/domain/oslo-time.ts";

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
  });
});
