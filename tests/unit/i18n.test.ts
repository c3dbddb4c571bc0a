import { describe, expect, it } from "vitest";
import { resources } from "../../app/i18n/resources.ts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n catalogue", () => {
  it("has the same keys in bokmål and English, and no empty texts", () => {
    const nb = keys(resources.nb.translation).sort();
    expect(keys(resources.en.translation).sort()).toEqual(nb);
    for (const lang of ["nb", "en"] as const) {
      const flat = JSON.stringify(resources[lang].translation);
      expect(flat).not.toContain('""');
    }
  });
});
