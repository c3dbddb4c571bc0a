import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { PublicCase } from "../components/case/public-case.tsx";
import { load } from "../lib/call.server.ts";
import { hasRole } from "../lib/plan-page.server.ts";

export const meta: MetaFunction = () => [{ title: "Mine saker – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const cases = await load(context, request, (caller) => caller.case.mine());
  return json({ cases, canApply: hasRole(context, "USER", "RELATIVE") });
}

/** The person's own cases (sent by them, or about them), newest first, in plain words. */
export default function MyCases() {
  const { t } = useTranslation();
  const { cases, canApply } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow plain">
      <h1>{t("myCases.title")}</h1>
      <p className="lead">{t("myCases.intro")}</p>
      {canApply ? (
        <p>
          <Link to="/sok" className="button-link">
            {t("apply.link")}
          </Link>
        </p>
      ) : null}
      {cases.length ? cases.map((c) => <PublicCase key={c.id} item={c} level={2} link />) : <p>{t("myCases.none")}</p>}
    </div>
  );
}
