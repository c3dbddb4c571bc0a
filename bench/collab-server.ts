// One server process for `npm run bench:collab`, started by bench/collab.ts:
//   portal   – the portal itself (createApp: its collaboration server with authentication and
//              persistence to PostgreSQL at BENCH_DATABASE_URL), no Remix build, no jobs;
//   baseline – a bare Hocuspocus 4 (no extensions, no hooks) on a plain HTTP server, wired
//              through the crossws node adapter the way docs/architecture.md describes.
// Both listen on 127.0.0.1 on a free port and report it to the parent over IPC.
import http from "node:http";
import { Hocuspocus } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";

const mode = process.argv[2];

function report(port: number) {
  process.send?.({ type: "listening", port });
}

async function startBaseline() {
  const hocuspocus = new Hocuspocus({ quiet: true });
  type HocuspocusPeer = { _hp?: ReturnType<typeof hocuspocus.handleConnection> };
  const adapter = crossws({
    hooks: {
      open(peer) {
        (peer as unknown as HocuspocusPeer)._hp = hocuspocus.handleConnection(peer.websocket as never, peer.request as Request);
      },
      message(peer, message) {
        (peer as unknown as HocuspocusPeer)._hp?.handleMessage(message.uint8Array());
      },
      close(peer, event) {
        (peer as unknown as HocuspocusPeer)._hp?.handleClose({ code: event.code, reason: event.reason } as CloseEvent);
      },
    },
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname === "/collab") adapter.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  report(typeof address === "object" && address ? address.port : 0);
  return async () => {
    hocuspocus.closeConnections();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

async function startPortal() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error("BENCH_DATABASE_URL is not set");
  const { connectPostgres } = await import("../server/db/database.ts");
  const { createApp } = await import("../server/app.ts");
  const { parseEnv } = await import("../server/env.ts");
  const db = connectPostgres(url);
  // Production mode, as measured; a throwaway key for identity numbers, which production requires.
  // Behind a proxy, as in production: each editor comes from its own address (X-Forwarded-For),
  // so a thousand editors are not one address's flood to the connection limits.
  const { randomBytes } = await import("node:crypto");
  const IDENTITY_KEY = process.env.IDENTITY_KEY ?? randomBytes(32).toString("base64");
  const env = parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, SEED_DEMO: "false", JOBS: "false", LOG_LEVEL: "error", IDENTITY_KEY, TRUST_PROXY: "true" });
  const portal = await createApp({ env, db });
  report(await portal.listen(0, "127.0.0.1"));
  return async () => {
    await portal.close().catch(() => {});
    await db.close().catch(() => {});
  };
}

const stop = await (mode === "portal" ? startPortal() : mode === "baseline" ? startBaseline() : Promise.reject(new Error(`unknown mode ${mode}`)));

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stop();
  process.exit(0);
}
process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") void shutdown();
});
process.on("disconnect", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
