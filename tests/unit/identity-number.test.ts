import { describe, expect, it } from "vitest";
import { ageOn, makeIdentityNumber, maskIdentityNumber, parseIdentityNumber } from "../../app/domain/identity-number.ts";
import { identityHash, seal, unseal } from "../../server/identity/protect.ts";

const strict = { allowSynthetic: false };
const test = { allowSynthetic: true };

describe("identity numbers", () => {
  it("accepts a fødselsnummer with both check digits right, and gives the birth date", () => {
    // A published example number (Skatteetaten's documentation uses it; it belongs to nobody real).
    const parsed = parseIdentityNumber("01010750160", strict);
    expect(parsed).toEqual({ ok: true, number: { value: "01010750160", kind: "FNR", synthetic: false, birthDate: "2007-01-01" } });
  });

  it("accepts spaces the way people type it", () => {
    expect(parseIdentityNumber("010107 50160", strict).ok).toBe(true);
  });

  it("refuses a wrong first or second check digit, and other lengths", () => {
    expect(parseIdentityNumber("01010750170", strict)).toEqual({ ok: false, problem: "checkDigit" });
    expect(parseIdentityNumber("01010750161", strict)).toEqual({ ok: false, problem: "checkDigit" });
    expect(parseIdentityNumber("0101075016", strict)).toEqual({ ok: false, problem: "format" });
    expect(parseIdentityNumber("0101075016a", strict)).toEqual({ ok: false, problem: "format" });
  });

  it("reads a D-nummer (day + 40)", () => {
    const dnr = makeIdentityNumber("1985-03-12", 123, { dnr: true });
    expect(dnr.slice(0, 2)).toBe("52");
    expect(parseIdentityNumber(dnr, strict)).toMatchObject({ ok: true, number: { kind: "DNR", birthDate: "1985-03-12" } });
  });

  it("refuses an impossible date even with right check digits", () => {
    const feb30 = makeIdentityNumber("1990-02-28", 123).replace(/^28/, "30");
    expect(parseIdentityNumber(feb30, strict).ok).toBe(false);
  });

  it("takes synthetic test numbers (month + 80 or + 40) only where allowed", () => {
    const tenor = makeIdentityNumber("1990-01-01", 123, { synthetic: true });
    expect(tenor.slice(2, 4)).toBe("81");
    expect(parseIdentityNumber(tenor, strict)).toEqual({ ok: false, problem: "synthetic" });
    expect(parseIdentityNumber(tenor, test)).toMatchObject({ ok: true, number: { synthetic: true, birthDate: "1990-01-01" } });
  });

  it("finds the century from the individual number", () => {
    expect(parseIdentityNumber(makeIdentityNumber("1960-06-15", 450), strict)).toMatchObject({ ok: true, number: { birthDate: "1960-06-15" } });
    expect(parseIdentityNumber(makeIdentityNumber("2015-06-15", 550), strict)).toMatchObject({ ok: true, number: { birthDate: "2015-06-15" } });
    expect(parseIdentityNumber(makeIdentityNumber("1945-06-15", 950), strict)).toMatchObject({ ok: true, number: { birthDate: "1945-06-15" } });
  });

  it("shows only the first six digits", () => {
    expect(maskIdentityNumber("01010750160")).toBe("010107 *****");
  });

  it("counts age in whole years", () => {
    expect(ageOn("2010-05-20", "2026-05-19")).toBe(15);
    expect(ageOn("2010-05-20", "2026-05-20")).toBe(16);
  });

  it("seals and opens again, never the same twice, and hashes the same number the same way", () => {
    const a = seal("01010750160");
    const b = seal("01010750160");
    expect(a).not.toBe(b);
    expect(a).not.toContain("01010750160");
    expect(unseal(a)).toBe("01010750160");
    expect(identityHash("01010750160")).toBe(identityHash("01010750160"));
    expect(identityHash("01010750160")).not.toBe(identityHash("01010750170"));
    expect(() => unseal(`${a.slice(0, -2)}AA`)).toThrow();
  });
});
