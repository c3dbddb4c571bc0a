import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav, TextField } from "../components/admin/admin-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm } from "../hooks/use-page-form.ts";
import { Receipt } from "../components/receipt.tsx";
import { adminFormAction } from "../lib/admin-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import { idParam } from "../lib/id-param.server.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Enheter – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

const RESIDENT_ROLES = new Set(["USER", "RELATIVE"]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(
    await load(context, request, async (caller) => {
      const [units, users] = await Promise.all([caller.unit.list({ includeClosed: true }), caller.user.list()]);
      return {
        units,
        // Leaders are chosen among active staff (anyone with a role besides residents' roles).
        staff: users.filter((u) => u.active && u.roles.some((r) => !RESIDENT_ROLES.has(r))).map((u) => ({ id: u.id, name: u.name, title: u.title })),
      };
    }),
  );
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  const back = (unitId: string, receipt: string) => `/admin/enheter?lagret=${receipt}&enhet=${unitId}#enhet-${unitId}`;
  if (intent === "create") {
    return adminFormAction(context, form, (caller) => caller.unit.create({ name: text(form, "name") }), { then: (unit) => back(unit.id, "opprettet") });
  }
  const unitId = idParam(text(form, "unitId"));
  switch (intent) {
    case "rename":
      return adminFormAction(context, form, (caller) => caller.unit.update({ unitId, name: text(form, "name") }), { then: () => back(unitId, "endret") });
    case "close":
    case "reopen":
      return adminFormAction(context, form, (caller) => caller.unit.update({ unitId, closed: intent === "close" }), { then: () => back(unitId, "endret") });
    case "add-leader":
    case "remove-leader": {
      const userId = text(form, "userId");
      return adminFormAction(
        context,
        form,
        async (caller) => {
          const unit = (await caller.unit.list({ includeClosed: true })).find((u) => u.id === unitId);
          const current = unit?.leaders.map((l) => l.id) ?? [];
          const leaderIds = intent === "add-leader" ? [...current, idParam(userId)] : current.filter((id) => id !== userId);
          return caller.unit.update({ unitId, leaderIds });
        },
        { then: () => back(unitId, "endret"), fieldAliases: { leaderIds: "userId" } },
      );
    }
    default:
      throw json({ message: "bad request" }, { status: 400 });
  }
}

export default function AdminUnits() {
  const { t } = useTranslation();
  const { units, staff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const create = usePageForm("new-unit");
  const savedUnit = units.find((u) => u.id === params.get("enhet"));
  const receipt = savedUnit ? t(params.get("lagret") === "opprettet" ? "adm.units.created" : "adm.units.saved", { name: savedUnit.name }) : null;
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("adm.units.title")}</h1>
      <p>{t("adm.units.intro")}</p>
      <Receipt show={Boolean(receipt)}>{receipt}</Receipt>
      <section aria-labelledby="new-unit-heading" className="card">
        <h2 id="new-unit-heading">{t("adm.units.newTitle")}</h2>
        <AdminFormElement form={create} intent="create" labelledBy="new-unit-heading">
          <TextField form={create} name="name" label={t("adm.units.name")} required maxLength={200} autoComplete="off" />
          <SubmitButton form={create}>{t("adm.units.create")}</SubmitButton>
        </AdminFormElement>
      </section>
      {units.length === 0 ? <p>{t("adm.units.none")}</p> : null}
      {units.map((unit) => (
        <UnitCard key={unit.id} unit={unit} staff={staff} />
      ))}
    </div>
  );
}

function UnitCard({
  unit,
  staff,
}: {
  unit: { id: string; name: string; closedAt: string | null; _count: { members: number }; leaders: { id: string; name: string }[] };
  staff: { id: string; name: string; title: string | null }[];
}) {
  const { t } = useTranslation();
  const rename = usePageForm(`rename-${unit.id}`);
  const state = usePageForm(`state-${unit.id}`);
  const addLeader = usePageForm(`add-leader-${unit.id}`);
  const removeLeader = usePageForm(`remove-leader-${unit.id}`);
  const headingId = `enhet-${unit.id}`;
  const candidates = staff.filter((s) => !unit.leaders.some((l) => l.id === s.id));
  const closed = unit.closedAt !== null;
  return (
    <section aria-labelledby={headingId} className="card unit-card">
      <h2 id={headingId} tabIndex={-1}>
        {unit.name}
        {closed ? <span className="badge badge-closed">{t("adm.units.closed")}</span> : null}
      </h2>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("admin.members")}</dt>
          <dd>{t("adm.units.members", { count: unit._count.members })}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.units.leaders")}</dt>
          <dd>
            {unit.leaders.length ? (
              <AdminFormElement form={removeLeader} intent="remove-leader" hidden={{ unitId: unit.id }} className="stack">
                <ul className="leader-list">
                  {unit.leaders.map((leader) => (
                    <li key={leader.id}>
                      {leader.name}
                      <button type="submit" name="userId" value={leader.id} className="button-secondary button-small">
                        {t("adm.units.removeLeader", { name: leader.name })}
                      </button>
                    </li>
                  ))}
                </ul>
              </AdminFormElement>
            ) : (
              t("adm.units.noLeaders")
            )}
          </dd>
        </div>
      </dl>
      <details className="disclosure" open={rename.result || state.result || addLeader.result ? true : undefined}>
        <summary>{t("adm.units.change", { name: unit.name })}</summary>
        <div className="disclosure-body unit-actions">
        <AdminFormElement form={rename} intent="rename" hidden={{ unitId: unit.id }} label={t("adm.units.change", { name: unit.name })}>
          <div className="unit-inline">
            <TextField form={rename} name="name" label={t("adm.units.rename")} defaultValue={unit.name} required maxLength={200} autoComplete="off" />
            <button type="submit" className="button-secondary">
              {t("adm.units.renameButton")}
              <span className="visually-hidden">: {unit.name}</span>
            </button>
          </div>
        </AdminFormElement>
        {closed ? null : (
          <AdminFormElement form={addLeader} intent="add-leader" hidden={{ unitId: unit.id }} label={t("adm.units.addLeader")}>
            <div className="unit-inline">
              <div className="field">
                <label htmlFor={`leader-${unit.id}`}>{t("adm.units.addLeader")}</label>
                <p id={`leader-${unit.id}-hint`} className="hint">
                  {t("adm.units.leaderHint")}
                </p>
                <select id={`leader-${unit.id}`} name="userId" required defaultValue="" aria-describedby={`leader-${unit.id}-hint`}>
                  <option value="" disabled>
                    {t("adm.units.choosePerson")}
                  </option>
                  {candidates.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title ? `${s.name} (${s.title})` : s.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button-secondary">
                {t("adm.units.addLeaderButton")}
                <span className="visually-hidden">: {unit.name}</span>
              </button>
            </div>
          </AdminFormElement>
        )}
        <AdminFormElement form={state} intent={closed ? "reopen" : "close"} hidden={{ unitId: unit.id }} className="stack">
          {closed ? null : <p className="hint">{t("adm.units.closeHint")}</p>}
          <div>
            <button type="submit" className={closed ? "button-secondary" : "button-danger"}>
              {closed ? t("adm.units.reopen") : t("adm.units.close")}
              <span className="visually-hidden">: {unit.name}</span>
            </button>
          </div>
        </AdminFormElement>
        </div>
      </details>
    </section>
  );
}
