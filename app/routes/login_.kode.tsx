import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { RecoveryCodes } from "../components/recovery-codes.tsx";
import { attempt } from "../lib/call.server.ts";
import { safeRedirect, startPathFor } from "../lib/roles.ts";

// The second step of a password sign-in outside the demo municipality (server/auth/second-factor.ts):
// set up a one-time code app (key as text, link and QR code), or give a code from it or a
// recovery code. The pending sign-in lives in an HttpOnly cookie for five minutes.

export const meta: MetaFunction = () => [{ title: "Engangskode – Individuell plan" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const pending = await context.caller.auth.secondFactorPending();
  if (!pending && context.user) throw redirect(startPathFor(context.user.roles));
  return json({ pending });
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  if (form.get("intent") === "confirm") {
    const result = await attempt(context, (caller) => caller.auth.secondFactorConfirm({ code }));
    if (!result.ok) return json({ error: result.error.message }, { status: result.error.status });
    // Signed in now (the cookie is on this response); the codes are shown once, here.
    return json({ recoveryCodes: result.data.recoveryCodes, next: safeRedirect(result.data.redirectTo, "/") });
  }
  const result = await attempt(context, (caller) => caller.auth.secondFactorVerify({ code }));
  if (!result.ok) return json({ error: result.error.message }, { status: result.error.status });
  if (result.data.byRecovery) return redirect(`/konto?reservekoder=${result.data.recoveryCodesLeft}#second-factor-heading`);
  return redirect(safeRedirect(result.data.redirectTo, "/"));
}

/** Once the recovery codes are shown, the page stays as it is (its loader would now send a signed-in person on). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "recoveryCodes" in actionResult ? false : defaultShouldRevalidate;

type ActionData = SerializeFrom<typeof action>;

export default function SecondFactorPage() {
  const { t } = useTranslation();
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  if (actionData && "recoveryCodes" in actionData) {
    return (
      <div className="page narrow">
        <RecoveryCodes codes={actionData.recoveryCodes} next={actionData.next} headingLevel={1} />
      </div>
    );
  }
  const error = actionData && "error" in actionData ? actionData.error : null;
  if (!pending) {
    return (
      <div className="page narrow">
        <h1>{t("secondFactor.expiredTitle")}</h1>
        <p>{t("secondFactor.expired")}</p>
        <p>
          <Link to="/login" className="button-primary">
            {t("secondFactor.startAgain")}
          </Link>
        </p>
      </div>
    );
  }
  if (pending.step === "code") {
    return (
      <div className="page narrow">
        <h1>{t("secondFactor.codeTitle")}</h1>
        <p>{t("secondFactor.codeIntro")}</p>
        <CodeForm intent="verify" error={error} hintKey="secondFactor.codeHint" submitKey="secondFactor.submit" />
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("secondFactor.setupTitle")}</h1>
      <p>{t("secondFactor.setupIntro")}</p>
      <section aria-labelledby="totp-step-1" className="card stack">
        <h2 id="totp-step-1">{t("secondFactor.setupStep1")}</h2>
        <p>{t("secondFactor.setupScan")}</p>
        {/* Made on the server from the key (uqr): an SVG of squares, no scripts, no requests. */}
        <div className="totp-qr" role="img" aria-label={t("secondFactor.qrLabel")} dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
        <p>{t("secondFactor.setupKey")}</p>
        <p>
          <code className="totp-key">{pending.key}</code>
        </p>
        <p>
          <a href={pending.uri}>{t("secondFactor.setupLink")}</a>
        </p>
      </section>
      <section aria-labelledby="totp-step-2" className="card stack">
        <h2 id="totp-step-2">{t("secondFactor.setupStep2")}</h2>
        <CodeForm intent="confirm" error={error} hintKey="secondFactor.setupCodeHint" submitKey="secondFactor.confirm" />
      </section>
    </div>
  );
}

function CodeForm({ intent, error, hintKey, submitKey }: { intent: "confirm" | "verify"; error: string | null; hintKey: string; submitKey: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const errorId = "code-error";
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      {error ? (
        <p id={errorId} role="alert" className="alert alert-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code">{t("secondFactor.codeLabel")}</label>
        <input
          id="code"
          name="code"
          type="text"
          className="totp-code"
          autoComplete="one-time-code"
          inputMode={intent === "confirm" ? "numeric" : "text"}
          autoCapitalize="off"
          spellCheck={false}
          maxLength={40}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `code-hint ${errorId}` : "code-hint"}
        />
        <p id="code-hint" className="hint">
          {t(hintKey)}
        </p>
      </div>
      <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
        {t(submitKey)}
      </button>
    </Form>
  );
}
