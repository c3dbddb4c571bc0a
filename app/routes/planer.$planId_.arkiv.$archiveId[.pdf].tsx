import { type LoaderFunctionArgs } from "@remix-run/node";
import { load } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";

// /planer/<id>/arkiv/<archiveId>.pdf: the PDF/A of one archive copy, for the coordinator and the coordinating unit (with a purpose).
// Through plan.archivePdf: the plan's access check and a read row naming the copy. Always an attachment.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const archiveId = idParam(params.archiveId);
  const file = await load(context, request, (caller) => caller.plan.archivePdf({ planId, archiveId }));
  const bytes = Buffer.from(file.contentBase64, "base64");
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
