import { type LoaderFunctionArgs } from "@remix-run/node";
import { load } from "../lib/call.server.ts";
import { attachmentHeaders } from "../lib/download.server.ts";
import { idParam } from "../lib/id-param.server.ts";

// Download of one case document: the same procedure (and audit row) as any read of the case.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const caseId = idParam(params.caseId);
  const documentId = idParam(params.documentId);
  const document = await load(context, request, (caller) => caller.case.document({ caseId, documentId }));
  const bytes = Buffer.from(document.contentBase64, "base64");
  return new Response(bytes, { headers: attachmentHeaders(document.name, document.mimeType, bytes.length) });
}
