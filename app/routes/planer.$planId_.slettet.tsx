import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { PlanFormElement, PlanIdContext, Submit } from "../components/form.tsx";
import { PurposeForm } from "../components/purpose-form.tsx";
import { RESTORE_DAYS } from "../domain/lists.ts";
import { formatDate, formatDateTime } from "../domain/oslo-time.ts";
import { usePlanForm } from "../hooks/use-plan-form.ts";
import { redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { planAction } from "../lib/plan-actions.server.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Slettet i planen – Individuell plan" }];

// What was deleted in the plan in the last RESTORE_DAYS days, who did it and why (plan.deleted,
// an audited read): the group sees it, the coordinator brings it back (docs/decisions/029).

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const loaded = await loadWithPurpose(context, request, (caller) => caller.plan.deleted({ planId }));
  if (!loaded.ok) return json({ kind: "purpose" as const, planId: loaded.planId, returnTo: loaded.returnTo });
  return json({ kind: "list" as const, planId, items: loaded.data });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  return planAction(context, request, idParam(params.planId), await request.formData());
}

export default function DeletedInPlan() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  return (
    <PlanIdContext.Provider value={data.planId}>
      <div className="page narrow">
        <p>
          <Link to={`/planer/${data.planId}`}>{t("reading.backToPlan")}</Link>
        </p>
        <h1>{t("reading.deletedTitle")}</h1>
        <p>{t("removal.intro")}</p>
        {data.items.length ? (
          <ul className="deleted-list">
            {data.items.map((item) => (
              <li key={`${item.kind}-${item.id}`} className="card">
                <p className="meta">{t(`removal.kind.${item.kind}`)}</p>
                <p className="deleted-label">{item.label}</p>
                <p className="meta">{t("removal.deletedBy", { date: formatDateTime(item.deletedAt, lang), name: item.deletedByName })}</p>
                {item.reason ? <p>{t("removal.reasonShown", { reason: item.reason })}</p> : null}
                {item.canRestore ? (
                  <>
                    <p className="hint">{t("removal.restorableUntil", { date: formatDate(item.restorableUntil, lang) })}</p>
                    <Restore kind={item.kind} id={item.id} label={item.label} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("reading.deletedNone", { days: RESTORE_DAYS })}</p>
        )}
      </div>
    </PlanIdContext.Provider>
  );
}

function Restore({ kind, id, label }: { kind: string; id: string; label: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`restore-${kind}-${id}`);
  return (
    <PlanFormElement form={form} intent="item-restore" hidden={{ kind, id }} className="inline-form">
      <Submit form={form} variant="secondary">
        {t("removal.restore")}
        <span className="visually-hidden">: {label}</span>
      </Submit>
    </PlanFormElement>
  );
}
