import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Coordinating-unit staff opening a plan they take no part in: why? The purpose is recorded
 * with the access (GET, so it works without JavaScript and the address can be reloaded).
 */
export function PurposeForm({ invalid, purpose }: { invalid: boolean; purpose: string }) {
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
      <Form method="get" className="stack card">
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
