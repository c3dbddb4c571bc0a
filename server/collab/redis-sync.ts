import { Redis } from "@hocuspocus/extension-redis";
import {
  OutgoingMessage,
  type afterLoadDocumentPayload,
  type afterStoreDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type onAwarenessUpdatePayload,
  type onChangePayload,
  type onStoreDocumentPayload,
} from "@hocuspocus/server";
import { ioRedisClient } from "../ops/redis.ts";

// Hocuspocus's Redis extension, made to live through Redis outages. While Redis is away each
// instance edits its documents alone (nothing is published or locked: the store merges, so two
// instances storing one text lose nothing, decision 009). When Redis is back, every open
// document is subscribed again and announces its state vector; Hocuspocus answers that with the
// missing updates and its own vector, so two instances that edited the same text apart converge.

/** How long opening or storing a document waits for Redis before it goes on without it. */
const REDIS_WAIT_MS = 2_000;

/** `work`, or nothing after REDIS_WAIT_MS; its rejection (another instance stores it: skip) still counts. */
async function within(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, REDIS_WAIT_MS)));
  try {
    await Promise.race([work, wait]);
  } finally {
    clearTimeout(timer);
  }
}

export class ResilientRedis extends Redis {
  private readonly prefix: string;

  constructor(url: string, prefix: string) {
    let n = 0;
    super({ createClient: () => ioRedisClient(url, `collab-${n++ === 0 ? "pub" : "sub"}`), prefix });
    this.prefix = prefix;
    for (const client of [this.pub, this.sub]) client.on("ready", () => void this.resync());
  }

  /** Both connections are up: publishing and locking can go through Redis. */
  get up(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload) {
    if (!this.up) return;
    // Redis may go away mid-load; the document opens anyway and is synced on return.
    await within(super.afterLoadDocument(payload).catch(() => {}));
  }

  // The lock only spares a second instance a redundant store; without Redis each stores its own
  // merge. A lock that Redis does not answer for in time (it went away mid-command) is not waited for.
  override async onStoreDocument(payload: onStoreDocumentPayload) {
    if (this.up) await within(super.onStoreDocument(payload));
  }

  override async afterStoreDocument(payload: afterStoreDocumentPayload) {
    await within(super.afterStoreDocument(payload));
  }

  override async onChange(payload: onChangePayload) {
    if (this.up) return super.onChange(payload);
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload) {
    if (this.up) return super.onAwarenessUpdate(payload);
  }

  override async beforeBroadcastStateless(payload: beforeBroadcastStatelessPayload) {
    return this.up ? super.beforeBroadcastStateless(payload) : 0;
  }

  override async onDestroy() {
    if (this.up) return super.onDestroy();
    // Nothing to release on a Redis that is not there; quitting would wait for it.
    this.pub.disconnect(false);
    this.sub.disconnect(false);
  }

  /** Subscribes every open document again and announces its state to the other instances. */
  private async resync() {
    if (!this.up || !this.instance) return;
    for (const [name, document] of this.instance.documents) {
      const channel = `${this.prefix}:${name}`;
      try {
        await this.sub.subscribe(channel);
        const step1 = new OutgoingMessage(name).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array();
        await this.pub.publish(channel, Buffer.concat([this.messagePrefix, Buffer.from(step1)]));
      } catch {
        // Gone again: the next return tries again.
        return;
      }
    }
  }
}
