import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { formatDate } from "../domain/oslo-time.ts";
import { attempt, redirectToLogin } from "../lib/call.server.ts";
import { useLang } from "../lib/use-lang.ts";

// An invitation to a responsibility group (server/participants/invitations.ts). Signed out: to
// the sign-in and back. Signed in: what it is, and a button that accepts it (a POST, never a GET,
// so opening or prefetching the link changes nothing). The token is in this page's path; the
// request log writes it as /invitasjon/[skjult]. Nothing from the plan is shown here, and the
// person sees the plan only once the user has consented.

export const meta: MetaFunction = () => [{ title: "Invitasjon – Individuell plan" }, { name: "referrer", content: "no-referrer" }];

const tokenOf = (params: LoaderFunctionArgs["params"]) => (params.token ?? "").slice(0, 200);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const found = await attempt(context, (caller) => caller.participant.invitation({ token: tokenOf(params) }));
  return json(
    found.ok ? { invitation: found.data, problem: null, me: context.user.name } : { invitation: null, problem: found.error.message, me: context.user.name },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const result = await attempt(context, (caller) => caller.participant.acceptInvite({ token: tokenOf(params) }));
  return json(result.ok ? { accepted: true as const, error: null } : { accepted: false as const, error: result.error.message }, { status: result.ok ? 200 : result.error.status });
}

export default function InvitationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { invitation, problem, me } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const stateMessage = invitation && invitation.state !== "valid" ? t(`invitation.${invitation.state === "bound" ? "alreadyBound" : invitation.state}`) : null;
  return (
    <div className="page narrow plain">
      <h1>{t("invitation.title")}</h1>
      {answer?.accepted ? (
        <p role="status" className="alert alert-success">
          {t("invitation.accepted")}
        </p>
      ) : problem || stateMessage ? (
        <p role="alert" className="alert alert-error">
          {problem ?? stateMessage}
        </p>
      ) : invitation ? (
        <div className="card stack">
          <p className="lead">{t("invitation.intro", { municipality: invitation.municipalityName })}</p>
          {invitation.organisation ? <p>{t("invitation.organisation", { organisation: invitation.organisation })}</p> : null}
          <p>{t("invitation.explain", { name: me })}</p>
          <p className="hint">{t("invitation.expiresAt", { date: formatDate(invitation.expiresAt, lang) })}</p>
          {answer?.error ? (
            <p role="alert" className="alert alert-error">
              {answer.error}
            </p>
          ) : null}
          <Form method="post">
            <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
              {t("invitation.accept")}
            </button>
          </Form>
        </div>
      ) : null}
      <p>
        <Link to="/">{t("invitation.toStart")}</Link>
      </p>
    </div>
  );
}
