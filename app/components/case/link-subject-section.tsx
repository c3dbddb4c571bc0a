import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";

export interface SubjectLink {
  /** What was searched for ("?person="). */
  query: string;
  /** The accounts found, or null before a search. */
  people: { id: string; name: string; email: string | null }[] | null;
}

/** A case that came in by name is linked to the person's account before it can be granted. */
export function LinkSubjectSection({ subjectName, version, link }: { subjectName: string; version: number; link: SubjectLink }) {
  const { t } = useTranslation();
  const result = useActionData<{ linkError?: string }>();
  return (
    <section id="koble" aria-labelledby="link-heading" className="card section">
      <h2 id="link-heading">{t("caseLink.heading")}</h2>
      <p>{t("caseLink.intro", { name: subjectName })}</p>
      <Form method="get" className="stack" preventScrollReset>
        <div className="field">
          <label htmlFor="person-query">{t("caseLink.search")}</label>
          <div className="inline-fields">
            <input id="person-query" name="person" type="search" minLength={2} maxLength={100} defaultValue={link.query || subjectName} />
            <button type="submit" className="button-secondary-dark">
              {t("caseLink.searchSubmit")}
            </button>
          </div>
        </div>
      </Form>
      {result?.linkError ? (
        <p role="alert" className="alert alert-error">
          {result.linkError}
        </p>
      ) : null}
      {link.people?.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="version" value={version} />
          <fieldset className="fieldset">
            <legend>{t("caseLink.choose")}</legend>
            {link.people.map((p) => (
              <div key={p.id} className="checkbox-field">
                <input type="radio" id={`person-${p.id}`} name="userId" value={p.id} required />
                <label htmlFor={`person-${p.id}`}>
                  {p.name} ({p.email})
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button-primary">
            {t("caseLink.submit")}
          </button>
        </Form>
      ) : link.people ? (
        <p role="status">{t("caseLink.none")}</p>
      ) : null}
    </section>
  );
}
