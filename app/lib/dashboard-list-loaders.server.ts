import { json, redirect, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { KE_ROLES } from "../domain/lists.ts";
import { AVERAGE_MONTH_MS } from "../domain/working-days.ts";
import { createI18n } from "../i18n/i18n.ts";
import { load } from "./call.server.ts";
import { filterFromSearch, listFromSearch, searchFromFilter, searchFromList } from "./dashboard-filter.ts";
import { allPages, fileColumns, fileRows, listBase, listPage } from "./dashboard-lists.server.ts";
import { csvStream, fileResponse, xlsxStream } from "./export.server.ts";

// Loaders of the list behind a figure, for the coordinating unit (/ke/liste, /ke/eksport) and the
// unit leader (/enhet/liste, /enhet/eksport): the same procedures, which decide who sees what.

/** Figures of plans that have gone quiet: the KE leader may ask the coordinator about each. */
const INACTIVE = ["inactive6Months", "inactive12Months"];

/** A unit leader's lists live under /enhet: the coordinating unit's pages are not theirs (the server keeps the rows to their unit either way). */
function sendUnitLeaderHome(context: AppLoadContext, request: Request) {
  const roles = context.user?.roles ?? [];
  if (listBase(request) !== "/ke" || !roles.includes("UNIT_LEADER") || roles.some((role) => (KE_ROLES as readonly string[]).includes(role))) return;
  const url = new URL(request.url);
  throw redirect(`${url.pathname.replace(/^\/ke/, "/enhet")}${url.search}`);
}

export async function listLoader({ context, request }: LoaderFunctionArgs) {
  sendUnitLeaderHome(context, request);
  const params = new URL(request.url).searchParams;
  const list = listFromSearch(params);
  if (!list) throw json({ message: "not found" }, { status: 404 });
  const filter = filterFromSearch(params);
  const result = await load(context, request, (caller) => listPage(caller, list, filter));
  const base = listBase(request);
  const { t } = createI18n(context.lang);
  const mayAsk = base === "/ke" && Boolean(context.user?.roles.includes("KE_LEADER")) && list.kind === "planer" && INACTIVE.includes(list.metric);
  // The question suggested for an inactive plan; the KE leader may change it before sending.
  const suggestions =
    result.kind === "planer" && mayAsk
      ? Object.fromEntries(
          result.page.rows.map((plan) => [
            plan.id,
            t("dashboard.inactiveQuestion", { months: Math.max(1, Math.floor((Date.now() - plan.lastActivityAt.getTime()) / AVERAGE_MONTH_MS)) }),
          ]),
        )
      : {};
  return json({
    base,
    list,
    result,
    suggestions,
    mayAsk,
    /** The selection without the list: back to the figures. */
    filterQuery: searchFromFilter(filter).toString(),
    /** This list from its first page, for sorting and for the files. */
    listQuery: searchFromList({ ...list, cursor: undefined }, filter).toString(),
  });
}

/** ?format=csv|xlsx: every row of the list, written as the pages are read. */
export async function exportLoader({ context, request }: LoaderFunctionArgs) {
  sendUnitLeaderHome(context, request);
  const params = new URL(request.url).searchParams;
  const list = listFromSearch(params);
  if (!list) throw json({ message: "not found" }, { status: 404 });
  const filter = filterFromSearch(params);
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const { t } = createI18n(context.lang);
  // The first page answers who may (a refusal is a 403 page); the rest follow as the file is written.
  const first = await load(context, request, (caller) => listPage(caller, { ...list, cursor: undefined }, filter, "file", 1000));
  const pages = (async function* () {
    for await (const page of allPages(context.caller, list, filter, first)) yield fileRows(page, t);
  })();
  const title = t(`dash.metric.${list.metric}`);
  const columns = fileColumns(list.kind, t);
  return fileResponse({ title }, format, format === "csv" ? csvStream(columns, pages) : xlsxStream(title, columns, pages));
}
