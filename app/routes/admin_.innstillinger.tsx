import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav, TextField } from "../components/admin/admin-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm } from "../hooks/use-page-form.ts";
import { Receipt } from "../components/receipt.tsx";
import { ProviderFields, type ProviderView } from "../components/admin/provider-fields.tsx";
import { isOneOf, ROLES, type Role } from "../domain/schemas.ts";
import { adminFormAction, nullable } from "../lib/admin-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { FormRefusal } from "../lib/form-action.server.ts";
import { text } from "../lib/form-values.ts";
import { idParam } from "../lib/id-param.server.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Innstillinger – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [settings, providers] = await Promise.all([caller.municipality.settings(), caller.identityProvider.list()]);
      return { settings, providers: providers as ProviderView[] };
    }),
  );
}

/** "koordinator=COORDINATOR" per line → { koordinator: "COORDINATOR" }; empty → null. */
function roleMapOf(form: FormData): Record<string, Role> | null {
  const lines = text(form, "roleMap")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return null;
  const map: Record<string, Role> = {};
  for (const line of lines) {
    const at = line.lastIndexOf("=");
    const value = line.slice(0, at).trim();
    const role = line.slice(at + 1).trim().toUpperCase();
    if (at < 1 || !value || !isOneOf(ROLES, role)) throw new FormRefusal("adm.idp.roleMapInvalid", "roleMap");
    map[value] = role;
  }
  return map;
}

function providerFields(form: FormData) {
  const kind = text(form, "kind") === "RESIDENT" ? ("RESIDENT" as const) : ("STAFF" as const);
  return {
    kind,
    name: text(form, "name"),
    issuer: text(form, "issuer"),
    clientId: text(form, "clientId"),
    scopes: text(form, "scopes"),
    acrValues: text(form, "acrValues")
      .split(/[\s,]+/)
      .filter(Boolean),
    requiredAcr: nullable(form, "requiredAcr"),
    identityClaim: text(form, "identityClaim"),
    roleClaim: nullable(form, "roleClaim"),
    roleMap: roleMapOf(form),
    enabled: text(form, "enabled") === "yes",
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  switch (text(form, "intent")) {
    case "settings":
      return adminFormAction(
        context,
        form,
        (caller) =>
          caller.municipality.updateSettings({
            name: text(form, "name"),
            contactEmail: nullable(form, "contactEmail"),
            contactPhone: nullable(form, "contactPhone"),
            mailFrom: nullable(form, "mailFrom"),
            passwordSignIn: text(form, "passwordSignIn") === "yes",
          }),
        { then: () => "/admin/innstillinger?lagret=innstillinger" },
      );
    case "provider-create":
      return adminFormAction(
        context,
        form,
        async (caller) => caller.identityProvider.create({ ...providerFields(form), slug: text(form, "slug"), clientSecret: text(form, "clientSecret") || null }),
        { then: (p) => `/admin/innstillinger?lagret=ny&tjeneste=${p.id}#tjeneste-${p.id}` },
      );
    case "provider-update": {
      const providerId = idParam(text(form, "providerId"));
      return adminFormAction(
        context,
        form,
        async (caller) =>
          caller.identityProvider.update({
            ...providerFields(form),
            providerId,
            clientSecret: text(form, "clientSecret") || undefined,
            removeClientSecret: text(form, "removeClientSecret") === "yes",
          }),
        { then: () => `/admin/innstillinger?lagret=endret&tjeneste=${providerId}#tjeneste-${providerId}` },
      );
    }
    default:
      throw json({ message: "bad request" }, { status: 400 });
  }
}

export default function AdminSettings() {
  const { t } = useTranslation();
  const { settings, providers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const form = usePageForm("settings");
  const addForm = usePageForm("provider-new");
  const saved = params.get("lagret");
  const savedProvider = providers.find((p) => p.id === params.get("tjeneste"));
  const receipt =
    saved === "innstillinger"
      ? t("adm.settings.saved")
      : savedProvider
        ? t(saved === "ny" ? "adm.idp.created" : "adm.idp.saved", { name: savedProvider.name })
        : null;
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("adm.settings.title")}</h1>
      <Receipt show={Boolean(receipt)}>{receipt}</Receipt>
      {settings.demo ? <p className="alert alert-info">{t("adm.settings.demo")}</p> : null}
      <AdminFormElement form={form} intent="settings" label={t("adm.settings.title")} className="stack card">
        <dl className="facts">
          <div className="facts-row">
            <dt>{t("adm.settings.number")}</dt>
            <dd>{settings.number}</dd>
          </div>
        </dl>
        <TextField form={form} name="name" label={t("adm.settings.name")} defaultValue={settings.name} required maxLength={200} autoComplete="off" />
        <div className="grid-2">
          <TextField form={form} name="contactEmail" type="email" label={t("adm.settings.contactEmail")} defaultValue={settings.contactEmail ?? ""} optional maxLength={254} autoComplete="off" />
          <TextField form={form} name="contactPhone" type="tel" label={t("adm.settings.contactPhone")} defaultValue={settings.contactPhone ?? ""} optional maxLength={40} autoComplete="off" />
        </div>
        <TextField form={form} name="mailFrom" type="email" label={t("adm.settings.mailFrom")} hint={t("adm.settings.mailFromHint")} defaultValue={settings.mailFrom ?? ""} optional maxLength={254} autoComplete="off" />
        <div className="checkbox">
          <input
            id="settings-passwordSignIn"
            type="checkbox"
            name="passwordSignIn"
            value="yes"
            defaultChecked={form.result ? form.value("passwordSignIn") === "yes" : settings.passwordSignIn}
            aria-describedby="settings-passwordSignIn-hint"
          />
          <label htmlFor="settings-passwordSignIn">{t("adm.settings.passwordSignIn")}</label>
        </div>
        <p id="settings-passwordSignIn-hint" className="hint">
          {t("adm.settings.passwordSignInHint")}
        </p>
        <SubmitButton form={form}>{t("adm.settings.save")}</SubmitButton>
      </AdminFormElement>

      <section aria-labelledby="providers-heading">
        <h2 id="providers-heading">{t("adm.idp.title")}</h2>
        <p>{t("adm.idp.intro")}</p>
        {providers.length === 0 ? <p>{t("adm.idp.none")}</p> : null}
        {providers.map((provider) => (
          <ProviderCard key={provider.id} provider={provider} />
        ))}
        <details className="disclosure" open={addForm.result ? true : undefined}>
          <summary>{t("adm.idp.add")}</summary>
          <AdminFormElement form={addForm} intent="provider-create" label={t("adm.idp.add")} className="stack disclosure-body">
            <ProviderFields form={addForm} provider={null} />
            <SubmitButton form={addForm}>{t("adm.idp.create")}</SubmitButton>
          </AdminFormElement>
        </details>
      </section>
    </div>
  );
}

function ProviderCard({ provider }: { provider: ProviderView }) {
  const { t } = useTranslation();
  const form = usePageForm(`provider-${provider.id}`);
  const headingId = `tjeneste-${provider.id}`;
  return (
    <article aria-labelledby={headingId} className="card provider-card">
      <h3 id={headingId} tabIndex={-1}>
        {provider.name} <span className={provider.enabled ? "badge badge-active" : "badge badge-closed"}>{provider.enabled ? t("adm.idp.enabledYes") : t("adm.idp.enabledNo")}</span>
      </h3>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("adm.idp.kind")}</dt>
          <dd>{t(`adm.idp.${provider.kind}`)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.idp.slug")}</dt>
          <dd>{provider.slug}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.idp.issuer")}</dt>
          <dd className="break-anywhere">{provider.issuer}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.idp.source")}</dt>
          <dd>{t(`adm.idp.source${["admin", "env", "test"].includes(provider.source) ? provider.source : "env"}`)}</dd>
        </div>
      </dl>
      {provider.source === "admin" ? (
        <details className="disclosure" open={form.result ? true : undefined}>
          <summary>{t("adm.idp.edit", { name: provider.name })}</summary>
          <AdminFormElement form={form} intent="provider-update" hidden={{ providerId: provider.id }} label={t("adm.idp.edit", { name: provider.name })} className="stack disclosure-body">
            <ProviderFields form={form} provider={provider} />
            <SubmitButton form={form}>{t("adm.idp.save", { name: provider.name })}</SubmitButton>
          </AdminFormElement>
        </details>
      ) : (
        <p className="hint">{t("adm.idp.readOnly")}</p>
      )}
    </article>
  );
}
