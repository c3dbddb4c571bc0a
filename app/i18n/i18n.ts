import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANG, resources, type Lang } from "./resources.ts";

// One ready i18next instance per language, made once per process (and once in the browser):
// the resources are bundled and an instance's language never changes (switching language is a
// form post and a new page, app/routes/sprak.tsx), so the same instance serves every request.
// Making one per request cost a whole init with every resource on each page (issue 16).
const instances = new Map<Lang, i18n>();

export function createI18n(lang: Lang): i18n {
  const existing = instances.get(lang);
  if (existing) return existing;
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  rememberPlainTexts(instance);
  instances.set(lang, instance);
  return instance;
}

/**
 * Most calls are a key alone, whose text never changes for an instance: each is looked up once.
 * i18next's lookup was a tenth of a plan page's rendering time in the CPU profile (issue 16).
 * A call with plain values for the text's {{placeholders}} (a name, a number) fills them in
 * itself: i18next's pipeline for those was another 5 % of the plan page. Anything else (a
 * count's plural forms, a context, a default, a formatted value, a missing value) is i18next's.
 */
function rememberPlainTexts(instance: i18n) {
  const lookUp = instance.t.bind(instance) as unknown as (...args: unknown[]) => string;
  const plain = new Map<string, string>();
  const templates = new Map<string, string | null>();
  const template = (key: string) => {
    let text = templates.get(key);
    if (text === undefined) templates.set(key, (text = simpleTemplate(instance, key)));
    return text;
  };
  const t = (key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string") return lookUp(key, ...rest);
    if (!rest.length) {
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = lookUp(key)));
      return text;
    }
    const text = rest.length === 1 && plainValues(rest[0]) ? template(key) : null;
    const filled = text === null ? null : fillIn(text, rest[0] as Record<string, string | number>);
    return filled ?? lookUp(key, ...rest);
  };
  instance.t = t as unknown as i18n["t"];
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** Options that make i18next do more than fill in values. */
const I18NEXT_OPTIONS = new Set(["count", "context", "ordinal", "lng", "lngs", "ns", "fallbackLng", "returnObjects", "returnDetails", "joinArrays", "postProcess", "interpolation", "skipInterpolation", "replace", "keyPrefix", "nsSeparator", "keySeparator"]);

function plainValues(options: unknown): boolean {
  if (!options || typeof options !== "object" || Array.isArray(options)) return false;
  for (const [name, value] of Object.entries(options)) {
    if (I18NEXT_OPTIONS.has(name) || name.startsWith("defaultValue")) return false;
    if (typeof value !== "string" && typeof value !== "number") return false;
  }
  return true;
}

/** The key's text in the instance's language (or the fallback's), when its only markup is {{name}}. */
function simpleTemplate(instance: i18n, key: string): string | null {
  if (key.includes(":")) return null; // a namespace: i18next's
  const text = instance.getResource(instance.language, "translation", key) ?? instance.getResource(DEFAULT_LANG, "translation", key);
  if (typeof text !== "string" || text.replace(PLACEHOLDER, "").includes("{{") || text.includes("$t(")) return null;
  return text;
}

/** The text with each {{name}} filled in, or null when a value is missing (i18next decides then). */
function fillIn(text: string, values: Record<string, string | number>): string | null {
  let missing = false;
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? null : filled;
}
