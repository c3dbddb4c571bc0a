import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import * as trpcExpress from "@trpc/server/adapters/express";
import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import helmet from "helmet";
import type { Database } from "./db/database.ts";
import type { Env } from "./env.ts";
import { healthHandler } from "./health/health.ts";
import { originCheck } from "./http/origin-check.ts";
import { cookieWriter, sessionMiddleware } from "./http/session-middleware.ts";
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
 * Composes the portal: security headers and compression, the Origin check, the session,
 * tRPC, socket.io and the Remix handler, in that order, on one HTTP server.
 */
export async function createApp({ env, db, build }: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "true") app.set("trust proxy", 1);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          connectSrc: ["'self'", "ws:", "wss:"],
          // Chromium's print-to-PDF and the language form post to ourselves only.
          formAction: ["'self'"],
          upgradeInsecureRequests: env.TRUST_PROXY === "true" ? [] : null,
        },
      },
      // Plans are private: never cache them in shared caches, never leak their URLs.
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());
  // Answers carry health data: no cache may keep them (loader data, tRPC reads). Static files
  // below set their own caching.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "private, no-store");
    next();
  });

  app.get("/healthz", healthHandler(db));

  app.use(originCheck({ allowedOrigins: env.ALLOWED_ORIGINS.split(","), trustProxy: env.TRUST_PROXY === "true" }));
  app.use(sessionMiddleware(db));

  app.use(
    "/api/trpc",
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext: ({ req, res }) =>
        createContextInner({
          db,
          auth: req.auth,
          lang: req.lang,
          meta: { ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
          cookies: cookieWriter(req, res),
        }),
    }),
  );

  if (build) {
    app.use("/build", express.static(path.join(ROOT, "public/build"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
    app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
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
              meta: { ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
              cookies: cookieWriter(req, res),
            }),
          ),
          user: req.auth?.user ?? null,
          lang: req.lang,
          cspNonce: res.locals.cspNonce as string,
          describeError: (error) => describeUnknownError(error, req.lang),
        }),
      }),
    );
  }

  // Last resort: a plain Norwegian message, never a stack trace.
  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    console.error(error);
    if (res.headersSent) return;
    res.status(500).type("text/plain; charset=utf-8").send("Noe gikk galt hos oss. Prøv igjen om litt.");
  };
  app.use(errorHandler);

  const server = http.createServer(app);
  const realtime = await createSocketServer(server, db, {
    redisUrl: env.REDIS_URL,
    allowedOrigins: env.ALLOWED_ORIGINS.split(","),
    trustProxy: env.TRUST_PROXY === "true",
  });
  const collab = await createCollabServer(db, {
    redisUrl: env.REDIS_URL,
    allowedOrigins: env.ALLOWED_ORIGINS.split(","),
    trustProxy: env.TRUST_PROXY === "true",
  });
  // socket.io takes its own path's upgrades; the collaboration server takes /collab; others end.
  server.on("upgrade", (req, socket, head) => {
    if (collab.handleUpgrade(req, socket, head)) return;
    if (!(req.url ?? "").startsWith("/socket.io")) socket.destroy();
  });

  return {
    app,
    server,
    io: realtime.io,
    collab,
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
    async close() {
      // io.close() also closes the HTTP server, which waits for open keep-alive connections:
      // end those first so shutdown does not hang for seconds.
      const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
      // Texts being written are stored before anything else shuts down.
      await collab.close();
      const realtimeClosed = realtime.close();
      server.closeAllConnections();
      await realtimeClosed;
      if (server.listening) server.close();
      await closed;
    },
  };
}
