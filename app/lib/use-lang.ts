import { useTranslation } from "react-i18next";
import { parseLang, type Lang } from "../i18n/resources.ts";

export function useLang(): Lang {
  return parseLang(useTranslation().i18n.language);
}
