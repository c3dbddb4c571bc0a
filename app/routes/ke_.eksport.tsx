import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { createI18n } from "../i18n/i18n.ts";
import { filterFromSearch, isCaseMetric, isPlanMetric } from "../lib/dashboard-filter.ts";
import { loadCaseList, loadPlanList } from "../lib/dashboard-lists.server.ts";
import { fileResponse, toCsv, toXlsx } from "../lib/export.server.ts";

// /ke/eksport?liste=planer|saker&tall=<figure>&format=csv|xlsx (+ the dashboard's selection):
// the same rows as the list on screen, as a file.
export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filter = filterFromSearch(params);
  const metric = params.get("tall");
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const { t } = createI18n(context.lang);
  const list =
    params.get("liste") === "planer" && isPlanMetric(metric)
      ? await loadPlanList(context, request, metric, filter, t, "file")
      : params.get("liste") === "saker" && isCaseMetric(metric)
        ? await loadCaseList(context, request, metric, filter, t, "file")
        : null;
  if (!list) throw json({ message: "not found" }, { status: 404 });
  return fileResponse(list.table, format, format === "csv" ? toCsv(list.table) : await toXlsx(list.table));
}
