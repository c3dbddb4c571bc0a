import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlanTable } from "../components/plan-table.tsx";
import { load } from "../lib/call.server.ts";

export const meta: MetaFunction = () => [{ title: "Mine planer – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const plans = await load(context, request, (caller) => caller.plan.list());
  return json({ plans });
}

export default function MyPlans() {
  const { t } = useTranslation();
  const { plans } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("myPlans.title")}</h1>
      <p>{t("myPlans.intro")}</p>
      {plans.length ? <PlanTable plans={plans} caption={t("myPlans.caption")} /> : <p>{t("myPlans.none")}</p>}
    </div>
  );
}
