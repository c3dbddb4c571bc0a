import type http from "node:http";
import type { RequestHandler } from "express";
import { readSessionToken, sessionIdFromToken } from "../auth/sessions.ts";

// Limits that keep the portal up under bad and heavy input, in one place. docs/security.md says
// why each is what it is. Rate limits are per instance (in memory): with several instances
// behind a load balancer each allows this much; that is enough to stop one client from
// taking an instance down, which is what they are for.

const MiB = 1024 * 1024;

export const LIMITS = {
  /** Request bodies: forms and tRPC calls are small; case documents (10 MB, sent as base64) are not. */
  body: { default: 1 * MiB, upload: 15 * MiB },
  /** One co-editing or socket.io message (a Yjs update of one text). */
  socketMessageBytes: 2 * MiB,
  /** Changes (tRPC mutations, whether from a page's form or from the API). */
  mutations: {
    perSession: { burst: 60, perMinute: 120 },
    // A municipality's staff may share one address (NAT): generous, but far below a flood.
    perIp: { burst: 300, perMinute: 1200 },
  },
  /** New co-editing and socket.io connections, and how many one session may hold open. */
  connections: {
    // Every page opens two (live updates and co-editing); a reconnecting client retries later.
    perIp: { burst: 120, perMinute: 300 },
    perSession: { burst: 40, perMinute: 180 },
    openPerSession: 12,
  },
  /** Slow clients (slowloris): headers must arrive within 15 s, a whole request within 2 minutes. */
  timeouts: { headersMs: 15_000, requestMs: 120_000, keepAliveMs: 5_000 },
} as const;

/** Paths whose body may be an upload: the case document form and its procedure. */
export function bodyLimitFor(method: string, path: string): number {
  if (method === "POST" && (path === "/api/trpc/case.addDocument" || /^\/saker\/[0-9a-f-]{36}$/.test(path))) return LIMITS.body.upload;
  return LIMITS.body.default;
}

/**
 * Refuses a body that is too big before a byte of it is read (413), and a body without a
 * declared length (411): Node then stops reading at the declared length, so nothing can stream
 * more than the limit into a parser.
 */
export function bodyLimit(): RequestHandler {
  return (req, res, next) => {
    const length = req.headers["content-length"];
    const hasBody = length !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return next();
    if (length === undefined) return refuse(res, 411, "Forespørselen mangler lengde.");
    const limit = bodyLimitFor(req.method, req.path);
    if (!/^\d+$/.test(length) || Number(length) > limit) {
      res.setHeader("Connection", "close");
      return refuse(res, 413, `Innholdet er for stort (høyst ${Math.round(limit / MiB)} MB).`);
    }
    next();
  };
}

function refuse(res: Parameters<RequestHandler>[1], status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

/** Token buckets by key: `burst` at once, refilled at `perMinute`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: { burst: number; perMinute: number },
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token for `key`; false when there is none (the caller answers 429). */
  take(key: string, now = Date.now()): boolean {
    const refill = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * refill);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    // Forget the least recently seen keys rather than grow without end.
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return ok;
  }
}

/** Mutations per session and per IP; tRPC's middleware asks it before every change. */
export class MutationLimits {
  private readonly perSession = new RateLimiter(LIMITS.mutations.perSession);
  private readonly perIp = new RateLimiter(LIMITS.mutations.perIp);
  constructor(private readonly onLimited: () => void = () => {}) {}

  allow(ip: string | null, sessionId: string | null): boolean {
    const ipOk = this.perIp.take(ip ?? "unknown");
    const sessionOk = sessionId ? this.perSession.take(sessionId) : true;
    if (!ipOk || !sessionOk) this.onLimited();
    return ipOk && sessionOk;
  }
}

/** New connections per IP and session, and open ones per session, for both WebSocket servers. */
export class ConnectionLimits {
  private readonly perIp = new RateLimiter(LIMITS.connections.perIp);
  private readonly perSession = new RateLimiter(LIMITS.connections.perSession);
  private readonly open = new Map<string, number>();
  constructor(private readonly onLimited: () => void = () => {}) {}

  /** "ok" and the connection counts as open until `release`; otherwise why it is refused. */
  admit(ip: string, sessionKey: string | null): "ok" | "rate" | "open" {
    const answer = this.decide(ip, sessionKey);
    if (answer === "ok" && sessionKey) this.open.set(sessionKey, (this.open.get(sessionKey) ?? 0) + 1);
    if (answer !== "ok") this.onLimited();
    return answer;
  }

  private decide(ip: string, sessionKey: string | null): "ok" | "rate" | "open" {
    if (sessionKey && (this.open.get(sessionKey) ?? 0) >= LIMITS.connections.openPerSession) return "open";
    if (!this.perIp.take(ip) || (sessionKey && !this.perSession.take(sessionKey))) return "rate";
    return "ok";
  }

  release(sessionKey: string | null) {
    if (!sessionKey) return;
    const left = (this.open.get(sessionKey) ?? 1) - 1;
    if (left > 0) this.open.set(sessionKey, left);
    else this.open.delete(sessionKey);
  }
}

/** Which session a connection request belongs to, from its cookie (no database lookup). */
export function sessionKeyOf(req: Pick<http.IncomingMessage, "headers">): string | null {
  const token = readSessionToken(req.headers.cookie);
  return token ? sessionIdFromToken(token) : null;
}

/** The answer to a refused WebSocket upgrade, on the raw socket. */
export function refuseUpgrade(socket: { end(data: string): void }, status: 429 | 403) {
  const text = status === 429 ? "429 Too Many Requests" : "403 Forbidden";
  socket.end(`HTTP/1.1 ${text}\r\nConnection: close\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n`);
}

/** Sets the slow-client timeouts on the HTTP server. */
export function applyTimeouts(server: http.Server) {
  server.headersTimeout = LIMITS.timeouts.headersMs;
  server.requestTimeout = LIMITS.timeouts.requestMs;
  server.keepAliveTimeout = LIMITS.timeouts.keepAliveMs;
}
