import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attempt, load } from "../lib/call.server.ts";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [users, units, caseTypes] = await Promise.all([caller.user.list(), caller.unit.list(), caller.caseType.list()]);
      return { users, units, caseTypes, municipality: context.user!.municipalityName };
    }),
  );
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "user-active") {
    const userId = String(form.get("userId") ?? "");
    const active = form.get("active") === "true";
    const result = await attempt(context, (caller) => caller.user.setActive({ userId, active }));
    return json(
      { type: null, error: null, user: { id: userId, active, error: result.ok ? null : result.error.message } },
      { status: result.ok ? 200 : result.error.status },
    );
  }
  const type = String(form.get("type") ?? "");
  const result = await attempt(context, (caller) =>
    caller.caseType.update({
      type: type as never,
      deadlineAmount: Number(form.get("deadlineAmount")),
      deadlineUnit: String(form.get("deadlineUnit")) as never,
      formalDecision: form.get("formalDecision") === "on",
      reminderWorkingDays: Number(form.get("reminderWorkingDays")),
    }),
  );
  return json(result.ok ? { type, error: null, user: null } : { type, error: result.error.message, user: null }, { status: result.ok ? 200 : result.error.status });
}

export default function Admin() {
  const { t } = useTranslation();
  const { users, units, caseTypes, municipality } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
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
              <th scope="col">
                <span className="visually-hidden">{t("admin.deactivate")}</span>
              </th>
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
                <td>
                  {saved?.user?.id === u.id ? (
                    <p role={saved.user.error ? "alert" : "status"} className={saved.user.error ? "alert alert-error" : "alert alert-success"}>
                      {saved.user.error ?? t(saved.user.active ? "admin.activated" : "admin.deactivated", { name: u.name })}
                    </p>
                  ) : null}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="user-active" />
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="active" value={u.active ? "false" : "true"} />
                    <button type="submit" className="button-secondary button-small" title={u.active ? t("admin.deactivateHint") : undefined}>
                      {u.active ? t("admin.deactivate") : t("admin.activate")}
                      <span className="visually-hidden">: {u.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="case-types-heading">
        <h2 id="case-types-heading">{t("adm.caseTypes")}</h2>
        <p className="hint">{t("adm.caseTypesIntro")}</p>
        {caseTypes.map((setting) => (
          <Form method="post" key={setting.type} className="card stack" aria-labelledby={`ct-${setting.type}`}>
            <h3 id={`ct-${setting.type}`}>{t(`case.type.${setting.type}`)}</h3>
            <input type="hidden" name="type" value={setting.type} />
            {saved?.type === setting.type ? (
              <p role={saved.error ? "alert" : "status"} className={saved.error ? "alert alert-error" : "alert alert-success"}>
                {saved.error ?? t("adm.saved")}
              </p>
            ) : null}
            <div className="filter-grid">
              <div className="field">
                <label htmlFor={`amount-${setting.type}`}>{t("adm.deadline")}</label>
                <input id={`amount-${setting.type}`} name="deadlineAmount" type="number" min={1} max={365} required defaultValue={setting.deadlineAmount} />
              </div>
              <div className="field">
                <label htmlFor={`unit-${setting.type}`}>{t("adm.unit")}</label>
                <select id={`unit-${setting.type}`} name="deadlineUnit" defaultValue={setting.deadlineUnit}>
                  <option value="WORKING_DAYS">{t("adm.WORKING_DAYS")}</option>
                  <option value="CALENDAR_DAYS">{t("adm.CALENDAR_DAYS")}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`reminder-${setting.type}`}>{t("adm.reminder")}</label>
                <input id={`reminder-${setting.type}`} name="reminderWorkingDays" type="number" min={0} max={30} required defaultValue={setting.reminderWorkingDays} />
              </div>
            </div>
            <div className="checkbox-field">
              <input id={`formal-${setting.type}`} name="formalDecision" type="checkbox" defaultChecked={setting.formalDecision} />
              <label htmlFor={`formal-${setting.type}`}>{t("adm.formalDecision")}</label>
            </div>
            <button type="submit" className="button-primary">
              {t("adm.save")}
              <span className="visually-hidden"> {t(`case.type.${setting.type}`)}</span>
            </button>
          </Form>
        ))}
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
