import type { LoaderFunctionArgs } from "@remix-run/node";
import { load } from "../lib/call.server.ts";

// /ke/registereksport?format=csv|json: the register's fields (issue 15), for the KE leader's
// download. The procedure decides who may (everyone else gets the 403 page) and records the read.
export async function loader({ context, request }: LoaderFunctionArgs) {
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
  const file = await load(context, request, (caller) => caller.assessment.registerExport({ format }));
  return new Response(file.content, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
