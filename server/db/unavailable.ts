// Whether an error means the database cannot be reached now (down, restarting, connection cut,
// no connection to be had in time), as opposed to a fault in what was asked. Those become a
// 503 with a message in plain words, and the request can simply be tried again.

/** Prisma's codes for an unreachable or timed-out server, and for no pool connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** What @prisma/driver-adapter-utils calls a lost server. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** SQLSTATE: connection exceptions (class 08), shutdown and restart (57P01-57P03), too many connections. */
const SQLSTATES = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
const MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Can't reach database server/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [error];
  let fromDatabase = false;
  let socketCode = false;
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { name, code, kind, message, cause, meta } = e as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATES.test(code))) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    if (typeof name === "string" && /^(PrismaClient|DriverAdapterError)/.test(name)) fromDatabase = true;
    if (typeof code === "string" && SOCKET_CODES.has(code)) socketCode = true;
    queue.push(cause, meta?.driverAdapterError);
  }
  // A refused socket is the database's only when the database reported it (not e-mail, not an identity provider).
  return fromDatabase && socketCode;
}
