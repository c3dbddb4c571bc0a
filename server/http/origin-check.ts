import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence: a request that changes something must come from a page of this portal.
 * Browsers always send Origin on such requests; a missing or foreign Origin is refused.
 */
export function originCheck(options: { allowedOrigins: string[]; trustProxy: boolean }): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map((o) => o.trim()).filter(Boolean));
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isPortalOrigin(req, options, allowed)) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Forespørselen ble avvist fordi den ikke kom fra portalen.");
  };
}

/** Whether the request's Origin is this portal (its own host, or one of the allowed origins). */
export function isPortalOrigin(
  req: Pick<IncomingMessage, "headers">,
  options: { allowedOrigins: string[]; trustProxy: boolean },
  allowed = new Set(options.allowedOrigins.map((o) => o.trim()).filter(Boolean)),
): boolean {
  const origin = req.headers.origin;
  const forwardedHost = options.trustProxy ? req.headers["x-forwarded-host"] : undefined;
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? req.headers.host;
  return Boolean(origin && (allowed.has(origin) || hostOf(origin) === host));
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
