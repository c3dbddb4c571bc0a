import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { PageForm } from "../../hooks/use-page-form.ts";

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
  form: PageForm;
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

function CaseFormMessage({ form }: { form: PageForm }) {
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


