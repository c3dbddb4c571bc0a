import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { formatDateTime } from "../domain/oslo-time.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Varsler – Individuell plan" }];

// Newest first, a page at a time (?etter=<cursor>): nothing is lost, however old.
export async function loader({ context, request }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get("etter") ?? undefined;
  const page = await load(context, request, (caller) => caller.notification.mine({ cursor }));
  return json({ ...page, paged: Boolean(cursor) });
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  await context.caller.notification.markRead({});
  return redirect("/varsler");
}

export default function Notifications() {
  const { t } = useTranslation();
  const lang = useLang();
  const { items, unread, nextCursor, paged } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("notifications.title")}</h1>
      {unread ? (
        <Form method="post">
          <button type="submit" className="button-secondary-dark">
            {t("notifications.markAll")}
          </button>
        </Form>
      ) : null}
      {items.length ? (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "card" : "card notification-unread"}>
              <p className="notification-title">
                {n.readAt ? null : <span className="badge badge-draft">{t("notifications.new")}</span>} {n.title}
              </p>
              <p>{n.body}</p>
              <p className="hint">
                <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, lang)}</time>
                {n.link ? (
                  <>
                    {" · "}
                    <Link to={n.link}>{t("notifications.open")}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("notifications.none")}</p>
      )}
      {nextCursor || paged ? (
        <p className="button-row">
          {paged ? <Link to="/varsler">{t("accessLog.newest")}</Link> : null}
          {nextCursor ? <Link to={`/varsler?etter=${encodeURIComponent(nextCursor)}`}>{t("notifications.more")}</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
