import type { LoaderFunctionArgs } from "@remix-run/node";
import { createI18n } from "../i18n/i18n.ts";
import { accessLogCsv, accessLogPdf, exportPages } from "../lib/access-log-file.server.ts";
import { load } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";

// /planer/<id>/innsyn/fil?format=csv|pdf: the user's (or representative's) own copy of who has
// seen their plan, every row. Recorded as a download in the log itself.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const format = new URL(request.url).searchParams.get("format") === "pdf" ? "pdf" : "csv";
  // The first page answers who may (a refusal is a 403/404 page); the rest follow as the file streams.
  const first = await load(context, request, (caller) => caller.audit.exportForPlan({ planId }));
  const rows = async function* () {
    yield first.rows;
    if (first.nextCursor) yield* exportPages(context.caller, planId, first.nextCursor)();
  };
  const owner = first.owner;
  const { t } = createI18n(context.lang);
  const name = `hvem-har-sett-planen.${format}`;
  const headers = {
    "Content-Type": format === "pdf" ? "application/pdf" : "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}"`,
  };
  if (format === "csv") return new Response(accessLogCsv(rows, t, context.lang), { headers });
  return new Response(Buffer.from(await accessLogPdf(rows, owner, t, context.lang)), { headers });
}
