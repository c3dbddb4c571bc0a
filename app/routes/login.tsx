import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { attempt } from "../lib/call.server.ts";
import { safeRedirect, startPathFor } from "../lib/roles.ts";
import { signInRefusalOf } from "../domain/sign-in.ts";

export const meta: MetaFunction = () => [{ title: "Logg inn – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    return redirect(safeRedirect(redirectTo, startPathFor(context.user.roles)));
  }
  const providers = await context.caller.auth.providers();
  return json({ demo: process.env.NODE_ENV !== "production", providers });
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const result = await attempt(context, (caller) =>
    caller.auth.login({ email, password: String(form.get("password") ?? ""), redirectTo }),
  );
  if (!result.ok) return json({ error: result.error.message, email }, { status: result.error.status });
  // Outside the demo a second step follows; the pending sign-in's cookie (and where to go) is on this response.
  if (result.data.secondFactor) return redirect("/login/kode");
  // The new cookie is on this response; "/" picks the start page for the person's roles.
  return redirect(redirectTo);
}

export default function Login() {
  const { t } = useTranslation();
  const { providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errorId = "login-error";
  const refusal = signInRefusalOf(params.get("feil"));
  const redirectTo = params.get("redirectTo");
  const startUrl = (slug: string) => `/auth/oidc/${encodeURIComponent(slug)}/start${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  const residents = providers.filter((p) => p.kind === "RESIDENT");
  const staff = providers.filter((p) => p.kind === "STAFF");
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {refusal ? (
        <p role="alert" className="alert alert-error">
          {t(`oidc.refused.${refusal}`)}
        </p>
      ) : params.get("utlogget") ? (
        <p role="status" className="alert alert-info">
          {t("auth.loggedOut")}
        </p>
      ) : null}
      {providers.length ? (
        <ul className="sign-in-providers" aria-label={t("oidc.providersLabel")}>
          {residents.map((p) => (
            <li key={p.slug}>
              <a className="button-primary sign-in-provider" href={startUrl(p.slug)}>
                {t("oidc.withProvider", { name: p.name })}
              </a>
              {p.municipality ? <span className="hint">{p.municipality}</span> : null}
            </li>
          ))}
          {staff.map((p) => (
            <li key={p.slug}>
              <a className="button-secondary sign-in-provider" href={startUrl(p.slug)}>
                {t("oidc.asStaff")}
              </a>
              <span className="hint">{p.municipality ? `${p.name}, ${p.municipality}` : p.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {providers.length ? <h2 className="sign-in-password-heading">{t("oidc.withPassword")}</h2> : null}
      {actionData?.error ? (
        <p id={errorId} role="alert" className="alert alert-error">
          {actionData.error}
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={actionData?.error ? errorId : undefined}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email}
            aria-invalid={actionData?.error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="hint">{t("login.demoHint")}</p>
    </div>
  );
}
