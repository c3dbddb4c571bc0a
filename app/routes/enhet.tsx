import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { load } from "../lib/call.server.ts";

export const meta: MetaFunction = () => [{ title: "Min enhet – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  // A unit leader not yet linked to a unit gets an explanation; other roles are refused by the procedure.
  if (context.user?.roles.includes("UNIT_LEADER") && !context.user.leadsUnitId) return json({ load: null });
  return json({ load: await load(context, request, (caller) => caller.unit.coordinatorLoad()) });
}

export default function MyUnit() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (!data.load) {
    return (
      <div className="page">
        <h1>{t("unit.title")}</h1>
        <p>{t("unit.noUnit")}</p>
      </div>
    );
  }
  const { unit, coordinators } = data.load;
  return (
    <div className="page">
      <h1>
        {t("unit.title")}: {unit.name}
      </h1>
      <p>{t("unit.intro", { unit: unit.name })}</p>
      {coordinators.length ? (
        <table className="responsive-table">
          <caption>{unit.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t("unit.coordinator")}</th>
              <th scope="col">{t("unit.activePlans")}</th>
            </tr>
          </thead>
          <tbody>
            {coordinators.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label={t("unit.coordinator")}>
                  {c.name}
                  {c.title ? <span className="hint"> – {c.title}</span> : null}
                </th>
                <td data-label={t("unit.activePlans")}>{c.activePlans}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("unit.none")}</p>
      )}
    </div>
  );
}
