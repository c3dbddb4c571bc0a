import IORedis from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { log } from "./log.ts";

// The one way the portal makes Redis clients. Redis carries only what crosses instances
// (socket.io rooms, co-edited documents, access re-checks); each instance serves its own people
// without it. So a client never ends the process: errors are logged once per outage, the client
// reconnects with backoff for as long as it takes, and its users check that it is up before they
// publish (a publish while Redis is away is dropped, not queued: this instance has acted on it
// already, and the others check their connections again when Redis is back).

/** Milliseconds before reconnection attempt `attempt`: 100 ms doubling to 5 s, with jitter so instances do not retry in step. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 100);
}

type Watched = { on(event: "error", fn: (error: Error) => void): unknown; on(event: "ready", fn: () => void): unknown };

/** Logs when a client loses Redis and when it has it back (not every failed retry). */
function watch(client: Watched, name: string) {
  let down = false;
  client.on("error", (error) => {
    if (down) return;
    down = true;
    log.warn({ err: error, redis: name }, "redis unavailable");
  });
  client.on("ready", () => {
    if (down) log.info({ redis: name }, "redis back");
    down = false;
  });
}

function create(url: string) {
  // A ping every 10 s finds a Redis that vanished without closing the connection.
  return createClient({ url, socket: { reconnectStrategy: reconnectDelay }, pingInterval: 10_000 });
}
export type RedisClient = ReturnType<typeof create>;

/** A node-redis client that connects in the background and reconnects forever. */
export function redisClient(url: string, name: string): RedisClient {
  const client = create(url);
  watch(client as unknown as Watched, name);
  // connect() settles only once connected; failures come as "error" events and are retried.
  void client.connect().catch(() => {});
  return client;
}

/**
 * An ioredis client (what the Hocuspocus Redis extension uses): logged and reconnecting the same
 * way. Its commands wait while Redis is away instead of failing (the extension subscribes once,
 * at start); the extension itself sends nothing while Redis is away (collab/redis-sync.ts).
 */
export function ioRedisClient(url: string, name: string): IORedis {
  const client = new IORedis(url, {
    retryStrategy: reconnectDelay,
    maxRetriesPerRequest: null,
  });
  watch(client, name);
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

/** Closes a client: lets it finish what it is sending for up to 2 s when connected, else at once. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isReady) return client.destroy();
  const closed = await Promise.race([client.close().then(() => true, () => false), sleep(2_000).then(() => false)]);
  if (!closed) client.destroy();
}

/**
 * Keeps an instance's open connections honest when Redis could not carry the other instances'
 * announcements (a session ended, access withdrawn): `recheckAll` runs when Redis is back after
 * having been away (also when this instance started without it), and every minute while it is
 * away. When the database is away too, it is tried again in 5 s. Returns a stop function.
 */
export function recheckWhenRedisMissed(clients: RedisClient[], recheckAll: () => Promise<void>): () => void {
  let missed = false;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const up = () => clients.every((client) => client.isReady);
  const run = () => {
    if (stopped) return;
    recheckAll().catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) retry = setTimeout(run, 5_000);
      else log.error({ err: error }, "re-checking connections failed");
    });
  };
  for (const client of clients) {
    client.on("error", () => (missed = true));
    client.on("ready", () => {
      if (!missed || !up()) return;
      missed = false;
      run();
    });
  }
  const everyMinute = setInterval(() => !up() && run(), 60_000);
  everyMinute.unref();
  return () => {
    stopped = true;
    clearInterval(everyMinute);
    clearTimeout(retry);
  };
}
