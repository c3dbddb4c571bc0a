import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";

export const meta: MetaFunction = () => [{ title: "Tilgangen er avsluttet – Individuell plan" }];

/** Where an open plan goes when the person's access ends (consent withdrawn, removed from the group). */
export default function AccessEnded() {
  const { t } = useTranslation();
  return (
    <div className="page narrow plain">
      <h1>{t("accessEnded.title")}</h1>
      <p className="lead">{t("accessEnded.text")}</p>
      <p>{t("accessEnded.help")}</p>
      <p>
        <Link to="/">{t("errors.toFrontPage")}</Link>
      </p>
    </div>
  );
}
