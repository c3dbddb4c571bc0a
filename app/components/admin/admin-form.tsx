import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { PageForm } from "../../hooks/use-page-form.ts";
import { HintAndError } from "../form.tsx";

// The administration pages' forms: plain POSTs to the route's action (the same with and without
// JavaScript), named by `intent`. A success redirects back with a receipt; a refusal comes back
// as the route's action data for the form with this id, with what the person sent
// (app/hooks/use-page-form.ts).

export function AdminFormElement({
  form,
  intent,
  hidden = {},
  className,
  labelledBy,
  label,
  encType,
  children,
}: {
  form: PageForm;
  intent: string;
  hidden?: Record<string, string>;
  className?: string;
  labelledBy?: string;
  label?: string;
  encType?: "multipart/form-data";
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      encType={encType}
      className={className ?? "stack"}
      aria-labelledby={labelledBy}
      aria-label={label}
      onSubmit={(event) => {
        if (form.busy) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="_formId" value={form.formId} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.result ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{form.result.message}</p>
          {form.result.fieldErrors ? <p>{t("form.fixFields")}</p> : null}
        </div>
      ) : null}
      {children}
    </Form>
  );
}

/** A labelled field whose hint and error are tied to it. */
export function TextField({
  form,
  name,
  label,
  hint,
  defaultValue = "",
  type = "text",
  required,
  optional,
  autoComplete,
  inputMode,
  maxLength,
}: {
  form: PageForm;
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  type?: "text" | "email" | "tel" | "password" | "url";
  required?: boolean;
  /** Says "(valgfritt)" after the label. */
  optional?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const id = `${form.formId}-${name}`;
  const error = form.error(name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t("form.optional")}</span> : null}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : form.value(name, defaultValue)}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
    </div>
  );
}


const SECTIONS = [
  { to: "/admin", key: "overview" },
  { to: "/admin/brukere", key: "users" },
  { to: "/admin/enheter", key: "units" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/innstillinger", key: "settings" },
  { to: "/admin/maler", key: "templates" },
  { to: "/admin/kartlegging", key: "assessmentCodes" },
] as const;

/** A section's name: the administration's texts, or the area's own (assessmentCodes.nav). */
export const adminSectionLabel = (key: string) => (key === "assessmentCodes" ? "assessmentCodes.nav" : `adm.nav.${key}`);

/** The administration's sections, the current one marked. */
export function AdminNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("adm.nav.label")} className="admin-nav">
      <ul>
        {SECTIONS.map(({ to, key }) => {
          const current = pathname === to || (to !== "/admin" && pathname.startsWith(`${to}/`));
          return (
            <li key={to}>
              <Link to={to} aria-current={current ? "page" : undefined}>
                {t(adminSectionLabel(key))}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
