import type { IncomingMessage } from "node:http";

/**
 * The client's address. Behind a reverse proxy (TRUST_PROXY=true) it is the last address in
 * X-Forwarded-For, the one our proxy added, as Express's `trust proxy 1` reads it; earlier
 * entries are the client's own word and could be anything.
 */
export function clientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return req.socket.remoteAddress ?? "";
}
