import type { Database } from "../db/database.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser, ValidSession } from "../auth/sessions.ts";
import { noPendingSignInCookie, type PendingSignInCookie } from "../auth/pending-sign-in.ts";
import type { Lang } from "../../app/i18n/resources.ts";
import type { MutationLimits } from "../http/limits.ts";

export interface AuthState {
  session: ValidSession;
  user: SessionUser;
  /** The person's unread notices when the request came in, read with the session (decision 053). */
  unread: number;
}

/** How a procedure sets or clears the session cookie, whoever called it (HTTP or a Remix loader). */
export interface SessionCookieWriter {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  db: Database;
  auth: AuthState | null;
  meta: RequestMeta;
  lang: Lang;
  cookies: SessionCookieWriter;
  /** The cookie of a password sign-in waiting for its second factor. */
  pendingSignIn: PendingSignInCookie;
  /** Rate limits for changes made over HTTP; none for the server's own calls. */
  limits?: MutationLimits;
}

const noCookies: SessionCookieWriter = { set() {}, clear() {} };

/** The context without HTTP: tests and jobs build it directly and call procedures through createCaller. */
export function createContextInner(input: {
  db: Database;
  auth?: AuthState | null;
  meta?: Partial<RequestMeta>;
  lang?: Lang;
  cookies?: SessionCookieWriter;
  pendingSignIn?: PendingSignInCookie;
  limits?: MutationLimits;
}): Context {
  return {
    db: input.db,
    auth: input.auth ?? null,
    meta: { ip: input.meta?.ip ?? null, userAgent: input.meta?.userAgent ?? null, requestId: input.meta?.requestId ?? null, origin: input.meta?.origin },
    lang: input.lang ?? "nb",
    cookies: input.cookies ?? noCookies,
    pendingSignIn: input.pendingSignIn ?? noPendingSignInCookie,
    limits: input.limits,
  };
}
