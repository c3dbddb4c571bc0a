import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attempt } from "../lib/call.server.ts";
import { safeRedirect, startPathFor } from "../lib/roles.ts";

export const meta: MetaFunction = () => [{ title: "Logg inn – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    return redirect(safeRedirect(redirectTo, startPathFor(context.user.roles)));
  }
  return json({ demo: process.env.NODE_ENV !== "production" });
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const result = await attempt(context, (caller) =>
    caller.auth.login({ email, password: String(form.get("password") ?? "") }),
  );
  if (!result.ok) return json({ error: result.error.message, email }, { status: result.error.status });
  // The new cookie is on this response; "/" picks the start page for the person's roles.
  return redirect(safeRedirect(form.get("redirectTo"), "/"));
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errorId = "login-error";
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
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
