import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CaseForm } from "../../hooks/use-case-form.ts";

/**
 * A case form: a plain POST to the route's action, named by `intent`, with the version it was
 * based on for changes to a case. Its refusal, if any, is shown at its top (role="alert").
 */
export function CaseFormElement({
  form,
  intent,
  version,
  hidden = {},
  className,
  children,
  labelledBy,
}: {
  form: CaseForm;
  intent: string;
  version?: number;
  hidden?: Record<string, string>;
  className?: string;
  children: ReactNode;
  labelledBy?: string;
}) {
  return (
    <Form
      method="post"
      className={className ?? "stack"}
      aria-labelledby={labelledBy}
      onSubmit={(event) => {
        // One send at a time: a second press while the first is on its way does nothing.
        if (form.busy) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="_formId" value={form.formId} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <CaseFormMessage form={form} />
      {children}
    </Form>
  );
}

function CaseFormMessage({ form }: { form: CaseForm }) {
  const { t } = useTranslation();
  const { result } = form;
  if (!result) return null;
  return (
    <div role="alert" className={result.conflict ? "alert alert-warning" : "alert alert-error"}>
      <p className="alert-title">{result.message}</p>
      {result.fieldErrors ? <p>{t("form.fixFields")}</p> : null}
    </div>
  );
}

export function CaseSubmit({
  form,
  children,
  variant = "primary",
  busyText,
}: {
  form: CaseForm;
  children: ReactNode;
  variant?: "primary" | "secondary" | "danger";
  /** What to say while it is on its way ("Sender …"); "Lagrer …" if not given. */
  busyText?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className={`button-${variant}`} aria-disabled={form.busy || undefined}>
        {children}
      </button>
      <p role="status" className="saved-note">
        {form.busy ? (busyText ?? t("common.saving")) : ""}
      </p>
    </div>
  );
}

/**
 * A receipt after a save (the page was redirected back with "?lagret=…"): announced, and focused
 * so the person using a keyboard or screen reader continues from where the change shows.
 */
export function Receipt({ show, children }: { show: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, location.key]);
  return (
    <div role="status" ref={ref} tabIndex={-1} className="receipt">
      {show ? <p className="alert alert-success">{children}</p> : null}
    </div>
  );
}
