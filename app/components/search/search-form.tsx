import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";

export type SearchProblem = "tooShort" | "tooLong" | null;

/** A search field as a GET form: the address holds the search, so back and reload keep it. */
export function SearchForm({ id, q, problem, label, hint, action }: { id: string; q: string; problem: SearchProblem; label: string; hint: string; action?: string }) {
  const { t } = useTranslation();
  const described = [problem ? `${id}-problem` : null, `${id}-hint`].filter(Boolean).join(" ");
  return (
    <Form method="get" action={action} role="search" className="search-form">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {problem ? (
          <p className="field-error" id={`${id}-problem`}>
            {t(`search.${problem}`)}
          </p>
        ) : null}
        <div className="search-row">
          <input id={id} type="search" name="q" defaultValue={q} maxLength={100} autoComplete="off" aria-describedby={described} aria-invalid={problem ? true : undefined} />
          <button type="submit">{t("search.button")}</button>
        </div>
      </div>
    </Form>
  );
}
