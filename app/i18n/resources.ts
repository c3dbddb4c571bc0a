import { adminEn, adminNb } from "./locales/admin.ts";
import { dashboardEn, dashboardNb } from "./locales/dashboard.ts";
import { en } from "./locales/en.ts";
import { meetingsEn, meetingsNb } from "./locales/meetings.ts";
import { notificationsEn, notificationsNb } from "./locales/notifications.ts";
import { nb } from "./locales/nb.ts";

// The i18n catalogue, shared by the UI and the server's messages. Pure data: safe for both.
export const LANGS = ["nb", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "nb";
export const LANG_COOKIE = "lang";

export const resources = {
  nb: { translation: { ...nb, dash: dashboardNb, adm: adminNb, notifications: notificationsNb, meetings: meetingsNb } },
  en: { translation: { ...en, dash: dashboardEn, adm: adminEn, notifications: notificationsEn, meetings: meetingsEn } },
} as const;

export function parseLang(value: string | null | undefined): Lang {
  return (LANGS as readonly string[]).includes(value ?? "") ? (value as Lang) : DEFAULT_LANG;
}

/** BCP 47 tag for dates and numbers. */
export const LOCALE_TAG: Record<Lang, string> = { nb: "nb-NO", en: "en-GB" };
