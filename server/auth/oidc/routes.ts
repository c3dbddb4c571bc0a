import express from "express";
import type { Database } from "../../db/database.ts";
import { readCookie } from "../../http/cookies.ts";
import { metaOf } from "../../http/meta.ts";
import { serializeSessionCookie } from "../sessions.ts";
import { finishSignIn, SignInRefused, startSignIn } from "./sign-in.ts";

// /auth/oidc/<provider>/start and /auth/oidc/<provider>/callback: plain redirects, so they are
// Express routes rather than pages. A refused sign-in goes back to /login with the reason's key.
const STATE_COOKIE = "ip_oidc_state";

function stateCookie(value: string, secure: boolean, maxAge: number): string {
  return [`${STATE_COOKIE}=${value}`, "HttpOnly", "SameSite=Lax", "Path=/auth/oidc", `Max-Age=${maxAge}`, ...(secure ? ["Secure"] : [])].join("; ");
}

/** The portal's own address as the browser sees it: PUBLIC_URL when set (behind a proxy), else the request's. */
export function publicOrigin(req: express.Request, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get("host")}`;
}

export function oidcRoutes(db: Database, { publicUrl }: { publicUrl?: string }): express.Router {
  const router = express.Router();
  const refused = (res: express.Response, error: unknown) => {
    const reason = error instanceof SignInRefused ? error.reason : "failed";
    res.redirect(303, `/login?feil=${reason}`);
  };

  router.get("/auth/oidc/:slug/start", async (req, res) => {
    try {
      const origin = publicOrigin(req, publicUrl);
      const { url, state } = await startSignIn(db.prisma, req.params.slug, {
        redirectUri: `${origin}/auth/oidc/${encodeURIComponent(req.params.slug)}/callback`,
        redirectTo: typeof req.query.redirectTo === "string" ? req.query.redirectTo : null,
      });
      res.append("Set-Cookie", stateCookie(state, req.secure, 600));
      res.redirect(303, url);
    } catch (error) {
      refused(res, error);
    }
  });

  router.get("/auth/oidc/:slug/callback", async (req, res) => {
    // The state cookie is spent whatever happens.
    res.append("Set-Cookie", stateCookie("", req.secure, 0));
    try {
      const origin = publicOrigin(req, publicUrl);
      const { token, expiresAt, redirectTo } = await finishSignIn(db.prisma, req.params.slug, {
        currentUrl: new URL(req.originalUrl, origin),
        stateCookie: readCookie(req.headers.cookie, STATE_COOKIE) ?? null,
        meta: metaOf(req, res),
      });
      res.append("Set-Cookie", serializeSessionCookie(token, expiresAt, req.secure));
      // "/" picks the start page for the person's roles.
      res.redirect(303, redirectTo ?? "/");
    } catch (error) {
      refused(res, error);
    }
  });
  return router;
}
