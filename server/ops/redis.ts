import IORedis from "ioredis";
import { createClient } from "redis";
import { log } from "./log.ts";

// The one way the portal makes Redis clients. Redis carries only what crosses instances
// (socket.io rooms, co-edited documents, access re-checks); each instance serves its own people
// without it. So a client never ends the process: errors are logged once per outage, the client
// reconnects with backoff for as long as it takes, and its users ask `isUp` before they publish
// (a publish while Redis is away is dropped, not queued: what it carried is re-sent on return).

/** Milliseconds before reconnection attempt `attempt`: 100 ms doubling to 5 s, with jitter so instances do not retry in step. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 100);
}

type Watched = { on(event: "error", fn: (error: Error) => void): unknown; on(event: "ready", fn: () => void): unknown };

/**
 * Logs when a client loses Redis and when it has it back (not every failed retry), and calls
 * `onReturn` each time it is back after having been away.
 */
function watch(client: Watched, name: string, onReturn?: () => void) {
  let down = false;
  let started = false;
  client.on("error", (error) => {
    if (down) return;
    down = true;
    log.warn({ err: error, redis: name }, "redis unavailable");
  });
  client.on("ready", () => {
    const returned = started;
    started = true;
    if (down) log.info({ redis: name }, "redis back");
    down = false;
    if (returned) onReturn?.();
  });
}

function create(url: string) {
  return createClient({ url, socket: { reconnectStrategy: reconnectDelay } });
}
export type RedisClient = ReturnType<typeof create>;

/** A node-redis client that connects in the background and reconnects forever. */
export function redisClient(url: string, name: string, onReturn?: () => void): RedisClient {
  const client = create(url);
  watch(client as unknown as Watched, name, onReturn);
  // connect() settles only once connected; failures come as "error" events and are retried.
  void client.connect().catch(() => {});
  return client;
}

/**
 * An ioredis client (what the Hocuspocus Redis extension uses), with the same behaviour:
 * commands given while it is away wait for it (the extension's own subscriptions), never fail
 * the process.
 */
export function ioRedisClient(url: string, name: string, onReturn?: () => void): IORedis {
  const client = new IORedis(url, {
    retryStrategy: reconnectDelay,
    maxRetriesPerRequest: null,
  });
  watch(client, name, onReturn);
  return client;
}

/**
 * The publishing side for a library that publishes without awaiting (socket.io's adapter):
 * while Redis is away a publish is dropped instead of queued, and a failed one is not an
 * unhandled rejection.
 */
export function safePublisher(client: RedisClient): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "publish" || prop === "sPublish") {
        return (...args: unknown[]) => {
          if (!target.isReady) return Promise.resolve(0);
          return (target[prop] as (...a: unknown[]) => Promise<number>)(...args).catch(() => 0);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      // node-redis keeps its state in private fields: methods must run on the client itself.
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Closes a client: waits for what it is sending when connected, else at once (never waits for Redis to return). */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.isReady) await client.close().catch(() => client.destroy());
  else client.destroy();
}
