import type { Connection } from "@hocuspocus/server";
import { createDecoder, readVarString, readVarUint } from "lib0/decoding";

// What the server acknowledges is in the database (decision 032). A connection's updates are
// applied and passed on to the others at once, while their write-ahead inserts are in flight;
// only the acknowledgement to the sender (Hocuspocus's SyncStatus message, which ends "Lagrer …"
// in the browser) waits until every insert that connection started before it has committed.
// An insert that fails holds that connection's acknowledgements for good: the connection is
// closed, and the browser keeps its changes and sends them again.

const SYNC_STATUS = 8; // MessageType.SyncStatus in @hocuspocus/server

function isAcknowledgement(message: Uint8Array): boolean {
  try {
    const decoder = createDecoder(message);
    readVarString(decoder); // document address
    return readVarUint(decoder) === SYNC_STATUS;
  } catch {
    return false;
  }
}

export interface AckGate {
  /** An insert this connection depends on: acknowledgements sent after this wait for it. */
  hold(insert: Promise<unknown>): void;
}

const gates = new WeakMap<Connection, AckGate>();

/** The connection's gate, put between Hocuspocus and its socket the first time it is asked for. */
export function ackGateOf(connection: Connection): AckGate {
  let gate = gates.get(connection);
  if (gate) return gate;
  const send = connection.send.bind(connection);
  // Every insert held so far; rejected for good once one fails.
  let durable: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let broken = false;
  connection.send = (message: Uint8Array) => {
    if (!isAcknowledgement(message)) return send(message);
    if (broken) return;
    if (!pending) return send(message);
    durable.then(
      () => send(message),
      () => {},
    );
  };
  gate = {
    hold(insert) {
      pending++;
      const settled = insert.then(
        () => pending--,
        (error: unknown) => {
          broken = true;
          throw error;
        },
      );
      durable = Promise.all([durable, settled]);
      durable.catch(() => {}); // the failure itself is handled where the insert was started
    },
  };
  gates.set(connection, gate);
  return gate;
}
