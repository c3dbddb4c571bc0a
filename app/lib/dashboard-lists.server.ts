import type { TFunction } from "i18next";
import type { Caller } from "../../server/router.ts";
import type { DashboardFilter, ListKind, ListQuery } from "./dashboard-filter.ts";
import type { Cell } from "./export.server.ts";

// The list behind a dashboard figure: one page for the screen, or every page for a file. Both go
// through the same procedures (the server checks who asks and records each page read).

/** On the screen or as a file: the server records which. */
type ShownAs = "screen" | "file";

/** One page of the list asked for, by kind. */
export async function listPage(caller: Caller, list: ListQuery, filter: DashboardFilter, as: ShownAs = "screen", limit = 50) {
  const common = { filter: filter as never, as, direction: list.direction, cursor: list.cursor, limit };
  switch (list.kind) {
    case "planer":
      return { kind: "planer" as const, page: await caller.dashboard.plans({ ...common, metric: list.metric as never, sort: list.sort as never }) };
    case "saker":
      return { kind: "saker" as const, page: await caller.dashboard.cases({ ...common, metric: list.metric as never, sort: list.sort as never }) };
    case "moter":
      return { kind: "moter" as const, page: await caller.dashboard.meetings({ ...common, metric: list.metric as never, sort: list.sort as never }) };
    case "tiltak":
      return { kind: "tiltak" as const, page: await caller.dashboard.measures({ ...common, metric: list.metric as never, sort: list.sort as never }) };
  }
}

export type ListPage = Awaited<ReturnType<typeof listPage>>;

const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : null);

/** The columns of a list as a file, and each row's cells. */
export function fileColumns(kind: ListKind, t: TFunction): string[] {
  switch (kind) {
    case "planer":
      return [t("dash.list.owner"), t("dash.list.status"), t("dash.list.coordinator"), t("dash.list.lastActivity"), t("dash.list.nextReview"), t("dash.list.evaluationDue"), t("meetings.dash.lastMeeting"), t("meetings.dash.nextMeeting")];
    case "saker":
      return [t("dash.list.reference"), t("dash.list.type"), t("dash.list.subject"), t("dash.list.received"), t("dash.list.interimDue"), t("dash.list.decisionDue")];
    case "moter":
      return [t("meetings.dash.meetingTime"), t("dash.list.owner"), t("dash.list.coordinator"), t("meetings.dash.missing")];
    case "tiltak":
      return [t("dash.list.owner"), t("dash.list.responsible"), t("dash.list.evaluationDue"), t("dash.list.status")];
  }
}

export function fileRows(list: ListPage, t: TFunction): Cell[][] {
  switch (list.kind) {
    case "planer":
      return list.page.rows.map((r) => [
        r.ownerName,
        t(`plan.status.${r.status}`),
        r.coordinator?.name ?? null,
        day(r.lastActivityAt),
        day(r.nextReviewAt),
        day(r.openEvaluationDue),
        day(r.lastMeetingAt),
        day(r.nextMeetingAt),
      ]);
    case "saker":
      return list.page.rows.map((r) => [r.reference, t(`case.type.${r.type}`), r.subjectName, day(r.receivedAt), day(r.interimReplyDue), day(r.decisionDue)]);
    case "moter":
      return list.page.rows.map((r) => [
        r.startsAt.toISOString(),
        r.ownerName,
        r.coordinator?.name ?? null,
        r.attendanceRecordedAt ? t("meetings.dash.notApproved") : t("meetings.dash.noAttendance"),
      ]);
    case "tiltak":
      return list.page.rows.map((r) => [r.ownerName, r.responsibleUser?.name ?? null, day(r.evaluationDate), t(`measure.status.${r.status}`)]);
  }
}

/** Every page of a list, a thousand rows at a time, from the first page already read. */
export async function* allPages(caller: Caller, list: ListQuery, filter: DashboardFilter, first: ListPage): AsyncGenerator<ListPage> {
  let page = first;
  yield page;
  while (page.page.nextCursor) {
    page = await listPage(caller, { ...list, cursor: page.page.nextCursor }, filter, "file", 1000);
    yield page;
  }
}

/** The page the lists belong to: the coordinating unit's (/ke) or the unit leader's (/enhet). */
export const listBase = (request: Request) => (new URL(request.url).pathname.startsWith("/enhet") ? "/enhet" : "/ke");
