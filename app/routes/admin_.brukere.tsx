import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminNav } from "../components/admin/admin-form.tsx";
import { load } from "../lib/call.server.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Brukere – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  // "?q=" searches by name, e-mail or title (a GET form: works without JavaScript).
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return json(
    await load(context, request, async (caller) => ({
      users: await caller.user.list(query ? { query } : undefined),
      query,
    })),
  );
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, query } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <AdminNav />
      <div className="admin-heading">
        <h1>{t("adm.users.title")}</h1>
        <Link to="/admin/brukere/ny" className="button-link">
          {t("adm.users.new")}
        </Link>
      </div>
      <Form method="get" role="search" className="admin-search" aria-label={t("adm.users.searchButton")}>
        <div className="field">
          <label htmlFor="user-search">{t("adm.users.search")}</label>
          <input id="user-search" name="q" type="search" defaultValue={query} maxLength={100} />
        </div>
        <button type="submit" className="button-secondary">
          {t("adm.users.searchButton")}
        </button>
        {query ? <Link to="/admin/brukere">{t("adm.users.clearSearch")}</Link> : null}
      </Form>
      <p role="status">{users.length ? t("adm.users.count", { count: users.length }) : t("adm.users.none")}</p>
      {users.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t("adm.users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("adm.user.name")}</th>
              <th scope="col">{t("adm.user.email")}</th>
              <th scope="col">{t("admin.unit")}</th>
              <th scope="col">{t("adm.user.roles")}</th>
              <th scope="col">{t("adm.users.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" data-label={t("adm.user.name")}>
                  <Link to={`/admin/brukere/${u.id}`}>{u.name}</Link>
                  {u.title ? <span className="admin-subtle"> · {u.title}</span> : null}
                </th>
                <td data-label={t("adm.user.email")}>{u.email ?? <span className="admin-subtle">{t("adm.users.noEmail")}</span>}</td>
                <td data-label={t("admin.unit")}>{u.unit?.name ?? <span className="admin-subtle">{t("adm.users.noUnit")}</span>}</td>
                <td data-label={t("adm.user.roles")}>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td data-label={t("adm.users.status")}>
                  {u.active ? t("adm.users.active") : <span className="badge badge-closed">{t("adm.users.inactive")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
