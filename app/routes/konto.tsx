import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { NotificationSettings } from "../components/notification-settings.tsx";
import { isNoticeKind } from "../domain/notice-kinds.ts";
import { RecoveryCodes } from "../components/recovery-codes.tsx";
import { formatDate } from "../domain/oslo-time.ts";
import { attempt, load } from "../lib/call.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Min konto – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const [me, notifications, signIn] = await load(context, request, (caller) =>
    Promise.all([caller.auth.me(), caller.notification.settings(), caller.auth.signInSettings()]),
  );
  return json({ me, notifications, signIn });
}

type ActionData = { error: string | null; mismatch: boolean; recoveryCodes?: string[]; renewError?: string };

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "notification-settings") {
    const emailKinds = form.getAll("emailKinds").filter((k): k is string => typeof k === "string" && isNoticeKind(k));
    const result = await attempt(context, (caller) => caller.notification.updateSettings({ emailKinds, digest: form.get("digest") === "yes" }));
    if (!result.ok) return json<ActionData>({ error: result.error.message, mismatch: false }, { status: result.error.status });
    return redirect("/konto?varsler=lagret#notification-settings-heading");
  }
  if (form.get("intent") === "recovery-codes") {
    // Only with a current code from the app, as at sign-in.
    const result = await attempt(context, (caller) => caller.auth.recoveryCodesRenew({ code: String(form.get("code") ?? "") }));
    if (!result.ok) return json<ActionData>({ error: null, mismatch: false, renewError: result.error.message }, { status: result.error.status });
    // Shown once, in this answer.
    return json<ActionData>({ error: null, mismatch: false, recoveryCodes: result.data.recoveryCodes });
  }
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("confirmPassword") ?? "")) {
    return json<ActionData>({ error: null, mismatch: true }, { status: 400 });
  }
  const result = await attempt(context, (caller) =>
    caller.auth.changePassword({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword }),
  );
  if (!result.ok) return json<ActionData>({ error: result.error.message, mismatch: false }, { status: result.error.status });
  return redirect("/konto?passord=endret");
}

export default function Account() {
  const { t } = useTranslation();
  const { me, notifications, signIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const renewed = actionData?.recoveryCodes;
  const error = renewed ? null : actionData?.mismatch ? t("account.mismatch") : actionData?.error;
  return (
    <div className="page narrow">
      <h1>{t("account.title")}</h1>
      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading">{t("account.details")}</h2>
        <dl className="facts">
          <dt>{t("account.name")}</dt>
          <dd>{me.name}</dd>
          <dt>{t("account.email")}</dt>
          <dd>{me.email}</dd>
          <dt>{t("account.municipality")}</dt>
          <dd>{me.municipalityName}</dd>
          <dt>{t("account.roles")}</dt>
          <dd>{me.roles.map((role) => t(`roles.${role}`)).join(", ")}</dd>
        </dl>
      </section>
      <NotificationSettings settings={notifications} saved={params.get("varsler") === "lagret"} />
      <SecondFactorSection settings={signIn} renewed={renewed} renewError={actionData?.renewError} recoveryLeft={params.get("reservekoder")} />
      {!signIn.hasPassword ? (
        <section aria-labelledby="password-heading" className="card">
          <h2 id="password-heading">{t("account.changePassword")}</h2>
          <p>{t("auth.noPassword")}</p>
        </section>
      ) : (
        <section aria-labelledby="password-heading" className="card">
          <h2 id="password-heading">{t("account.changePassword")}</h2>
          {params.get("passord") === "endret" ? (
            <p role="status" className="alert alert-success">
              {t("account.changed")}
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="alert alert-error">
              {error}
            </p>
          ) : null}
          <Form method="post" className="stack">
            {/* Lets password managers file the new password under the right account. */}
            <input type="text" name="username" autoComplete="username" value={me.email ?? ""} readOnly hidden />
            <div className="field">
              <label htmlFor="currentPassword">{t("account.currentPassword")}</label>
              <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
            </div>
            <div className="field">
              <label htmlFor="newPassword">{t("account.newPassword")}</label>
              <input
                id="newPassword"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                minLength={8}
                required
                aria-describedby="newPassword-hint"
              />
              <p id="newPassword-hint" className="hint">
                {t("account.newPasswordHint")}
              </p>
            </div>
            <div className="field">
              <label htmlFor="confirmPassword">{t("account.confirmPassword")}</label>
              <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" minLength={8} required />
            </div>
            <button type="submit" className="button-primary">
              {t("account.save")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

type SignInSettings = SerializeFrom<typeof loader>["signIn"];

/** Whether the second factor is set up, and new recovery codes (shown once). */
function SecondFactorSection({
  settings,
  renewed,
  renewError,
  recoveryLeft,
}: {
  settings: SignInSettings;
  renewed?: string[];
  renewError?: string;
  recoveryLeft: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const status = !settings.hasPassword
    ? t("secondFactor.accountNoPassword")
    : !settings.passwordSignIn
      ? t("secondFactor.accountPasswordOff")
      : !settings.secondFactorRequired
        ? t("secondFactor.accountDemo")
        : settings.secondFactorSince
          ? t("secondFactor.accountOn", { date: formatDate(settings.secondFactorSince, lang), count: settings.recoveryCodesLeft })
          : t("secondFactor.accountPending");
  return (
    <section aria-labelledby="second-factor-heading" className="card stack">
      <h2 id="second-factor-heading">{t("secondFactor.accountTitle")}</h2>
      {recoveryLeft !== null && /^\d+$/.test(recoveryLeft) ? (
        <p role="status" className="alert alert-warning">
          {t("secondFactor.usedRecovery", { count: Number(recoveryLeft) })}
        </p>
      ) : null}
      <p>{status}</p>
      {renewed ? (
        <>
          <p role="status" className="alert alert-success">
            {t("secondFactor.renewed")}
          </p>
          <RecoveryCodes codes={renewed} headingLevel={3} />
        </>
      ) : settings.secondFactorSince ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="recovery-codes" />
          <p id="renew-hint" className="hint">
            {t("secondFactor.renewHint")}
          </p>
          {renewError ? (
            <p role="alert" id="renew-code-error" className="alert alert-error">
              {renewError}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="renew-code">{t("secondFactor.codeLabel")}</label>
            <input
              id="renew-code"
              name="code"
              type="text"
              className="totp-code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              aria-invalid={renewError ? true : undefined}
              aria-describedby={renewError ? "renew-code-hint renew-code-error" : "renew-code-hint"}
            />
            <p id="renew-code-hint" className="hint">
              {t("secondFactor.renewCodeHint")}
            </p>
          </div>
          <div>
            <button type="submit" className="button-secondary" aria-describedby="renew-hint">
              {t("secondFactor.renew")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
