import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

// A redis-server of the test's own, on a free port, that the test can stop and start again
// (the shared one on 6379 must not be touched: other tests use it).

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  /** Kills it at once (SIGKILL), as a crash or a network cut looks to its clients. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start() {
    const process = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    child = process;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
      process.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
      process.stdout!.on("data", (chunk) => {
        if (!String(chunk).includes("Ready to accept connections")) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGKILL");
      await exited;
      child = null;
    },
    start,
  };
}
