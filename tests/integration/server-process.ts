import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A portal server in its own process, on PostgreSQL or on the embedded database in a
// directory: for what one process cannot show (being killed mid-edit or mid-write, two
// instances sharing Redis).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRY = path.join(ROOT, "tests/integration/server-process-entry.ts");

export interface ServerProcess {
  port: number;
  origin: string;
  child: ChildProcess;
  /** Kills it at once (SIGKILL): nothing pending is flushed. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Everything it has written to stdout and stderr so far (its log). */
  output(): string;
}

/** Exactly one database: a PostgreSQL URL, or a PGlite directory (that no other process has open). */
export type ServerProcessEnv = ({ DATABASE_URL: string; PGLITE_DIR?: undefined } | { PGLITE_DIR: string; DATABASE_URL?: undefined }) & {
  PORT?: number;
  REDIS_URL?: string;
};

export function startServerProcess(env: ServerProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: env.DATABASE_URL ?? "",
      PGLITE_DIR: env.PGLITE_DIR ?? "",
      PORT: String(env.PORT ?? 0),
      REDIS_URL: env.REDIS_URL ?? "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  let output = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
    output += String(chunk);
  });
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${stderr}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}:\n${stderr}`)));
    child.stdout!.on("data", (chunk) => {
      const match = /listening (\d+)/.exec(String(chunk));
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        child,
        output: () => output,
        async kill() {
          child.kill("SIGKILL");
          await exited;
        },
        /** Asks it to shut down (storing what is pending); kills it if that takes over 10 s. */
        async stop() {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
