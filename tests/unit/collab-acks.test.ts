import { OutgoingMessage, type Connection } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import { ackGateOf } from "../../server/collab/acks.ts";

// The acknowledgement gate on its own (the whole path, with the database and a crash, is in
// tests/integration/collab.test.ts, faults-postgres.test.ts and faults-instance.test.ts).

const ack = () => new OutgoingMessage("goal:1:description").writeSyncStatus(true).toUint8Array();
const other = () => new OutgoingMessage("goal:1:description").createSyncMessage().toUint8Array();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Just the part of a Hocuspocus connection the gate uses: what it sends. */
function connection() {
  const sent: string[] = [];
  const conn = { send: (message: Uint8Array) => sent.push(message[message.length - 2] === 8 ? "ack" : "other") };
  return { conn: conn as unknown as Connection, sent };
}

describe("acknowledging only what is written down", () => {
  it("holds an acknowledgement until every insert started before it has committed, and lets everything else through", async () => {
    const { conn, sent } = connection();
    const gate = ackGateOf(conn);
    const first = deferred();
    const second = deferred();
    gate.hold(first.promise);
    conn.send(ack());
    gate.hold(second.promise);
    conn.send(ack());
    conn.send(other());
    await tick();
    expect(sent).toEqual(["other"]);
    second.resolve();
    await tick();
    expect(sent).toEqual(["other"]);
    first.resolve();
    await tick();
    expect(sent).toEqual(["other", "ack", "ack"]);
    // Nothing in flight: at once.
    conn.send(ack());
    expect(sent).toEqual(["other", "ack", "ack", "ack"]);
  });

  it("never acknowledges again once an insert has failed", async () => {
    const { conn, sent } = connection();
    const gate = ackGateOf(conn);
    const failing = deferred();
    gate.hold(failing.promise);
    conn.send(ack());
    failing.reject(new Error("connection terminated"));
    await tick();
    conn.send(ack());
    gate.hold(Promise.resolve());
    conn.send(ack());
    conn.send(other());
    await tick();
    expect(sent).toEqual(["other"]);
  });

  it("is one gate per connection", () => {
    const { conn } = connection();
    expect(ackGateOf(conn)).toBe(ackGateOf(conn));
  });
});
