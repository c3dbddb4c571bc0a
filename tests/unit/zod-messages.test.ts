import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatZodError } from "../../server/trpc/zod-messages.ts";

const schema = z.object({
  email: z.string().email(),
  name: z.string().min(1).max(5),
  age: z.number().int().min(0),
  kind: z.enum(["A", "B"]),
});

describe("validation messages", () => {
  it("names each field in plain Norwegian", () => {
    const result = schema.safeParse({ email: "nei", name: "for langt navn", age: "tolv", kind: "C" });
    const { message, fieldErrors } = formatZodError(result.error!, "nb");
    expect(fieldErrors).toEqual({
      email: "må være en gyldig e-postadresse",
      name: "kan ha høyst 5 tegn",
      age: "har feil type",
      kind: "har en verdi som ikke er tillatt",
    });
    expect(message.startsWith("Noe er ikke fylt ut riktig.")).toBe(true);
  });

  it("says a missing field is required, in English when asked", () => {
    const result = schema.safeParse({ email: "a@b.no", age: -1, kind: "A" });
    const { fieldErrors } = formatZodError(result.error!, "en");
    expect(fieldErrors).toEqual({ name: "is required", age: "must be at least 0" });
  });
});

describe("cross-field rules", () => {
  it("translate the key a refine names, and fall back to a plain message", () => {
    const rule = z.object({ a: z.string().optional() }).refine((v) => v.a, { message: "legalBasis", path: ["a"] });
    expect(formatZodError(rule.safeParse({}).error!, "nb").fieldErrors).toEqual({
      a: "en representant må ha et rettslig grunnlag (for eksempel vergemål)",
    });
    const unknown = z.object({ a: z.string().optional() }).refine((v) => v.a, { message: "noSuchKey", path: ["a"] });
    expect(formatZodError(unknown.safeParse({}).error!, "en").fieldErrors).toEqual({ a: "is not valid" });
  });
});
