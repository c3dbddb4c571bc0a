import { redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError } from "@remix-run/node";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB, isOneOf, PLAN_DOCUMENT_VISIBILITIES } from "../domain/schemas.ts";
import { shorten } from "../domain/text.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt, redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { cleanFileName, DOCUMENT_ERRORS, type DocumentErrorCode } from "../lib/plan-documents.ts";

// The plan page's document forms: a real multipart upload and a delete. Both go through the
// procedures (planDocument.add / planDocument.delete), so through the same checks and audit,
// and answer with a redirect back to the plan's "Dokumenter", with or without JavaScript.

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/planer/${idParam(params.planId)}#dokumenter`);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  const back = (query: string) => redirect(`/planer/${planId}?${query}#dokumenter`);
  const failed = (code: DocumentErrorCode) => back(`dokumentfeil=${code}`);

  const form = await readForm(request);
  if (!form) return failed("size");
  const intent = form.get("intent");

  if (intent === "delete") {
    const documentId = form.get("documentId");
    if (typeof documentId !== "string") return failed("failed");
    const result = await attempt(context, (caller) => caller.planDocument.delete({ planId, documentId }));
    return result.ok ? back("dokument=slettet") : failed(codeOf(context.lang, result.error.message));
  }

  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return failed("nofile");
  if (file.size === 0) return failed("empty");
  if (file.size > MAX_DOCUMENT_BYTES) return failed("size");
  const visibility = form.get("visibility");
  const result = await attempt(context, async (caller) =>
    caller.planDocument.add({
      planId,
      name: shorten(cleanFileName(file.name), 200) || "dokument",
      visibility: isOneOf(PLAN_DOCUMENT_VISIBILITIES, visibility) ? visibility : "ALL_MEMBERS",
      contentBase64: Buffer.from(await file.arrayBuffer()).toString("base64"),
    }),
  );
  return result.ok ? back("dokument=lagret") : failed(codeOf(context.lang, result.error.message));
}

/** The form; a file is read part by part and refused as soon as it passes the limit (null). */
async function readForm(request: Request): Promise<FormData | null> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

/** Which of the known refusals a procedure's message is (it comes translated), or "failed". */
function codeOf(lang: Parameters<typeof createI18n>[0], message: string): DocumentErrorCode {
  const { t } = createI18n(lang);
  const found = (Object.entries(DOCUMENT_ERRORS) as [DocumentErrorCode, string][]).find(([, key]) => t(key, { mb: MAX_DOCUMENT_MB }) === message);
  return found?.[0] ?? "failed";
}
