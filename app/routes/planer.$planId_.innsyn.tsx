import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PurposeForm } from "../components/purpose-form.tsx";
import { formatDateTime } from "../lib/format.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { planIdFrom } from "../lib/plan-page.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Hvem har sett planen – Individuell plan" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = planIdFrom(params);
  const loaded = await loadWithPurpose(context, request, (caller, purpose) => caller.audit.forPlan({ planId, purpose }));
  if (!loaded.ok) return json({ kind: "purpose" as const, invalid: loaded.invalid, purpose: loaded.purpose });
  const purpose = new URL(request.url).searchParams.get("formal") ?? undefined;
  const url = new URL(request.url);
  const fromMyPlan = url.searchParams.get("fra") === "min-plan";
  // One's own visits are mostly noise here: left out unless asked for.
  const includeOwn = url.searchParams.get("egne") === "ja";
  const viewerId = context.user!.id;
  const rows = includeOwn ? loaded.data : loaded.data.filter((row) => row.actorId !== viewerId);
  const ownToggle = new URLSearchParams(url.searchParams);
  if (includeOwn) ownToggle.delete("egne");
  else ownToggle.set("egne", "ja");
  return json({ kind: "log" as const, planId, rows, viewerId, purpose, fromMyPlan, includeOwn, ownToggle: `?${ownToggle.toString()}` });
}

/** Audit actions as plain words; an unknown one is "did something in the plan". */
const KNOWN = new Set([
  "plan.view",
  "plan.update",
  "plan.update_about",
  "goal.create",
  "goal.update",
  "measure.create",
  "measure.update",
  "evaluation.create",
  "participant.add",
  "participant.update",
  "consent.grant",
  "consent.withdraw",
  "coordinator.assign",
  "coordinator.request_change",
  "comment.create",
  "log.create",
  "service.add",
  "service.remove",
  "audit.view",
  "plan.text.open",
  "plan.text.edit",
  "meeting.create",
  "meeting.update",
  "meeting.cancel",
  "meeting.view",
  "meeting.list",
  "meeting.respond",
  "meeting.ics",
  "meeting.agenda.add",
  "meeting.agenda.update",
  "meeting.agenda.remove",
  "meeting.agenda.reorder",
  "meeting.attendance",
  "meeting.guest.add",
  "meeting.guest.consent",
  "meeting.task.create",
  "meeting.task.complete",
  "minutes.approved",
  "minutes.correction",
]);

export default function AccessLogPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm invalid={data.invalid} purpose={data.purpose} />;
  const back = data.fromMyPlan ? "/min-plan" : `/planer/${data.planId}${data.purpose ? `?formal=${encodeURIComponent(data.purpose)}` : ""}`;
  return (
    <div className="page narrow plain">
      <p>
        <Link to={back}>{t("accessLog.back")}</Link>
      </p>
      <h1>{t("accessLog.title")}</h1>
      <p className="lead">{t("accessLog.intro")}</p>
      <p>
        {data.includeOwn ? t("accessLog.ownShown") : t("accessLog.ownHidden")} <Link to={data.ownToggle}>{data.includeOwn ? t("accessLog.hideOwn") : t("accessLog.showOwn")}</Link>
      </p>
      {data.rows.length ? (
        <table className="responsive-table">
          <caption>{t("accessLog.caption", { count: data.rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accessLog.when")}</th>
              <th scope="col">{t("accessLog.who")}</th>
              <th scope="col">{t("accessLog.what")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td data-label={t("accessLog.when")}>
                  <time dateTime={row.createdAt}>{formatDateTime(row.createdAt, lang)}</time>
                </td>
                <th scope="row" data-label={t("accessLog.who")}>
                  {row.actorId === data.viewerId ? t("accessLog.you") : row.actorName || t("common.unknownPerson")}
                  {row.actorRoles.length ? <span className="hint"> ({row.actorRoles.map((r) => t(`roles.${r}`)).join(", ")})</span> : null}
                </th>
                <td data-label={t("accessLog.what")}>
                  {KNOWN.has(row.action) ? t(`accessLog.action.${row.action.replaceAll(".", "_")}`) : t("accessLog.action.other")}
                  {row.purpose ? <span className="hint"> – {t("accessLog.purpose", { purpose: row.purpose })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{data.includeOwn ? t("accessLog.none") : t("accessLog.noneOthers")}</p>
      )}
    </div>
  );
}
