import { describe, expect, it } from "vitest";
import { osloWallTime } from "../../app/domain/oslo-time.ts";

// osloWallTime keeps Oslo's offset per UTC hour (issue 16): it must give what the tz database
// gives through Intl for every instant, across summer time changes and older rules.

const intl = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function byIntl(instant: Date) {
  const p: Record<string, number> = {};
  for (const part of intl.formatToParts(instant)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const around = (iso: string, hours: number, stepSeconds: number) => {
  const start = Date.parse(iso) - hours * 3_600_000;
  return Array.from({ length: Math.floor((2 * hours * 3600) / stepSeconds) }, (_, i) => new Date(start + i * stepSeconds * 1000));
};

describe("osloWallTime", () => {
  it("is Intl's Oslo time around the changes to and from summer time, second by second near them", () => {
    const instants = [
      ...around("2026-03-29T01:00:00Z", 3, 7),
      ...around("2026-10-25T01:00:00Z", 3, 7),
      ...around("2027-03-28T01:00:00Z", 1, 1),
      ...around("2027-10-31T01:00:00Z", 1, 1),
      new Date("2026-03-29T00:59:59.999Z"),
      new Date("2026-10-25T00:59:59.500Z"),
    ];
    for (const instant of instants) expect(osloWallTime(instant), instant.toISOString()).toEqual(byIntl(instant));
  });

  it("is Intl's Oslo time under older rules and far ahead", () => {
    const instants = [
      ...around("1895-01-01T00:00:00Z", 2, 60), // local mean time to CET, not on a whole UTC hour
      ...around("1945-10-01T01:00:00Z", 2, 60),
      ...around("1980-04-06T01:00:00Z", 2, 60),
      ...around("2099-06-30T12:00:00Z", 1, 601),
    ];
    let seed = 1;
    for (let i = 0; i < 2_000; i++) {
      seed = (seed * 48_271) % 2_147_483_647;
      instants.push(new Date(Date.UTC(1900, 0, 1) + (seed / 2_147_483_647) * 200 * 365.25 * 86_400_000));
    }
    for (const instant of instants) expect(osloWallTime(instant), instant.toISOString()).toEqual(byIntl(instant));
  });

  it("refuses what is not an instant", () => {
    expect(() => osloWallTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
