import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../app/i18n/i18n.ts";
import { resources } from "../../app/i18n/resources.ts";

const localesDir = join(dirname(fileURLToPath(import.meta.url)), "../../app/i18n/locales");

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Every `...Nb` or `...En` object exported by the files in app/i18n/locales/, by "file: export". */
async function loadAreas(suffix: "Nb" | "En"): Promise<Record<string, object>> {
  const areas: Record<string, object> = {};
  for (const file of readdirSync(localesDir).filter((name) => name.endsWith(".ts"))) {
    const exports: Record<string, unknown> = await import(join(localesDir, file));
    for (const [name, value] of Object.entries(exports)) {
      if (name.endsWith(suffix) && typeof value === "object" && value !== null) areas[`${file}: ${name}`] = value;
    }
  }
  return areas;
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

  it("says every error code a procedure can answer with in words (none reaches people as a key)", () => {
    for (const lang of ["nb", "en"] as const) {
      const codes = resources[lang].translation.errors.code as Record<string, string>;
      for (const code of Object.keys(TRPC_ERROR_CODES_BY_KEY)) expect(codes[code], `${lang}: errors.code.${code}`).toBeTruthy();
    }
  });

  it.each([
    ["nb", "Nb"],
    ["en", "En"],
  ] as const)("takes every top-level section (%s) from exactly one area file", async (lang, suffix) => {
    const translation: Record<string, unknown> = resources[lang].translation;
    const areas = await loadAreas(suffix);
    expect(Object.keys(areas).length).toBeGreaterThan(1);

    // An area mounted under one key (meetings, dash, adm, notifications) owns that key; the others are spread,
    // and a top-level key defined by two spread areas would silently overwrite the first.
    const owners = new Map<string, string[]>();
    for (const [area, messages] of Object.entries(areas)) {
      const mountedAt = Object.keys(translation).find((key) => translation[key] === messages);
      for (const key of mountedAt ? [mountedAt] : Object.keys(messages)) owners.set(key, [...(owners.get(key) ?? []), area]);
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    expect([...owners.keys()].sort()).toEqual(Object.keys(translation).sort());
  });
});

describe("texts with values (app/i18n/i18n.ts fills in {{name}} itself)", () => {
  /** A plain i18next instance, as the portal's was before it filled in values itself. */
  function reference(lang: "nb" | "en") {
    const instance = i18next.createInstance();
    void instance.init({ resources, lng: lang, fallbackLng: "nb", initAsync: false, interpolation: { escapeValue: false } });
    return instance;
  }

  it.each(["nb", "en"] as const)("gives what i18next gives for every text with placeholders (%s)", (lang) => {
    const ours = createI18n(lang);
    const theirs = reference(lang);
    let checked = 0;
    for (const key of keys(resources[lang].translation)) {
      const names = [...new Set([...String(theirs.getResource(lang, "translation", key)).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]))];
      if (!names.length) continue;
      const values = [
        Object.fromEntries(names.map((name, i) => [name, `Kari «${i}» & <b>$t(common.save)</b> {{x}}`])),
        Object.fromEntries(names.map((name, i) => [name, i * 1000 + 0.5])),
        Object.fromEntries(names.slice(1).map((name) => [name, "bare noen"])),
        { ...Object.fromEntries(names.map((name) => [name, "med antall"])), count: 2 },
      ];
      for (const options of values) expect(ours.t(key, options), `${key} ${JSON.stringify(options)}`).toBe(theirs.t(key, options));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("leaves a context, a default and a missing key to i18next", () => {
    const ours = createI18n("nb");
    const theirs = reference("nb");
    for (const [key, options] of [
      ["finnes.ikke", { name: "Kari" }],
      ["finnes.ikke", { defaultValue: "Standard {{name}}", name: "Kari" }],
      ["removal.deleteHeading", { label: "Mål", context: "male" }],
    ] as const) {
      expect(ours.t(key, options)).toBe(theirs.t(key, options));
    }
  });
});
