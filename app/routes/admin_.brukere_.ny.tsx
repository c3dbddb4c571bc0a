import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav } from "../components/admin/admin-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm } from "../hooks/use-page-form.ts";
import { EMPTY_PERSON, UserFields } from "../components/admin/user-fields.tsx";
import { adminFormAction, nullable, rolesOf } from "../lib/admin-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Ny bruker – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

/** The shortest first password (server/auth/password.ts: MIN_PASSWORD_LENGTH). */
const MIN_PASSWORD = 8;

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [units, settings] = await Promise.all([caller.unit.list(), caller.municipality.settings()]);
      return { units: units.map((u) => ({ id: u.id, name: u.name, closedAt: u.closedAt })), passwordSignIn: settings.passwordSignIn };
    }),
  );
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  return adminFormAction(
    context,
    form,
    (caller) =>
      caller.user.create({
        name: text(form, "name"),
        email: nullable(form, "email"),
        identityNumber: nullable(form, "identityNumber"),
        phone: nullable(form, "phone"),
        title: nullable(form, "title"),
        unitId: nullable(form, "unitId"),
        roles: rolesOf(form),
        leadsUnitId: nullable(form, "leadsUnitId"),
        password: text(form, "password") || null,
      }),
    { then: (user) => `/admin/brukere/${user.id}?lagret=opprettet` },
  );
}

export default function NewUser() {
  const { t } = useTranslation();
  const { units, passwordSignIn } = useLoaderData<typeof loader>();
  const form = usePageForm("new-user");
  return (
    <div className="page">
      <AdminNav />
      <p>
        <Link to="/admin/brukere">{t("adm.user.back")}</Link>
      </p>
      <h1 id="new-user-heading">{t("adm.user.newTitle")}</h1>
      <AdminFormElement form={form} intent="create" labelledBy="new-user-heading" className="stack card">
        <UserFields form={form} person={EMPTY_PERSON} units={units} password={{ allowed: passwordSignIn, minLength: MIN_PASSWORD }} />
        <SubmitButton form={form}>{t("adm.user.create")}</SubmitButton>
      </AdminFormElement>
    </div>
  );
}
