import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { PublicCaseView } from "../../lib/case-types.ts";
import { PublicCase } from "./public-case.tsx";

/** A case page for the person it is about, or who sent it: the public part only (the server decides). */
export function PublicCasePage({ item }: { item: PublicCaseView }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow plain">
      <p>
        <Link to="/mine-saker">{t("myCases.back")}</Link>
      </p>
      <PublicCase item={item} level={1} />
    </div>
  );
}
