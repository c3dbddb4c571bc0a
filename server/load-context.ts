import type { Lang } from "../app/i18n/resources.ts";
import type { SessionUser } from "./auth/sessions.ts";
import type { Caller } from "./router.ts";
import type { DescribedError } from "./trpc/errors.ts";

/** What every Remix loader and action receives as `context`. */
export interface LoadContext {
  /** tRPC procedures, called as the request's signed-in person (or anonymously). */
  caller: Caller;
  user: SessionUser | null;
  /** The signed-in person's unread notices, for the header (read with the session: decision 053). */
  unread: number;
  lang: Lang;
  cspNonce: string;
  /** The browser runs the portal's JavaScript (app/lib/scripted.ts). */
  scripted: boolean;
  /** Turns what a procedure threw into a status and a message in the person's language. */
  describeError(error: unknown): DescribedError;
  /** Logs an error the safe way (type and stack frames only, with the request id). */
  logError(error: unknown): void;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LoadContext {}
}
