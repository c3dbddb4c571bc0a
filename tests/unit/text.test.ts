import { describe, expect, it } from "vitest";
import { anyUnstorable, hasUnstorableCharacters, shorten, storable } from "../../app/domain/text.ts";

describe("text that can be stored (issue 11)", () => {
  it("finds U+0000 and lone surrogates anywhere in an input, also in keys", () => {
    expect(hasUnstorableCharacters("Kari\u0000")).toBe(true);
    expect(hasUnstorableCharacters("\uD800")).toBe(true);
    expect(hasUnstorableCharacters("😀 æøå \u202E")).toBe(false);
    expect(anyUnstorable({ a: [{ b: "ok" }, { c: "\uDC00" }] })).toBe(true);
    expect(anyUnstorable({ ["\u0000"]: "ok" })).toBe(true);
    expect(storable("a\u0000b\uD800c")).toBe("ab\uFFFDc");
  });

  it("shortens between characters as people see them, never inside an emoji", () => {
    const text = `${"a".repeat(118)}😀 og mer`;
    const short = shorten(text, 120, "…");
    expect(short).toBe(`${"a".repeat(118)}…`);
    expect(hasUnstorableCharacters(short)).toBe(false);
    // A family emoji is eight UTF-16 units: it does not fit in five, and is not cut in parts.
    expect(shorten("👨‍👩‍👧 familie", 5)).toBe("");
    expect(shorten("kort", 10, "…")).toBe("kort");
  });
});
