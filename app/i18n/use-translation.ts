import type { TFunction } from "i18next";
import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";

// The page's texts: `const { t } = useTranslation()`, as react-i18next's hook, without its cost.
// Its useTranslation copies the i18next instance into a new wrapper object in every component on
// every server render (createI18nWrapper), which was the largest single cost of rendering a plan
// page in the CPU profile (bench:pages, docs/decisions/031-rendering-costs.md). Our instances never change language
// (app/i18n/i18n.ts), so the provider's instance and its t are all a component needs.
export function useTranslation(): { t: TFunction } {
  const { i18n } = useContext(I18nContext) ?? {};
  return { t: (i18n ?? getI18n()).t };
}
