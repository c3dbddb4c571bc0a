import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";
import { parseLang, type Lang } from "../domain/lang.ts";

export function useLang(): Lang {
  const { i18n } = useContext(I18nContext) ?? {};
  return parseLang((i18n ?? getI18n()).language);
}
