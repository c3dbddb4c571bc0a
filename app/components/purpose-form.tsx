import { Form } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";

/**
 * Coordinating-unit staff opening a plan they take no part in: why? The purpose is posted (never
 * set by a link someone could send them), holds for this session and plan for a working day, and
 * is recorded with every read it allows.
 */
export function PurposeForm({ planId, returnTo, invalid = false, purpose = "" }: { planId: string; returnTo: string; invalid?: boolean; purpose?: string }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("purpose.title")}</h1>
      <p>{t("purpose.intro")}</p>
      {invalid ? (
        <p id="purpose-error" role="alert" className="alert alert-error">
          {t("purpose.invalid")}
        </p>
      ) : null}
      <Form method="post" action={`/planer/${planId}/formal`} className="stack card">
        <input type="hidden" name="til" value={returnTo} />
        <div className="field">
          <label htmlFor="formal">{t("purpose.label")}</label>
          <p id="formal-hint" className="hint">
            {t("purpose.hint")}
          </p>
          <textarea
            id="formal"
            name="formal"
            rows={3}
            required
            minLength={3}
            maxLength={500}
            defaultValue={purpose}
            aria-describedby={invalid ? "formal-hint purpose-error" : "formal-hint"}
            aria-invalid={invalid || undefined}
          />
        </div>
        <button type="submit" className="button-primary">
          {t("purpose.submit")}
        </button>
      </Form>
    </div>
  );
}
