import { useTranslation } from "../../i18n/use-translation.ts";
import { ROLES, type Role } from "../../domain/lists.ts";
import { TextField } from "./admin-form.tsx";
import type { PageForm } from "../../hooks/use-page-form.ts";

// An identity provider's settings, the same when adding and changing one. The client secret is
// write-only: the page only says whether one is stored.

export interface ProviderView {
  id: string;
  slug: string;
  kind: "RESIDENT" | "STAFF";
  name: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string;
  acrValues: string[];
  requiredAcr: string | null;
  identityClaim: string;
  roleClaim: string | null;
  roleMap: Record<string, Role> | null;
  enabled: boolean;
  source: string;
}

export const roleMapText = (map: Record<string, Role> | null) =>
  Object.entries(map ?? {})
    .map(([value, role]) => `${value}=${role}`)
    .join("\n");

export function ProviderFields({ form, provider }: { form: PageForm; provider: ProviderView | null }) {
  const { t } = useTranslation();
  const id = (name: string) => `${form.formId}-${name}`;
  const kind = form.value("kind", provider?.kind ?? "STAFF");
  const roleMapError = form.error("roleMap");
  return (
    <>
      <TextField form={form} name="name" label={t("adm.idp.name")} defaultValue={provider?.name ?? ""} required maxLength={100} autoComplete="off" />
      {provider ? null : <TextField form={form} name="slug" label={t("adm.idp.slug")} hint={t("adm.idp.slugHint")} required maxLength={40} autoComplete="off" />}
      <fieldset className="fieldset">
        <legend>{t("adm.idp.kind")}</legend>
        {(["RESIDENT", "STAFF"] as const).map((k) => (
          <div className="checkbox" key={k}>
            <input id={id(`kind-${k}`)} type="radio" name="kind" value={k} defaultChecked={kind === k} />
            <label htmlFor={id(`kind-${k}`)}>{t(`adm.idp.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="grid-2">
        <TextField form={form} name="issuer" type="url" label={t("adm.idp.issuer")} hint={t("adm.idp.issuerHint")} defaultValue={provider?.issuer ?? ""} required maxLength={500} autoComplete="off" />
        <TextField form={form} name="clientId" label={t("adm.idp.clientId")} defaultValue={provider?.clientId ?? ""} required maxLength={200} autoComplete="off" />
      </div>
      <TextField
        form={form}
        name="clientSecret"
        type="password"
        label={t("adm.idp.clientSecret")}
        hint={provider ? (provider.hasClientSecret ? t("adm.idp.clientSecretKeep") : t("adm.idp.clientSecretNone")) : t("adm.idp.clientSecretHint")}
        optional
        autoComplete="new-password"
      />
      {provider?.hasClientSecret ? (
        <div className="checkbox">
          <input id={id("removeClientSecret")} type="checkbox" name="removeClientSecret" value="yes" />
          <label htmlFor={id("removeClientSecret")}>{t("adm.idp.removeClientSecret")}</label>
        </div>
      ) : null}
      <div className="grid-2">
        <TextField form={form} name="scopes" label={t("adm.idp.scopes")} defaultValue={provider?.scopes ?? "openid profile"} required maxLength={500} autoComplete="off" />
        <TextField form={form} name="acrValues" label={t("adm.idp.acrValues")} hint={t("adm.idp.acrValuesHint")} defaultValue={provider?.acrValues.join(" ") ?? ""} optional autoComplete="off" />
        <TextField form={form} name="requiredAcr" label={t("adm.idp.requiredAcr")} hint={t("adm.idp.requiredAcrHint")} defaultValue={provider?.requiredAcr ?? ""} optional autoComplete="off" />
        <TextField form={form} name="identityClaim" label={t("adm.idp.identityClaim")} defaultValue={provider?.identityClaim ?? "pid"} required maxLength={100} autoComplete="off" />
        <TextField form={form} name="roleClaim" label={t("adm.idp.roleClaim")} defaultValue={provider?.roleClaim ?? ""} optional maxLength={100} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={id("roleMap")}>
          {t("adm.idp.roleMap")} <span className="optional">{t("form.optional")}</span>
        </label>
        <p id={id("roleMap-hint")} className="hint">
          {t("adm.idp.roleMapHint", { roles: ROLES.join(", ") })}
        </p>
        {roleMapError ? (
          <p id={id("roleMap-error")} className="field-error">
            {roleMapError}
          </p>
        ) : null}
        <textarea
          id={id("roleMap")}
          name="roleMap"
          rows={3}
          defaultValue={form.value("roleMap", roleMapText(provider?.roleMap ?? null))}
          aria-invalid={roleMapError ? true : undefined}
          aria-describedby={[id("roleMap-hint"), roleMapError ? id("roleMap-error") : null].filter(Boolean).join(" ")}
          spellCheck={false}
        />
      </div>
      <div className="checkbox">
        <input id={id("enabled")} type="checkbox" name="enabled" value="yes" defaultChecked={form.result ? form.value("enabled") === "yes" : (provider?.enabled ?? true)} />
        <label htmlFor={id("enabled")}>{t("adm.idp.enabled")}</label>
      </div>
    </>
  );
}
