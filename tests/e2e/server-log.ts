import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the e2e server (start-server.ts) writes its JSON log, by port. */
export function serverLogPath(port = process.env.E2E_PORT ?? "3210"): string {
  return path.join(ROOT, ".data", `e2e-${port}.log`);
}
