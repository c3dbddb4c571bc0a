import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { load } from "./call.server.ts";
import type { CaseMetric, DashboardFilter, PlanMetric } from "./dashboard-filter.ts";
import type { Table } from "./export.server.ts";

// The list behind a dashboard figure, once for the screen and the same rows for the export.

const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : null);

/** On the screen or as a file: the server records which. */
type ShownAs = "screen" | "file";

export async function loadPlanList(context: AppLoadContext, request: Request, metric: PlanMetric, filter: DashboardFilter, t: TFunction, as: ShownAs = "screen") {
  const rows = await load(context, request, (caller) => caller.dashboard.plans({ metric, filter: filter as never, as }));
  const table: Table = {
    title: t(`dash.metric.${metric}`),
    columns: [t("dash.list.owner"), t("dash.list.status"), t("dash.list.coordinator"), t("dash.list.lastActivity"), t("dash.list.nextReview")],
    rows: rows.map((r) => [r.ownerName, t(`plan.status.${r.status}`), r.coordinator?.name ?? null, day(r.lastActivityAt), day(r.nextReviewAt)]),
  };
  return { rows, table };
}

export async function loadCaseList(context: AppLoadContext, request: Request, metric: CaseMetric, filter: DashboardFilter, t: TFunction, as: ShownAs = "screen") {
  const rows = await load(context, request, (caller) => caller.dashboard.cases({ metric, filter: filter as never, as }));
  const table: Table = {
    title: t(`dash.metric.${metric}`),
    columns: [
      t("dash.list.reference"),
      t("dash.list.type"),
      t("dash.list.subject"),
      t("dash.list.received"),
      t("dash.list.interimDue"),
      t("dash.list.decisionDue"),
    ],
    rows: rows.map((r) => [r.reference, t(`case.type.${r.type}`), r.subjectName, day(r.receivedAt), day(r.interimReplyDue), day(r.decisionDue)]),
  };
  return { rows, table };
}
