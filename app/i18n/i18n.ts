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
 */
function rememberPlainTexts(instance: i18n) {
  const lookUp = instance.t.bind(instance) as unknown as (...args: unknown[]) => string;
  const plain = new Map<string, string>();
  const t = (key: unknown, ...rest: unknown[]) => {
    if (rest.length || typeof key !== "string") return lookUp(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = lookUp(key)));
    return text;
  };
  instance.t = t as unknown as i18n["t"];
}
