import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import * as trpcExpress from "@trpc/server/adapters/express";
import { isScripted } from "../app/lib/scripted.ts";
import express, { type ErrorRequestHandler } from "express";
import helmet from "helmet";
import type { Database } from "./db/database.ts";
import type { Env } from "./env.ts";
import { livenessHandler, readinessHandler } from "./health/health.ts";
import { compressAnswers } from "./http/compression.ts";
import { clientIp } from "./http/client-ip.ts";
import { databaseGate, sendUnavailable } from "./http/database-gate.ts";
import { isDatabaseUnavailable } from "./db/unavailable.ts";
import { applyTimeouts, bodyLimit, bodyLimitFor, ConnectionLimits, MutationLimits, refuseUpgrade, sessionKeyOf } from "./http/limits.ts";
import { metaOf } from "./http/meta.ts";
import { originCheck } from "./http/origin-check.ts";
import { providerOrigins } from "./auth/oidc/providers.ts";
import { oidcRoutes, publicOrigin } from "./auth/oidc/routes.ts";
import { log, withRequestId } from "./ops/log.ts";
import { createMetrics } from "./ops/metrics.ts";
import { configureIdentityKey } from "./identity/protect.ts";
import { configureDocumentStoresFromEnv } from "./plans/document-store.ts";
import { cookieWriter, sessionMiddleware } from "./http/session-middleware.ts";
import { pendingSignInCookieOf } from "./auth/pending-sign-in.ts";
import "./load-context.ts";
import { createCollabServer } from "./collab/server.ts";
import { createSocketServer } from "./realtime/socket.ts";
import { appRouter, createCaller } from "./router.ts";
import { createContextInner } from "./trpc/context.ts";
import { describeUnknownError } from "./trpc/errors.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");


export interface AppOptions {
  env: Env;
  db: Database;
  /** The Remix server build; without it only the API, socket.io and health run (API tests). */
  build?: ServerBuild | (() => Promise<ServerBuild>);
}

/**
 * Composes the portal: a request id, log line and latency for every request, the body limit,
 * security headers and compression, health and metrics, the Origin check, the session, tRPC,
 * socket.io and the Remix handler, in that order, on one HTTP server.
 */
export async function createApp({ env, db, build }: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  const trustProxy = env.TRUST_PROXY === "true";
  if (trustProxy) app.set("trust proxy", 1);
  configureIdentityKey(env.IDENTITY_KEY, env.NODE_ENV === "production");
  configureDocumentStoresFromEnv(env);
  const metrics = createMetrics();
  const mutationLimits = new MutationLimits(() => metrics.limited("mutation"));
  const gate = databaseGate(db);
  // One set of connection limits per socket server: every page opens one socket of each.
  const socketLimits = new ConnectionLimits(() => metrics.limited("connection"));
  const collabLimits = new ConnectionLimits(() => metrics.limited("connection"));
  let draining = false;
  let inFlight = 0;

  // Every request gets an id: on its log lines, in X-Request-Id, and on the audit rows it writes.
  // A proxy's id is kept when the proxy is trusted and the id looks like one.
  app.use((req, res, next) => {
    const given = trustProxy ? req.get("x-request-id") : undefined;
    const requestId = given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.locals.publicOrigin = publicOrigin(req, env.PUBLIC_URL);
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    // Now, before routers mounted on a prefix (/api/trpc, /build) strip it from req.path.
    const path = req.path;
    inFlight++;
    res.once("close", () => {
      inFlight--;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(req.method, path, res.statusCode, seconds);
      // The path only: a query string can hold a search for a person's name.
      const line = { requestId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 1000) };
      if (path.startsWith("/build/") || path.startsWith("/healthz") || path === "/metrics") log.debug(line, "request");
      else log.info(line, "request");
    });
    withRequestId(requestId, next);
  });
  app.use(bodyLimit(() => metrics.limited("body")));
  // Liveness first: whatever else is slow or away (the database), the process answers.
  app.get("/healthz/live", livenessHandler());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    providerOrigins(db.prisma)
      .then((origins) => {
        res.locals.providerOrigins = origins;
        next();
      })
      .catch(next);
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          connectSrc: ["'self'", "ws:", "wss:"],
          // Forms post to ourselves only; signing out may then redirect to an identity provider's
          // sign-out, which form-action also governs.
          formAction: ["'self'", (_req, res) => ((res as express.Response).locals.providerOrigins as string[]).join(" ") || "'self'"],
          upgradeInsecureRequests: env.TRUST_PROXY === "true" ? [] : null,
        },
      },
      // Plans are private: never cache them in shared caches, never leak their URLs.
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compressAnswers());
  // Answers carry health data: no cache may keep them (pages, loader data, files, tRPC reads).
  // The one place this is said; static files below set their own caching.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "private, no-store");
    next();
  });

  // Readiness (server/health/health.ts); /healthz is readiness.
  const readiness = readinessHandler(db, {
    redis: env.REDIS_URL ? () => realtime.redisReady() && collab.redisReady() : undefined,
    draining: () => draining,
  });
  app.get(["/healthz", "/healthz/ready"], readiness);
  // Prometheus, for the operators only: with METRICS_TOKEN as a bearer token, else not there.
  app.get("/metrics", async (req, res) => {
    const token = env.METRICS_TOKEN;
    if (!token) return res.status(404).end();
    const given = Buffer.from(req.get("authorization")?.replace(/^Bearer /, "") ?? "");
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return res.status(401).end();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(originCheck({ allowedOrigins: env.ALLOWED_ORIGINS.split(","), trustProxy }));
  // Static files need neither the database nor a session.
  if (build) {
    // They carry no health data, so they may be kept: set here, since express.static leaves the
    // "private, no-store" above in place (and browsers fetched every script again on every page).
    const cacheFor = (value: string) => ({ setHeaders: (res: express.Response) => res.setHeader("Cache-Control", value) });
    app.use("/build", express.static(path.join(ROOT, "public/build"), cacheFor("public, max-age=31536000, immutable")));
    // public's own files (favicon.svg) are listed once: any other path goes on without a look at
    // the disk. A stat for every page was about 1 % of a page's time, and 3 % of a tRPC call's
    // (a procedure's name has a dot, as a file's does).
    const publicDir = path.join(ROOT, "public");
    const publicFiles = express.static(publicDir, cacheFor("public, max-age=3600"));
    const ownFiles = new Set(fs.readdirSync(publicDir, { withFileTypes: true }).flatMap((entry) => (entry.isFile() ? [`/${entry.name}`] : [])));
    app.use((req, res, next) => (ownFiles.has(req.path) ? publicFiles(req, res, next) : next()));
    app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  }
  app.use(gate.middleware);
  app.use(sessionMiddleware(db));
  // Sign-in through the municipality's identity providers (ID-porten, staff providers).
  app.use(oidcRoutes(db, { publicUrl: env.PUBLIC_URL }));

  app.use(
    "/api/trpc",
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      // bodyLimit() refused anything bigger already; this is the adapter's own stop.
      maxBodySize: bodyLimitFor("POST", "/api/trpc/case.addDocument"),
      // One call per request: the pages call procedures in-process, and a batch would let one
      // request carry hundreds of sign-in attempts or changes past the per-request limits.
      allowBatching: false,
      createContext: ({ req, res }) =>
        createContextInner({
          db,
          auth: req.auth,
          lang: req.lang,
          meta: metaOf(req, res),
          cookies: cookieWriter(req, res),
          pendingSignIn: pendingSignInCookieOf(req, res),
          limits: mutationLimits,
        }),
      onError: ({ error }) => {
        gate.saw(error);
        if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error }, "procedure failed");
      },
    }),
  );

  if (build) {
    app.all(
      "*",
      createRequestHandler({
        build,
        // Production mode unless explicitly developing: error details never reach the browser.
        mode: env.NODE_ENV === "development" ? "development" : "production",
        getLoadContext: (req, res): AppLoadContext => ({
          caller: createCaller(
            createContextInner({
              db,
              auth: req.auth,
              lang: req.lang,
              meta: metaOf(req, res),
              cookies: cookieWriter(req, res),
              pendingSignIn: pendingSignInCookieOf(req, res),
              limits: mutationLimits,
            }),
          ),
          user: req.auth?.user ?? null,
          unread: req.auth?.unread ?? 0,
          lang: req.lang,
          cspNonce: res.locals.cspNonce as string,
          scripted: isScripted(req.headers.cookie),
          describeError: (error) => describeUnknownError(error, req.lang),
          logError: (error) => {
            gate.saw(error);
            log.error({ err: error }, "page failed");
          },
        }),
      }),
    );
  }

  // Last resort: a plain Norwegian message, never a stack trace.
  const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    gate.saw(error);
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) log.warn({ err: error }, "database unavailable");
    else log.error({ err: error }, "request failed");
    if (res.headersSent) return;
    if (unavailable) sendUnavailable(req, res);
    else res.status(500).type("text/plain; charset=utf-8").send("Noe gikk galt hos oss. Prøv igjen om litt.");
  };
  app.use(errorHandler);

  const server = http.createServer(app);
  applyTimeouts(server);
  const realtime = await createSocketServer(server, db, {
    redisUrl: env.REDIS_URL,
    allowedOrigins: env.ALLOWED_ORIGINS.split(","),
    trustProxy,
    connections: socketLimits,
  });
  const collab = await createCollabServer(db, {
    redisUrl: env.REDIS_URL,
    allowedOrigins: env.ALLOWED_ORIGINS.split(","),
    trustProxy,
  });
  metrics.track({
    sockets: () => realtime.io.engine.clientsCount,
    collabConnections: () => collab.hocuspocus.getConnectionsCount(),
    collabDocuments: () => collab.hocuspocus.getDocumentsCount(),
    pool: () => db.poolStats?.() ?? null,
  });
  // socket.io takes its own path's upgrades (and limits them itself); the collaboration server
  // takes /collab, within the connection limits; others end.
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/collab" || path.startsWith("/collab/")) {
      const key = sessionKeyOf(req);
      const ip = clientIp(req, trustProxy);
      const admitted = draining ? "rate" : collabLimits.admit(ip, key);
      if (admitted !== "ok") return refuseUpgrade(socket, 429);
      socket.once("close", () => collabLimits.released(ip, key));
    }
    if (collab.handleUpgrade(req, socket, head)) return;
    if (!path.startsWith("/socket.io")) socket.destroy();
  });

  return {
    app,
    server,
    io: realtime.io,
    collab,
    metrics,
    /** Starts listening; resolves with the port actually bound (PORT=0 picks a free one). */
    listen(port: number, host?: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    /**
     * Graceful shutdown. Readiness turns 503 at once, while the server still answers for
     * `drainMs` (so a load balancer sees it and sends people elsewhere); then no new connection
     * is taken, texts being written are stored, requests under way may finish (up to `graceMs`),
     * and every connection ends (sockets whose other end is gone are not waited for).
     */
    async close({ drainMs = 0, graceMs = 10_000 }: { drainMs?: number; graceMs?: number } = {}) {
      draining = true;
      if (drainMs) await sleep(drainMs);
      const closed = server.listening ? new Promise<void>((resolve) => server.once("close", () => resolve())) : Promise.resolve();
      if (server.listening) server.close();
      server.closeIdleConnections();
      await collab.close();
      const until = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < until) await sleep(25);
      const realtimeClosed = realtime.close();
      server.closeAllConnections();
      await Promise.race([Promise.all([realtimeClosed, closed]), sleep(5_000, undefined, { ref: false })]);
    },
  };
}
