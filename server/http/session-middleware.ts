import type { RequestHandler } from "express";
import type { Database } from "../db/database.ts";
import type { Lang } from "../../app/i18n/resources.ts";
import { LANG_COOKIE, parseLang } from "../../app/i18n/resources.ts";
import {
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  validateSessionToken,
} from "../auth/sessions.ts";
import type { AuthState, SessionCookieWriter } from "../trpc/context.ts";
import { readCookie } from "./cookies.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth: AuthState | null;
      lang: Lang;
    }
  }
}

/** Resolves the session once per request; tRPC, socket.io and Remix all read req.auth. */
export function sessionMiddleware(db: Database): RequestHandler {
  return async (req, res, next) => {
    try {
      req.lang = parseLang(readCookie(req.headers.cookie, LANG_COOKIE));
      req.auth = null;
      const token = readSessionToken(req.headers.cookie);
      if (!token) return next();
      const result = await validateSessionToken(db.prisma, token);
      const cookies = cookieWriter(req, res);
      if (!result) cookies.clear();
      else if (result.session.renewed) cookies.set(token, result.session.expiresAt);
      req.auth = result;
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function cookieWriter(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]): SessionCookieWriter {
  // Appended to the Express response: the Remix adapter appends its own headers after these.
  return {
    set: (token, expiresAt) => res.append("Set-Cookie", serializeSessionCookie(token, expiresAt, req.secure)),
    clear: () => res.append("Set-Cookie", serializeBlankSessionCookie(req.secure)),
  };
}
