import { isIPv6 } from "node:net";
import type http from "node:http";
import type { RequestHandler } from "express";
import { MAX_DOCUMENT_BYTES } from "../../app/domain/schemas.ts";
import { readSessionToken, sessionIdFromToken } from "../auth/sessions.ts";
import { translate } from "../i18n.ts";

// Limits that keep the portal up under bad and heavy input, in one place. docs/security.md says
// why each is what it is. Rate limits are per instance (in memory): with several instances
// behind a load balancer each allows this much; that is enough to stop one client from
// taking an instance down, which is what they are for.

const MiB = 1024 * 1024;

export const LIMITS = {
  /** Request bodies: forms and tRPC calls are small; a case document is not (sent as base64: 4/3). */
  body: { default: 1 * MiB, upload: Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 1 * MiB },
  /** One co-editing or socket.io message (a Yjs update of one text). */
  socketMessageBytes: 2 * MiB,
  /** Changes (tRPC mutations, whether from a page's form or from the API). */
  mutations: {
    perSession: { burst: 60, perMinute: 120 },
    // A municipality's staff may share one address (NAT): generous, but far below a flood.
    perIp: { burst: 300, perMinute: 1200 },
  },
  /**
   * New connections, and how many may be open, for each of the two socket servers (live updates
   * and co-editing; every page opens one of each). A refused client retries later by itself.
   */
  connections: {
    perIp: { burst: 120, perMinute: 300 },
    perSession: { burst: 40, perMinute: 180 },
    openPerSession: 12,
    // Also for connections without a session (they are refused right after, but hold a socket).
    openPerIp: 400,
  },
  /** Texts opened over co-editing sockets (each a lookup, an access check and a read row). */
  textOpens: { perSession: { burst: 150, perMinute: 600 } },
  /** Live rooms joined (a plan page joins one). */
  roomJoins: { perSession: { burst: 30, perMinute: 120 } },
  /** Slow clients (slowloris): headers must arrive within 15 s, a whole request within 2 minutes. */
  timeouts: { headersMs: 15_000, requestMs: 120_000, keepAliveMs: 5_000 },
} as const;

/** Paths whose body may be an upload: the case and plan document forms and their procedures. */
export function bodyLimitFor(method: string, path: string): number {
  if (method === "POST" && (path === "/api/trpc/case.addDocument" || /^\/saker\/[0-9a-f-]{36}$/.test(path))) return LIMITS.body.upload;
  if (method === "POST" && (path === "/api/trpc/planDocument.add" || /^\/planer\/[0-9a-f-]{36}\/dokumenter$/.test(path))) return LIMITS.body.upload;
  return LIMITS.body.default;
}

/**
 * Refuses a body that is too big before a byte of it is read (413), and a body without a
 * declared length (411): Node then stops reading at the declared length, so nothing can stream
 * more than the limit into a parser. The connection is closed after either answer, so the body
 * is not read afterwards either.
 */
export function bodyLimit(onLimited: () => void = () => {}): RequestHandler {
  return (req, res, next) => {
    const length = req.headers["content-length"];
    const hasBody = length !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return next();
    const limit = bodyLimitFor(req.method, req.path);
    if (length !== undefined && /^\d+$/.test(length) && Number(length) <= limit) return next();
    onLimited();
    res.setHeader("Connection", "close");
    if (length === undefined) return refuse(res, 411, translate("nb", "errors.lengthRequired"));
    refuse(res, 413, translate("nb", "errors.tooLarge", { mb: Math.floor(limit / MiB) }));
  };
}

function refuse(res: Parameters<RequestHandler>[1], status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

/**
 * The key an address is limited by: an IPv4 address, or an IPv6 address's /64 network (one
 * household or one server gets a whole /64 and could otherwise take a new address each time).
 */
export function ipKey(ip: string | null): string {
  if (!ip) return "unknown";
  const address = ip.startsWith("::ffff:") && !isIPv6(ip.slice(7)) ? ip.slice(7) : ip;
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
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
    const ipOk = this.perIp.take(ipKey(ip));
    const sessionOk = sessionId ? this.perSession.take(sessionId) : true;
    if (!ipOk || !sessionOk) this.onLimited();
    return ipOk && sessionOk;
  }
}

/**
 * New connections per IP and session, and open ones per session and IP, for one socket server
 * (each server has its own). `check` takes the rate tokens; `opened` and `released` count a
 * connection while it is open, so only live connections are ever in the map.
 */
export class ConnectionLimits {
  private readonly perIp = new RateLimiter(LIMITS.connections.perIp);
  private readonly perSession = new RateLimiter(LIMITS.connections.perSession);
  private readonly open = new Map<string, number>();
  constructor(private readonly onLimited: () => void = () => {}) {}

  /** "ok", or why a new connection is refused now. */
  check(ip: string, sessionKey: string | null): "ok" | "rate" | "open" {
    const answer = this.decide(ipKey(ip), sessionKey);
    if (answer !== "ok") this.onLimited();
    return answer;
  }

  opened(ip: string, sessionKey: string | null) {
    for (const key of this.keys(ip, sessionKey)) this.open.set(key, (this.open.get(key) ?? 0) + 1);
  }

  released(ip: string, sessionKey: string | null) {
    for (const key of this.keys(ip, sessionKey)) {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    }
  }

  /** check, and when it is "ok", opened. */
  admit(ip: string, sessionKey: string | null): "ok" | "rate" | "open" {
    const answer = this.check(ip, sessionKey);
    if (answer === "ok") this.opened(ip, sessionKey);
    return answer;
  }

  private keys(ip: string, sessionKey: string | null) {
    return [`ip:${ipKey(ip)}`, ...(sessionKey ? [`session:${sessionKey}`] : [])];
  }

  private decide(ip: string, sessionKey: string | null): "ok" | "rate" | "open" {
    if ((this.open.get(`ip:${ip}`) ?? 0) >= LIMITS.connections.openPerIp) return "open";
    if (sessionKey && (this.open.get(`session:${sessionKey}`) ?? 0) >= LIMITS.connections.openPerSession) return "open";
    if (!this.perIp.take(ip) || (sessionKey && !this.perSession.take(sessionKey))) return "rate";
    return "ok";
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
