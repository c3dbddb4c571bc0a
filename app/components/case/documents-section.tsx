import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Receipt } from "../receipt.tsx";

export interface CaseDocument {
  id: string;
  name: string;
  size: number;
  createdAt: string;
}

/** Letters and reports belonging to the case: list with downloads, and a plain upload form. */
export function DocumentsSection({ caseId, documents, saved }: { caseId: string; documents: CaseDocument[]; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const result = useActionData<{ documentError?: string }>();
  return (
    <section id="dokumenter" aria-labelledby="documents-heading" className="card section">
      <h2 id="documents-heading">{t("caseDocs.heading")}</h2>
      <Receipt show={saved}>{t("caseDocs.saved")}</Receipt>
      {documents.length ? (
        <ul className="log-list">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/saker/${caseId}/dokument/${d.id}`}>{d.name}</a>{" "}
              <span className="hint">
                ({Math.max(1, Math.round(d.size / 1024))} kB, {formatDate(d.createdAt, lang)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("caseDocs.none")}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="document" />
        {result?.documentError ? (
          <p role="alert" className="alert alert-error">
            {result.documentError}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="case-document">{t("caseDocs.file")}</label>
          <p id="case-document-hint" className="hint">
            {t("caseDocs.hint")}
          </p>
          <input id="case-document" name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.txt,.docx" aria-describedby="case-document-hint" />
        </div>
        <button type="submit" className="button-secondary-dark">
          {t("caseDocs.upload")}
        </button>
      </Form>
    </section>
  );
}
