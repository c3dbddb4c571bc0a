import i18next, { type i18n } from "i18next";
import { DEFAULT_LANG, resources, type Lang } from "../app/i18n/resources.ts";

// Server-side messages (API errors, e-mails) use the same catalogue as the UI.
let instance: i18n | undefined;

function getInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({ resources, lng: DEFAULT_LANG, fallbackLng: DEFAULT_LANG, initAsync: false, interpolation: { escapeValue: false } });
  }
  return instance;
}

export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return getInstance().getFixedT(lang)(key, params);
}
