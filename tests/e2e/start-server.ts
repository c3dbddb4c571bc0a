// Starts the portal for the end-to-end tests on a fresh embedded database every run:
// the directory is removed first, so Demo kommune is seeded anew and no earlier run's
// sessions or failed logins (rate limits) are left over.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverLogPath } from "./server-log.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// One directory per port, so two runs on different ports (E2E_PORT) do not remove each other's database.
const port = process.env.PORT ?? "3210";
const dataDir = path.join(ROOT, ".data", port === "3210" ? "e2e" : `e2e-${port}`);

rmSync(dataDir, { recursive: true, force: true });
// The server's JSON log, for the test that nothing secret or personal is in it (security.spec.ts).
const logFile = serverLogPath(port);
rmSync(logFile, { force: true });

// Never a real PostgreSQL or Redis from the surrounding shell: embedded PGlite only.
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
process.env.PGLITE_DIR = dataDir;
process.env.PORT = port;
process.env.SEED_DEMO = "true";
process.env.TRUST_PROXY = "false";
process.env.LOG_FILE = logFile;
process.env.LOG_LEVEL = "info";

await import("../../server/index.ts");
