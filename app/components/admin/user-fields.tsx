import { useTranslation } from "../../i18n/use-translation.ts";
import { HintAndError } from "../form.tsx";
import { ROLES, type Role } from "../../domain/lists.ts";
import { TextField } from "./admin-form.tsx";
import type { PageForm } from "../../hooks/use-page-form.ts";

// The fields of a person, the same when creating and editing: name, how they sign in, where they
// work and their roles (with the unit a unit leader leads).

export interface UnitOption {
  id: string;
  name: string;
  closedAt: string | null;
}

export interface PersonDefaults {
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  unitId: string | null;
  roles: Role[];
  leadsUnitId: string | null;
}

export const EMPTY_PERSON: PersonDefaults = { name: "", email: null, phone: null, title: null, unitId: null, roles: ["STAFF"], leadsUnitId: null };

export function UserFields({
  form,
  person,
  units,
  identityMasked,
  password,
}: {
  form: PageForm;
  person: PersonDefaults;
  units: UnitOption[];
  /** Editing: the stored number, masked. */
  identityMasked?: string | null;
  /** Creating: whether a first password may be given (the municipality allows password sign-in), and its minimum length. */
  password?: { allowed: boolean; minLength: number };
}) {
  const { t } = useTranslation();
  const unitChoices = (selected: string | null) => units.filter((u) => !u.closedAt || u.id === selected);
  const select = (name: string, label: string, selected: string | null, noneLabel: string, hint?: string) => {
    const id = `${form.formId}-${name}`;
    const error = form.error(name);
    const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <HintAndError id={id} hint={hint} error={error} />
        <select id={id} name={name} defaultValue={form.value(name, selected ?? "")} aria-invalid={error ? true : undefined} aria-describedby={described}>
          <option value="">{noneLabel}</option>
          {unitChoices(selected).map((u) => (
            <option key={u.id} value={u.id}>
              {u.closedAt ? t("adm.user.closedUnit", { name: u.name }) : u.name}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const rolesError = form.error("roles");

  return (
    <>
      <TextField form={form} name="name" label={t("adm.user.name")} defaultValue={person.name} required autoComplete="off" maxLength={200} />
      <p className="hint">{t("adm.user.signInHint")}</p>
      <div className="grid-2">
        <TextField form={form} name="email" type="email" label={t("adm.user.email")} hint={t("adm.user.emailHint")} defaultValue={person.email ?? ""} optional autoComplete="off" maxLength={254} />
        <TextField
          form={form}
          name="identityNumber"
          label={t("adm.user.identity")}
          hint={identityMasked ? t("adm.user.identityStored", { masked: identityMasked }) : t("adm.user.identityHint")}
          optional
          autoComplete="off"
          inputMode="numeric"
          maxLength={20}
        />
        <TextField form={form} name="phone" type="tel" label={t("adm.user.phone")} defaultValue={person.phone ?? ""} optional autoComplete="off" maxLength={40} />
        <TextField form={form} name="title" label={t("adm.user.title")} defaultValue={person.title ?? ""} optional autoComplete="off" maxLength={200} />
      </div>
      {select("unitId", t("adm.user.unit"), person.unitId, t("adm.user.noUnit"))}
      <fieldset className="fieldset" aria-describedby={`${form.formId}-roles-hint${rolesError ? ` ${form.formId}-roles-error` : ""}`}>
        <legend>{t("adm.user.roles")}</legend>
        <p id={`${form.formId}-roles-hint`} className="hint">
          {t("adm.user.rolesHint")} {t("adm.user.rolesWarning")}
        </p>
        {rolesError ? (
          <p id={`${form.formId}-roles-error`} className="field-error">
            {rolesError}
          </p>
        ) : null}
        <div className="role-choices">
          {ROLES.map((role) => (
            <div className="checkbox" key={role}>
              <input id={`${form.formId}-role-${role}`} type="checkbox" name="roles" value={role} defaultChecked={form.checked("roles", role, person.roles.includes(role))} />
              <label htmlFor={`${form.formId}-role-${role}`}>{t(`roles.${role}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {select("leadsUnitId", t("adm.user.leads"), person.leadsUnitId, t("adm.user.leadsNone"), t("adm.user.leadsHint"))}
      {password ? (
        password.allowed ? (
          <TextField form={form} name="password" type="password" label={t("adm.user.password")} hint={t("adm.user.passwordHint", { min: password.minLength })} optional autoComplete="new-password" />
        ) : (
          <p className="hint">{t("adm.user.passwordOff")}</p>
        )
      ) : null}
    </>
  );
}
