import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav } from "../components/admin/admin-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm } from "../hooks/use-page-form.ts";
import { Receipt } from "../components/receipt.tsx";
import { UserFields } from "../components/admin/user-fields.tsx";
import { adminFormAction, nullable, rolesOf } from "../lib/admin-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import { idParam } from "../lib/id-param.server.ts";
import { useLang } from "../lib/use-lang.ts";
import { formatDateTime } from "../domain/oslo-time.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Bruker – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const userId = idParam(params.userId);
  return json(
    await load(context, request, async (caller) => {
      const [user, units] = await Promise.all([caller.user.byId({ userId }), caller.unit.list({ includeClosed: true })]);
      return {
        user,
        units: units.map((u) => ({ id: u.id, name: u.name, closedAt: u.closedAt })),
        isYou: user.id === context.user!.id,
      };
    }),
  );
}

type Handler = (form: FormData, userId: string) => Promise<Response>;

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const userId = idParam(params.userId);
  const form = await request.formData();
  const page = `/admin/brukere/${userId}`;
  const handlers: Record<string, Handler> = {
    update: (form, userId) =>
      adminFormAction(
        context,
        form,
        (caller) =>
          caller.user.update({
            userId,
            name: text(form, "name"),
            email: nullable(form, "email"),
            // Empty keeps the stored number (it is never shown in full to be edited).
            identityNumber: nullable(form, "identityNumber") ?? undefined,
            phone: nullable(form, "phone"),
            title: nullable(form, "title"),
            unitId: nullable(form, "unitId"),
            roles: rolesOf(form),
            leadsUnitId: nullable(form, "leadsUnitId"),
          }),
        { then: (result) => `${page}?lagret=${result.rolesChanged ? "roller" : "endret"}` },
      ),
    deactivate: (form, userId) =>
      adminFormAction(
        context,
        form,
        async (caller) => {
          // The confirmation step: the button on the page asks first (?bekreft=deaktiver).
          if (text(form, "confirm") !== "yes") throw redirect(`${page}?bekreft=deaktiver#deaktiver`);
          return caller.user.deactivate({ userId });
        },
        { then: () => `${page}?lagret=deaktivert` },
      ),
    reactivate: (form, userId) => adminFormAction(context, form, (caller) => caller.user.reactivate({ userId }), { then: () => `${page}?lagret=aktivert` }),
    resetSecondFactor: (form, userId) => adminFormAction(context, form, (caller) => caller.user.resetSecondFactor({ userId }), { then: () => `${page}?lagret=kode` }),
  };
  const handler = Object.hasOwn(handlers, text(form, "intent")) ? handlers[text(form, "intent")] : undefined;
  if (!handler) throw json({ message: "bad request" }, { status: 400 });
  return handler(form, userId);
}

const RECEIPTS: Record<string, string> = {
  opprettet: "adm.user.created",
  endret: "adm.user.saved",
  roller: "adm.user.savedRoles",
  deaktivert: "adm.user.deactivated",
  aktivert: "adm.user.reactivated",
  kode: "adm.user.secondFactorWasReset",
};

export default function EditUser() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, units, isYou } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("lagret");
  const confirming = params.get("bekreft") === "deaktiver";
  const edit = usePageForm("edit-user");
  const deactivate = usePageForm("deactivate-user");
  const reactivate = usePageForm("reactivate-user");
  const resetCode = usePageForm("reset-second-factor");
  const lastSignIn = formatDateTime(user.lastSignInAt, lang) || null;

  return (
    <div className="page">
      <AdminNav />
      <p>
        <Link to="/admin/brukere">{t("adm.user.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      <Receipt show={Boolean(saved && RECEIPTS[saved])}>{saved && RECEIPTS[saved] ? t(RECEIPTS[saved], { name: user.name }) : null}</Receipt>
      <dl className="facts card">
        <div className="facts-row">
          <dt>{t("adm.user.status")}</dt>
          <dd>{user.active ? t("adm.user.active") : <span className="badge badge-closed">{t("adm.user.inactive")}</span>}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.user.signIn")}</dt>
          <dd>{user.hasPassword ? t("adm.user.withPassword") : t("adm.user.withoutPassword")}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("adm.user.lastSignIn")}</dt>
          <dd>{lastSignIn ?? t("adm.user.never")}</dd>
        </div>
      </dl>
      {isYou ? <p className="alert alert-info">{t("adm.user.yourself")}</p> : null}

      <section aria-labelledby="edit-user-heading">
        <h2 id="edit-user-heading">{t("adm.user.editTitle", { name: user.name })}</h2>
        <AdminFormElement form={edit} intent="update" labelledBy="edit-user-heading" className="stack card">
          <UserFields form={edit} person={user} units={units} identityMasked={user.identityMasked} />
          <SubmitButton form={edit}>{t("adm.user.save")}</SubmitButton>
        </AdminFormElement>
      </section>

      {user.hasSecondFactor && !isYou ? (
        <section aria-labelledby="andre-faktor" className="card">
          <h2 id="andre-faktor">{t("adm.user.secondFactorTitle")}</h2>
          <p>{t("adm.user.secondFactorText", { name: user.name })}</p>
          <AdminFormElement form={resetCode} intent="resetSecondFactor">
            <SubmitButton form={resetCode} variant="secondary">
              {t("adm.user.secondFactorReset", { name: user.name })}
            </SubmitButton>
          </AdminFormElement>
        </section>
      ) : null}

      {isYou ? null : user.active ? (
        <section aria-labelledby="deaktiver" className="card danger-zone">
          <h2 id="deaktiver" tabIndex={-1}>
            {confirming ? t("adm.user.confirmTitle", { name: user.name }) : t("adm.user.deactivateTitle")}
          </h2>
          <p>{confirming ? t("adm.user.confirmText", { name: user.name }) : t("adm.user.deactivateText")}</p>
          <AdminFormElement form={deactivate} intent="deactivate" hidden={confirming ? { confirm: "yes" } : {}} className="form-actions">
            <button type="submit" className="button-danger">
              {confirming ? t("adm.user.confirm") : t("adm.user.deactivate", { name: user.name })}
            </button>
            {confirming ? <Link to={`/admin/brukere/${user.id}`}>{t("adm.user.cancel")}</Link> : null}
          </AdminFormElement>
        </section>
      ) : (
        <section aria-labelledby="aktiver" className="card">
          <h2 id="aktiver">{t("adm.user.reactivateTitle")}</h2>
          <p>{t("adm.user.reactivateText", { name: user.name })}</p>
          <AdminFormElement form={reactivate} intent="reactivate">
            <SubmitButton form={reactivate} variant="secondary">
              {t("adm.user.reactivate", { name: user.name })}
            </SubmitButton>
          </AdminFormElement>
        </section>
      )}
    </div>
  );
}
