// The plan page's document messages carried in the address after a plain form post (the upload
// and delete forms post to their own route, which redirects back): a short code, never a text.

/** Each outcome's code in `?dokument=` / `?dokumentfeil=`, and the i18n key it shows. */
export const DOCUMENT_NOTICES = {
  lagret: "planDocs.saved",
  slettet: "planDocs.deleted",
} as const;

export const DOCUMENT_ERRORS = {
  type: "planDocs.wrongType",
  size: "planDocs.tooLarge",
  empty: "planDocs.empty",
  nofile: "planDocs.noFile",
  restricted: "planDocs.restrictedNotAllowed",
  delete: "planDocs.deleteNotAllowed",
  closed: "plan.closedReadOnly",
  failed: "planDocs.failed",
} as const;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;

/** The short name of each type a plan takes (planDocs.kind.<name>), by its stored MIME type. */
export const DOCUMENT_KIND_BY_MIME: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpeg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};

/** A browser's file name as the procedure takes it: no path separators or control characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f/\\]/g, "_").trim();
}
