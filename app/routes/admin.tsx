import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminNav, adminSectionLabel } from "../components/admin/admin-form.tsx";
import { attempt, load } from "../lib/call.server.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

const SECTIONS = [
  { to: "/admin/brukere", key: "users" },
  { to: "/admin/enheter", key: "units" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/innstillinger", key: "settings" },
  { to: "/admin/maler", key: "templates" },
  { to: "/admin/kartlegging", key: "assessmentCodes" },
] as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      // The settings are the administrator's alone: the page is too.
      const [caseTypes, settings] = await Promise.all([caller.caseType.list(), caller.municipality.settings()]);
      return { caseTypes, municipality: settings.name };
    }),
  );
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
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
  return json(result.ok ? { type, error: null } : { type, error: result.error.message }, { status: result.ok ? 200 : result.error.status });
}

export default function Admin() {
  const { t } = useTranslation();
  const { caseTypes, municipality } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("admin.title")}</h1>
      <p>{t("adm.overview.intro", { municipality })}</p>
      <p className="hint">{t("adm.overview.noPlanContent")}</p>
      <ul className="admin-cards">
        {SECTIONS.map(({ to, key }) => (
          <li key={to}>
            <div className="card">
              <h2>
                <Link to={to}>{t(adminSectionLabel(key))}</Link>
              </h2>
              <p>{t(key === "assessmentCodes" ? "assessmentCodes.overview" : `adm.overview.${key}`)}</p>
            </div>
          </li>
        ))}
      </ul>
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
    </div>
  );
}
