import { type LoaderFunctionArgs } from "@remix-run/node";
import { attachmentHeaders } from "../lib/download.server.ts";
import { load } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";

// Download of one document on a plan: through planDocument.get, so through the plan's access
// check, the document's visibility and a read row naming it. Always an attachment.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const documentId = idParam(params.documentId);
  const document = await load(context, request, (caller) => caller.planDocument.get({ planId, documentId }));
  const bytes = Buffer.from(document.contentBase64, "base64");
  return new Response(bytes, { headers: attachmentHeaders(document.name, document.mimeType, bytes.length) });
}
