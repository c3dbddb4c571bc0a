import { useTranslation } from "react-i18next";
import { parseLang, type Lang } from "../domain/lang.ts";

export function useLang(): Lang {
  return parseLang(useTranslation().i18n.language);
}
