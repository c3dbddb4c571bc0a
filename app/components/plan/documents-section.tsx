import { Form, useNavigation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { Lang } from "../../domain/lang.ts";
import { MAX_DOCUMENT_MB, type PlanDocumentVisibility } from "../../domain/lists.ts";
import { formatNumber } from "../../domain/numbers.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import { DOCUMENT_ERRORS, DOCUMENT_KIND_BY_MIME, DOCUMENT_NOTICES } from "../../lib/plan-documents.ts";
import { useLang } from "../../lib/use-lang.ts";
import { PlanSection } from "./in-place.tsx";

export interface PlanDocumentItem {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  visibility: PlanDocumentVisibility;
  createdAt: string | Date;
  uploadedBy: { id: string; name: string };
  canDelete: boolean;
}

export interface PlanDocuments {
  documents: PlanDocumentItem[];
  canUpload: boolean;
  canRestrict: boolean;
}

// What the upload field offers the browser; the server decides by the file's content.
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp";

/** The section with the documents the plan page's loader read (`documents`: what planDocument.list answers, part of plan.page). */
export function PlanDocumentsFromLoader({ planId }: { planId: string }) {
  const data = useRouteLoaderData<{ documents?: PlanDocuments | null }>("routes/planer.$planId");
  return <DocumentsSection planId={planId} documents={data?.documents ?? null} />;
}

/** "Dokumenter": the plan's documents with downloads, an upload form and deleting with a confirmation. */
export function DocumentsSection({ planId, documents }: { planId: string; documents: PlanDocuments | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const notice = params.get("dokument");
  const error = params.get("dokumentfeil");
  const noticeKey = notice && notice in DOCUMENT_NOTICES ? DOCUMENT_NOTICES[notice as keyof typeof DOCUMENT_NOTICES] : null;
  const errorKey = error ? (DOCUMENT_ERRORS[error as keyof typeof DOCUMENT_ERRORS] ?? DOCUMENT_ERRORS.failed) : null;
  if (!documents) return null;
  const action = `/planer/${planId}/dokumenter`;
  return (
    <PlanSection id="dokumenter" headingId="documents-heading" open={Boolean(noticeKey || errorKey)} title={
        <>
          {t("planDocs.heading")} <span className="section-note">({documents.documents.length})</span>
        </>
      }>
      <p className="hint">{t("planDocs.intro")}</p>
      {noticeKey ? (
        <p role="status" className="alert alert-success">
          {t(noticeKey)}
        </p>
      ) : null}
      {documents.documents.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t("planDocs.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planDocs.name")}</th>
              <th scope="col">{t("planDocs.type")}</th>
              <th scope="col">{t("planDocs.size")}</th>
              <th scope="col">{t("planDocs.uploaded")}</th>
              <th scope="col">{t("planDocs.visibility")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("planDocs.delete")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {documents.documents.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label={t("planDocs.name")}>
                  <a href={`/planer/${planId}/dokument/${d.id}`} download={d.name} aria-label={t("planDocs.download", { name: d.name })}>
                    {d.name}
                  </a>
                </th>
                <td data-label={t("planDocs.type")}>{kindOf(t, d.mimeType)}</td>
                <td data-label={t("planDocs.size")}>{formatSize(d.size, lang)}</td>
                <td data-label={t("planDocs.uploaded")}>{t("planDocs.uploadedBy", { name: d.uploadedBy.name, date: formatDate(d.createdAt, lang) })}</td>
                <td data-label={t("planDocs.visibility")}>{t(`planDocs.visibilityShort.${d.visibility}`)}</td>
                <td>{d.canDelete ? <DeleteDocument action={action} document={d} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t("planDocs.none")}</p>
      )}
      {documents.canUpload ? <UploadForm action={action} canRestrict={documents.canRestrict} errorKey={errorKey} /> : errorKey ? <ErrorMessage text={t(errorKey, { mb: MAX_DOCUMENT_MB })} /> : null}
    </PlanSection>
  );
}

function ErrorMessage({ text, id }: { text: string; id?: string }) {
  return (
    <p role="alert" id={id} className="alert alert-error">
      {text}
    </p>
  );
}

function UploadForm({ action, canRestrict, errorKey }: { action: string; canRestrict: boolean; errorKey: string | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === action;
  const describedBy = ["plan-document-hint", errorKey ? "plan-document-error" : null].filter(Boolean).join(" ");
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="stack" aria-labelledby="plan-document-upload-heading">
      <h3 id="plan-document-upload-heading">{t("planDocs.upload.heading")}</h3>
      <input type="hidden" name="intent" value="upload" />
      {errorKey ? <ErrorMessage id="plan-document-error" text={t(errorKey, { mb: MAX_DOCUMENT_MB })} /> : null}
      <div className="field">
        <label htmlFor="plan-document">{t("planDocs.upload.file")}</label>
        <p id="plan-document-hint" className="hint">
          {t("planDocs.upload.hint", { mb: MAX_DOCUMENT_MB })}
        </p>
        <input id="plan-document" name="file" type="file" required accept={ACCEPT} aria-describedby={describedBy} aria-invalid={errorKey ? true : undefined} />
      </div>
      {canRestrict ? (
        <fieldset className="fieldset radio-group">
          <legend>{t("planDocs.visibility")}</legend>
          {(["ALL_MEMBERS", "USER_AND_COORDINATOR"] as const).map((v) => (
            <div key={v} className="radio">
              <input id={`plan-document-visibility-${v}`} type="radio" name="visibility" value={v} defaultChecked={v === "ALL_MEMBERS"} />
              <label htmlFor={`plan-document-visibility-${v}`}>{t(`planDocs.visibilityOption.${v}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name="visibility" value="ALL_MEMBERS" />
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
          {t("planDocs.upload.submit")}
        </button>
      </div>
    </Form>
  );
}

/** Deleting asks first: a small disclosure with the question and the button that deletes (no JavaScript needed). */
function DeleteDocument({ action, document }: { action: string; document: PlanDocumentItem }) {
  const { t } = useTranslation();
  return (
    <details className="disclosure">
      <summary>
        {t("planDocs.delete")}
        <span className="visually-hidden">: {document.name}</span>
      </summary>
      <div className="disclosure-body">
        <Form method="post" action={action} className="stack">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="documentId" value={document.id} />
          <p>{t("planDocs.deleteQuestion", { name: document.name })}</p>
          <button type="submit" className="button-danger">
            {t("planDocs.deleteConfirm", { name: document.name })}
          </button>
        </Form>
      </div>
    </details>
  );
}

function kindOf(t: (key: string) => string, mimeType: string): string {
  return t(`planDocs.kind.${DOCUMENT_KIND_BY_MIME[mimeType] ?? "other"}`);
}

/** "12 kB", "1,4 MB". */
export function formatSize(bytes: number, lang: Lang): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang, 0)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

export interface PrintedDocument {
  id: string;
  name: string;
  createdAt: string | Date;
}

/** The print view's "Dokumenter": names and dates (left out by the page when there are none). */
export function PrintDocuments({ documents, number }: { documents: PrintedDocument[]; number: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="print-section" aria-labelledby="p-documents">
      <h2 id="p-documents">
        {number}. {t("planDocs.printHeading")}
      </h2>
      <ul className="log-list">
        {documents.map((d) => (
          <li key={d.id}>
            {d.name} <span className="hint">({formatDate(d.createdAt, lang)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
