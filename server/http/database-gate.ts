import type { Request, RequestHandler, Response } from "express";
import type { Database } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { isDatabaseUp } from "../health/health.ts";
import { LANG_COOKIE, parseLang } from "../../app/i18n/resources.ts";
import { translate } from "../i18n.ts";
import { readCookie } from "./cookies.ts";

// While the database is away every request gets the same clean answer at once: a 503 in plain
// Norwegian, with Retry-After, instead of each page failing in its own way (or waiting). The
// gate costs nothing while all is well: only after a request has met an unreachable database
// does it ask the database (at once, then at most once a second while it does not answer)
// before letting requests through.

const RECHECK_MS = 1_000;

/** The answer while the database is away: a 503 in the person's language, shaped as the API's errors on /api. */
export function sendUnavailable(req: Request, res: Response) {
  res.status(503).set("Retry-After", "5");
  const message = translate(parseLang(readCookie(req.headers.cookie, LANG_COOKIE)), "errors.databaseUnavailable");
  if (req.path.startsWith("/api/")) res.json({ error: { message, code: -32603, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } } });
  else res.type("text/plain; charset=utf-8").send(message);
}

export function databaseGate(db: Database) {
  let suspect = false;
  let lastCheck = 0;
  let checking: Promise<boolean> | null = null;

  async function up(): Promise<boolean> {
    if (!suspect) return true;
    if (Date.now() - lastCheck >= RECHECK_MS) {
      checking ??= isDatabaseUp(db).finally(() => {
        lastCheck = Date.now();
        checking = null;
      });
      suspect = !(await checking);
    }
    return !suspect;
  }

  const middleware: RequestHandler = (req, res, next) => {
    void up().then((ok) => (ok ? next() : sendUnavailable(req, res)));
  };

  return {
    middleware,
    /** Told of every failed request: an unreachable database closes the gate until it answers again. */
    saw(error: unknown) {
      if (!suspect && isDatabaseUnavailable(error)) {
        // The next request asks at once: one lost connection (a restart) must not close the gate for a second.
        suspect = true;
        lastCheck = 0;
      }
    },
  };
}
