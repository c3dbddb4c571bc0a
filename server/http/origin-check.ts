import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginOptions {
  allowedOrigins: string[];
  trustProxy: boolean;
}

/**
 * CSRF defence: a request that changes something must come from a page of this portal.
 * Browsers always send Origin on such requests; a missing or foreign Origin is refused.
 */
export function originCheck(options: OriginOptions): RequestHandler {
  const allowed = allowedSet(options);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isPortalOrigin(req, options, allowed)) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Forespørselen ble avvist fordi den ikke kom fra portalen.");
  };
}

const allowedSet = (options: OriginOptions) => new Set(options.allowedOrigins.map((o) => o.trim()).filter(Boolean));
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value?.split(",")[0]?.trim());

/**
 * Whether the request's Origin is this portal: the same scheme and host the request came to (or one
 * of the allowed origins). Works on plain Node requests too (WebSocket upgrades, socket.io).
 */
export function isPortalOrigin(req: Pick<IncomingMessage, "headers" | "socket">, options: OriginOptions, allowed = allowedSet(options)): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (allowed.has(origin)) return true;
  const host = (options.trustProxy ? first(req.headers["x-forwarded-host"]) : undefined) ?? req.headers.host;
  const scheme = (options.trustProxy ? first(req.headers["x-forwarded-proto"]) : undefined) ?? ((req.socket as TLSSocket).encrypted ? "https" : "http");
  return origin === `${scheme}://${host}`;
}
