import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { PageForm } from "../hooks/use-page-form.ts";

/** A page form's submit button, with "Lagrer …" (or `busyText`) announced while it is on its way. */
export function SubmitButton({
  form,
  children,
  variant = "primary",
  busyText,
}: {
  form: PageForm;
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
