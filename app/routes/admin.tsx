import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { load } from "../lib/call.server.ts";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [users, units] = await Promise.all([caller.user.list(), caller.unit.list()]);
      return { users, units, municipality: context.user!.municipalityName };
    }),
  );
}

export default function Admin() {
  const { t } = useTranslation();
  const { users, units, municipality } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro", { municipality })}</p>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t("admin.users")}</h2>
        <table className="responsive-table">
          <caption className="visually-hidden">{t("admin.users")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.unit")}</th>
              <th scope="col">{t("admin.roles")}</th>
              <th scope="col">{t("admin.active")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" data-label={t("admin.name")}>
                  {u.name}
                </th>
                <td data-label={t("admin.email")}>{u.email}</td>
                <td data-label={t("admin.unit")}>{u.unit?.name ?? ""}</td>
                <td data-label={t("admin.roles")}>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td data-label={t("admin.active")}>{u.active ? t("admin.yes") : t("admin.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{t("admin.units")}</h2>
        <table className="responsive-table">
          <caption className="visually-hidden">{t("admin.units")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.unit")}</th>
              <th scope="col">{t("admin.members")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <th scope="row" data-label={t("admin.unit")}>
                  {u.name}
                </th>
                <td data-label={t("admin.members")}>{u._count.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
