import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { useTranslation } from "./i18n/use-translation.ts";
import { useSocketRevalidate } from "./hooks/use-socket-revalidate.ts";
import { clearAllDrafts } from "./lib/drafts.ts";
import { createI18n } from "./i18n/i18n.ts";
import { DEFAULT_LANG, LANGS, type Lang } from "./i18n/resources.ts";
import { menuFor } from "./lib/roles.ts";
import { DeferClosedContext, SCRIPTED_SCRIPT } from "./lib/scripted.ts";
import stylesUrl from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Individuell plan" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const { user, unread, lang, cspNonce, scripted } = context;
  return json({
    lang,
    cspNonce,
    scripted,
    user: user && { name: user.name, roles: user.roles, municipalityName: user.municipalityName, unread },
  });
}

type RootData = Awaited<ReturnType<typeof loader>> extends { json(): Promise<infer T> } ? T : never;

function useRootData() {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const lang: Lang = data?.lang ?? DEFAULT_LANG;
  const i18n = useMemo(() => createI18n(lang), [lang]);
  return (
    <html lang={lang === "nb" ? "nb" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <script nonce={data?.cspNonce} dangerouslySetInnerHTML={{ __html: SCRIPTED_SCRIPT }} />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <DeferClosedContext.Provider value={data?.scripted ?? false}>
            <Frame>{children}</Frame>
          </DeferClosedContext.Provider>
        </I18nextProvider>
        <ScrollRestoration nonce={data?.cspNonce} />
        <Scripts nonce={data?.cspNonce} />
      </body>
    </html>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            {t("app.name")}
            {user ? <span className="brand-municipality">{user.municipalityName}</span> : null}
          </Link>
          <div className="header-tools">
            <Form method="post" action="/sprak" className="lang-form">
              <input type="hidden" name="redirectTo" value={here} />
              {LANGS.filter((l) => l !== (data?.lang ?? DEFAULT_LANG)).map((l) => (
                <button key={l} type="submit" name="lang" value={l} className="link-button" lang={l}>
                  {t(`lang.${l}`)}
                </button>
              ))}
            </Form>
            {user ? <NotificationLink unread={user.unread} /> : null}
            {user ? (
              <Form method="post" action="/logout" onSubmit={clearAllDrafts}>
                <button type="submit" className="button-secondary">
                  {t("app.logout")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav aria-label={t("app.mainNav")} className="main-nav">
            <ul>
              {menuFor(user.roles).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.labelKey)}</NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/konto">{t("nav.account")}</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        {user ? <p>{t("app.signedInAs", { name: user.name })}</p> : null}
        <p>{t("app.footer", { municipality: user?.municipalityName ?? "" })}</p>
      </footer>
    </>
  );
}

/** "Varsler" with the number of unread ones; new ones arrive live and update it. */
function NotificationLink({ unread }: { unread: number }) {
  const { t } = useTranslation();
  // New notifications arrive live: the count follows.
  useSocketRevalidate("notification");
  return (
    <Link to="/varsler" className="notification-link">
      {t("notifications.link")}
      {unread ? (
        <span className="badge-count">
          {unread}
          <span className="visually-hidden"> {t("notifications.unread")}</span>
        </span>
      ) : null}
    </Link>
  );
}

export default function App() {
  return <Outlet />;
}

/** Friendly Norwegian (or English) words for every failure; never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : status === 503
          ? [t("errors.title"), t("errors.databaseUnavailable")]
          : [t("errors.title"), t("errors.internal")];
  return (
    <div className="page error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("errors.toFrontPage")}</Link>
      </p>
    </div>
  );
}
