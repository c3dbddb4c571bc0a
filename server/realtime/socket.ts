import type http from "node:http";
import { RedisAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import type { RequestMeta } from "../audit/audit.ts";
import { isSessionActive, readSessionToken, validateSessionToken, type SessionUser } from "../auth/sessions.ts";
import type { Database } from "../db/database.ts";
import { events } from "../events.ts";
import { clientIp } from "../http/client-ip.ts";
import { LIMITS, sessionKeyOf, type ConnectionLimits } from "../http/limits.ts";
import { isPortalOrigin, type OriginOptions } from "../http/origin-check.ts";
import { closeRedis, recheckWhenRedisMissed, redisClient, safePublisher, type RedisClient } from "../ops/redis.ts";
import { attachPlanRooms, type PlanClientEvents, type PlanServerEvents } from "./plan-rooms.ts";

export interface SocketData {
  user: SessionUser;
  sessionId: string;
  meta: RequestMeta;
}

/**
 * socket.io on the portal's HTTP server. A connection is accepted only with a valid
 * session cookie; each socket joins rooms for its person, its session and its
 * municipality, so services' events can reach exactly the right people.
 */
export async function createSocketServer(httpServer: http.Server, db: Database, options: { redisUrl?: string; connections?: ConnectionLimits } & OriginOptions) {
  const io = new Server<PlanClientEvents, PlanServerEvents, Record<string, never>, SocketData>(httpServer, {
    path: "/socket.io",
    // Leave other paths' WebSocket upgrades (the collaboration server) alone.
    destroyUpgrade: false,
    serveClient: false,
    // A page of another site must not use the person's cookie here (browsers always send Origin).
    // New connections are limited per IP and session, and so are the ones a session holds open.
    allowRequest: (req, callback) => {
      if (req.headers.origin && !isPortalOrigin(req, options)) return callback("forbidden", false);
      const admitted = options.connections?.check(clientIp(req, options.trustProxy), sessionKeyOf(req)) ?? "ok";
      callback(admitted === "ok" ? null : "too many connections", admitted === "ok");
    },
    maxHttpBufferSize: LIMITS.socketMessageBytes,
  });
  // A connection counts as open from when it is made until it closes (a handshake that fails
  // after the check never counted).
  io.engine.on("connection", (raw: { request: http.IncomingMessage; once(event: "close", fn: () => void): void }) => {
    const ip = clientIp(raw.request, options.trustProxy);
    const key = sessionKeyOf(raw.request);
    options.connections?.opened(ip, key);
    raw.once("close", () => options.connections?.released(ip, key));
  });

  const redisClients: RedisClient[] = [];
  let stopRechecks = () => {};
  if (options.redisUrl) {
    const pub = redisClient(options.redisUrl, "socket-pub");
    const sub = redisClient(options.redisUrl, "socket-sub");
    redisClients.push(pub, sub);
    // Events sent while Redis was away reached only their own instance's sockets.
    stopRechecks = recheckWhenRedisMissed(redisClients, recheckAll);
    const publisher = safePublisher(pub);
    // While Redis is away this instance is alone: rooms, presence and broadcasts are its own.
    class LocalWhenAlone extends RedisAdapter {
      constructor(nsp: never) {
        // The adapter's types lag redis 5's generics; the clients are what it expects at runtime.
        super(nsp, publisher as never, sub as never);
      }
      override serverCount(): Promise<number> {
        return pub.isReady ? super.serverCount().catch(() => 1) : Promise.resolve(1);
      }
    }
    io.adapter(LocalWhenAlone as never);
  }

  io.use(async (socket, next) => {
    try {
      const token = readSessionToken(socket.request.headers.cookie);
      const result = token ? await validateSessionToken(db.prisma, token) : null;
      if (!result) return next(new Error("unauthorized"));
      socket.data.user = result.user;
      socket.data.sessionId = result.session.id;
      socket.data.meta = { ip: clientIp(socket.request, options.trustProxy), userAgent: socket.request.headers["user-agent"] ?? null, requestId: socket.id };
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    const { user, sessionId } = socket.data;
    void socket.join([`user:${user.id}`, `session:${sessionId}`, `municipality:${user.municipalityId}`]);
  });

  const planRooms = attachPlanRooms(io, db);

  /** Every socket of this instance: an ended session is disconnected, every plan it follows checked again. */
  async function recheckAll() {
    for (const socket of [...io.sockets.sockets.values()]) {
      if (!(await isSessionActive(db.prisma, socket.data.sessionId))) socket.disconnect(true);
      else await planRooms.recheckSocket(socket);
    }
  }

  // The coordinating unit's dashboard reloads its counters when anything in the municipality
  // changes. The ping carries no data: the dashboard fetches what its reader may see.
  const offDashboard = [
    events.on("changed", ({ municipalityId, planId, caseId }) => {
      if (planId || caseId) io.to(`municipality:${municipalityId}`).emit("dashboard:changed");
    }),
  ];

  const offNotifications = events.on("notification.created", ({ userId, notificationId, title, link }) => {
    io.to(`user:${userId}`).emit("notification", { id: notificationId, title, link });
  });

  const unsubscribe = events.on("auth.sessionsEnded", ({ userId, sessionIds }) => {
    const rooms = sessionIds === "all" ? [`user:${userId}`] : sessionIds.map((id) => `session:${id}`);
    io.in(rooms).disconnectSockets(true);
  });

  return {
    io,
    /** Whether the Redis clients (when configured) are connected. */
    redisReady: () => redisClients.every((client) => client.isReady),
    async close() {
      unsubscribe();
      offNotifications();
      offDashboard.forEach((off) => off());
      planRooms.detach();
      stopRechecks();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      }).catch(() => {});
      await Promise.all(redisClients.map(closeRedis));
    },
  };
}
