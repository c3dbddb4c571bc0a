import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlanTable } from "../components/plan-table.tsx";
import { load } from "../lib/call.server.ts";

export const meta: MetaFunction = () => [{ title: "Koordinerende enhet – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [stats, plans] = await Promise.all([caller.plan.stats(), caller.plan.list()]);
      return { stats, plans, municipality: context.user!.municipalityName };
    }),
  );
}

export default function KeOverview() {
  const { t } = useTranslation();
  const { stats, plans, municipality } = useLoaderData<typeof loader>();
  const figures = [
    { key: "active", label: t("ke.active"), value: stats.active },
    { key: "draft", label: t("ke.draft"), value: stats.draft },
    { key: "closed", label: t("ke.closed"), value: stats.closed },
    { key: "withoutCoordinator", label: t("ke.withoutCoordinator"), value: stats.activeWithoutCoordinator, alarm: stats.activeWithoutCoordinator > 0 },
    { key: "reviewDue", label: t("ke.reviewDue"), value: stats.reviewDue },
  ];
  return (
    <div className="page">
      <h1>{t("ke.title")}</h1>
      <p>{t("ke.intro", { municipality })}</p>
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t("ke.figures")}</h2>
        <dl className="figures">
          {figures.map((f) => (
            <div key={f.key} className={f.alarm ? "figure figure-alarm" : "figure"}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t("ke.plans")}</h2>
        <p className="hint">{t("ke.openHint")}</p>
        <PlanTable plans={plans} caption={t("ke.caption")} />
      </section>
    </div>
  );
}
