import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Duplex } from "node:stream";
import { Forbidden, SkipFurtherHooksError } from "@hocuspocus/common";
import { Hocuspocus, type Connection, type Document, type Extension } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";
import { readVarString, readVarUint, readVarUint8Array, createDecoder } from "lib0/decoding";
import * as Y from "yjs";
import { isSessionActive, readSessionToken, validateSessionToken, type SessionUser } from "../auth/sessions.ts";
import type { PlanRole } from "../../app/domain/schemas.ts";
import { caretColour, DATABASE_UNAVAILABLE_REASON } from "../../app/lib/collab.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { Database } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { events } from "../events.ts";
import { clientIp } from "../http/client-ip.ts";
import { LIMITS, RateLimiter } from "../http/limits.ts";
import { isPortalOrigin } from "../http/origin-check.ts";
import { closeRedis, recheckWhenRedisMissed, redisClient, type RedisClient } from "../ops/redis.ts";
import { publish } from "../records/write.ts";
import { ResilientRedis } from "./redis-sync.ts";
import { ackGateOf } from "./acks.ts";
import { resolveDocumentAccess } from "./access.ts";
import { parseDocumentName, type DocumentName } from "./names.ts";
import { AUDIT_BATCH_MS, auditOpen, createFromColumn, createUpdateLog, loadState, storeDocument, type Editor } from "./store.ts";

// The collaboration server (Hocuspocus) on the portal's own HTTP server at /collab. Every
// connection is checked with the plan's rules when it opens, and again whenever the person's
// access to that plan changes; people who may only read get a read-only connection.

export const COLLAB_PATH = "/collab";
// Set by the upgrade handler from the socket itself; a client's own value is removed first.
const REMOTE_HEADER = "x-ip-portal-remote-address";
/** The connection's id, on its audit rows (as a request's id is on the request's). */
const CONNECTION_HEADER = "x-ip-portal-connection-id";
const RECHECK_CHANNEL = "ip-portal:collab:recheck";
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * The database is away: the whole socket closes with "try again later", so the browser
 * reconnects with backoff and keeps every change not yet acknowledged. (A refusal instead
 * would tell the browser it lost access, and it would drop its copy.)
 */
const UNAVAILABLE_CLOSE = { code: 1013, reason: DATABASE_UNAVAILABLE_REASON } as const;
const RETRY_RECHECK_MS = 5_000;

type Closable = { close(code: number, reason: string): void };

export interface CollabContext {
  user: SessionUser;
  sessionId: string;
  doc: DocumentName;
  planId: string;
  planRole: PlanRole;
  meta: RequestMeta;
  columnText: string;
  expiresAt: Date | null;
}

/** Whose connections to check again, on every instance: a person's in a plan, a session's, or a document's. */
interface RecheckMessage {
  /** The instance that sent it (it has checked its own already). */
  from?: string;
  planId: string | null;
  userId: string | null;
  sessionIds: string[] | "all" | null;
  documentName?: string;
}

export interface CollabOptions {
  redisUrl?: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  /** How long to wait after the last change before storing (default 1 s; at most 5 s apart). */
  debounceMs?: number;
}

/** The Yjs update carried by a sync message (step 2 or update), or null for anything else. */
function yUpdateOf(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = createDecoder(message);
    readVarString(decoder); // document address
    const type = readVarUint(decoder);
    if (type !== 0 && type !== 4) return null; // Sync / SyncReply
    const step = readVarUint(decoder);
    if (step !== 1 && step !== 2) return null; // step 2 or update
    const update = readVarUint8Array(decoder);
    // An empty update (no new items, no deletions) needs no keeping.
    return update.byteLength > 2 ? update : null;
  } catch {
    return null;
  }
}

export async function createCollabServer(db: Database, options: CollabOptions) {
  const updateLog = createUpdateLog(db);
  /** Per document: logged updates the live document holds, and who changed it, since the last store. */
  const unsaved = new Map<string, { logged: bigint[]; editors: Map<string, Editor> }>();
  const unsavedOf = (name: string) => {
    let entry = unsaved.get(name);
    if (!entry) unsaved.set(name, (entry = { logged: [], editors: new Map() }));
    return entry;
  };
  /** Per document, when each person's last edit audit row was written (forgotten at unload). */
  const lastAudit = new Map<string, Map<string, number>>();
  const planOf = new Map<string, string>();
  /** Each applied message's write-ahead insert, by the message. */
  const inserts = new WeakMap<Uint8Array, Promise<bigint>>();
  /**
   * Documents whose live copy holds a change whose insert failed. Such a copy is never
   * acknowledged from: its connections are closed for a retry, nobody new joins it, and
   * unless a store writes it down after all, it is dropped; the browsers, which kept the
   * change unacknowledged, send it again to a copy loaded from the database.
   */
  const unlogged = new Map<string, number>(); // how many inserts failed
  const connections = new Set<Connection<CollabContext>>();
  const expiryTimers = new Map<Connection<CollabContext>, NodeJS.Timeout>();
  const textOpens = new RateLimiter(LIMITS.textOpens.perSession);
  /** Each open socket by its connection id, to close it for a retry when the database is away. */
  const sockets = new Map<string, { close(code: number, reason: string): void }>();

  /** Rethrows `error`; when it is the database being away, first closes the socket for a retry. */
  function failed(socket: Closable | undefined, error: unknown): never {
    if (isDatabaseUnavailable(error)) retryLater(socket);
    throw error;
  }

  /** Closes the socket with "try again later" (the browser keeps what is not acknowledged) and throws. */
  function retryLater(socket: Closable | undefined): never {
    socket?.close(UNAVAILABLE_CLOSE.code, UNAVAILABLE_CLOSE.reason);
    throw Object.assign(new Error("database unavailable"), { reason: UNAVAILABLE_CLOSE.reason });
  }

  /** An insert failed after its update was applied and passed on: the live copy is given up. */
  function lostInsert(document: Document, error: unknown) {
    const documentName = document.name;
    // That copy is gone already (stored and unloaded meanwhile): the browsers, which kept the
    // change unacknowledged, send it again to the one loaded now, and nothing is to be given up.
    if (hocuspocus.documents.get(documentName) !== document) return;
    const failedBefore = unlogged.get(documentName) ?? 0;
    unlogged.set(documentName, failedBefore + 1);
    if (failedBefore) return;
    if (!isDatabaseUnavailable(error)) console.error(`[collab] writing an update of ${documentName} failed`, error);
    // Every connection to it, also one whose `connected` hook has not run yet.
    for (const connection of document.connections.keys()) (connection.webSocket as unknown as Closable).close(UNAVAILABLE_CLOSE.code, UNAVAILABLE_CLOSE.reason);
    // With nobody left to close, no last close unloads it (a store that failed before this insert
    // did keeps the copy in memory), and every reconnect would be refused for good.
    if (document.getConnectionsCount() === 0) void hocuspocus.unloadDocument(document);
  }

  const extensions: Extension[] = [];
  const redisClients: RedisClient[] = [];
  const instanceId = randomUUID();
  let publishRecheck: ((message: RecheckMessage) => void) | null = null;
  let redisSync: ResilientRedis | null = null;
  let stopRechecks = () => {};
  if (options.redisUrl) {
    extensions.push((redisSync = new ResilientRedis(options.redisUrl, "ip-portal:collab")));
    // Access changes are decided on one instance; every instance re-checks its own connections.
    // Those announced while Redis was away never arrived.
    const pub = redisClient(options.redisUrl, "collab-recheck-pub");
    const sub = redisClient(options.redisUrl, "collab-recheck-sub");
    redisClients.push(pub, sub);
    stopRechecks = recheckWhenRedisMissed(redisClients, recheckAll);
    void sub
      .subscribe(RECHECK_CHANNEL, (message) => {
        const parsed = JSON.parse(message) as RecheckMessage;
        if (parsed.from !== instanceId) void recheckLocal(parsed);
      })
      .catch(() => {});
    publishRecheck = (message) => {
      if (pub.isReady) void pub.publish(RECHECK_CHANNEL, JSON.stringify({ ...message, from: instanceId })).catch(() => {});
    };
  }

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: undefined,
    quiet: true,
    debounce: options.debounceMs ?? 1000,
    maxDebounce: 5000,
    extensions,

    async onAuthenticate({ documentName, requestHeaders, connectionConfig }) {
      if (unlogged.has(documentName)) retryLater(sockets.get(requestHeaders.get(CONNECTION_HEADER) ?? ""));
      try {
        return await authenticate(documentName, requestHeaders, connectionConfig);
      } catch (error) {
        failed(sockets.get(requestHeaders.get(CONNECTION_HEADER) ?? ""), error);
      }
    },

    async onLoadDocument({ document, documentName, context, requestHeaders }) {
      const doc = parseDocumentName(documentName);
      if (!doc) throw new Error("Unknown document");
      const planId = context?.planId ?? planOf.get(documentName);
      try {
        const state = (await loadState(db.prisma, documentName)) ?? (planId ? await createFromColumn(db.prisma, doc, planId, context?.columnText ?? "") : null);
        if (state) Y.applyUpdate(document, state);
      } catch (error) {
        failed(sockets.get(requestHeaders.get(CONNECTION_HEADER) ?? ""), error);
      }
    },

    async connected({ connection, context }) {
      connections.add(connection);
      scheduleExpiry(connection, context.expiresAt);
      connection.onClose(() => {
        connections.delete(connection);
        clearTimeout(expiryTimers.get(connection));
        expiryTimers.delete(connection);
      });
    },

    // Applied and passed on at once; acknowledged to the sender only when written down (acks.ts),
    // so what a client has been told is saved survives a crash.
    async beforeHandleMessage({ connection, update, documentName }) {
      if (connection.readOnly) return;
      // This copy holds a change that was never written down: it is given up (see lostInsert).
      if (unlogged.has(documentName)) retryLater(connection.webSocket as never);
      const yUpdate = yUpdateOf(update);
      if (!yUpdate) return;
      const insert = updateLog.append(documentName, yUpdate);
      ackGateOf(connection).hold(insert);
      inserts.set(update, insert);
      insert.catch((error: unknown) => lostInsert(connection.document, error));
    },
    async afterHandleMessage({ update, documentName }) {
      // Applied now; folded into the stored state by the first store after it is written down.
      inserts.get(update)?.then(
        (id) => unsavedOf(documentName).logged.push(id),
        () => {},
      );
    },

    async onChange({ documentName, context, transactionOrigin }) {
      const origin = transactionOrigin as { source?: string } | undefined;
      if (origin?.source !== "connection" || !context?.user) return;
      unsavedOf(documentName).editors.set(context.user.id, editorOf(context.user, context.meta, context.planRole));
    },

    // The server decides who a caret belongs to, and its colour: a client can neither pose as
    // someone else nor send a `user` (a string, a number, an odd colour) that breaks others' carets.
    async beforeHandleAwareness({ states, context }) {
      if (!context?.user) return;
      for (const state of states.values()) {
        if (state && typeof state === "object" && "user" in state) {
          state.user = { id: context.user.id, name: context.user.name, color: caretColour(context.user.id) };
        }
      }
    },

    async onStoreDocument({ document, documentName }) {
      const doc = parseDocumentName(documentName);
      const planId = planOf.get(documentName);
      if (!doc || !planId) return;
      const entry = unsavedOf(documentName);
      const logged = entry.logged.splice(0);
      const editors = [...entry.editors.values()];
      entry.editors.clear();
      const now = Date.now();
      const audited = lastAudit.get(documentName) ?? new Map<string, number>();
      lastAudit.set(documentName, audited);
      const toAudit = editors.filter((e) => now - (audited.get(e.userId) ?? 0) >= AUDIT_BATCH_MS);
      // The state below holds every update whose insert had failed by now (each is applied first).
      const failedBefore = unlogged.get(documentName);
      try {
        const stored = await storeDocument(db.prisma, { doc, planId, state: Y.encodeStateAsUpdate(document), foldedUpdateIds: logged, editorsToAudit: toAudit });
        // Everything the live copy held is written down now, also a change whose insert failed;
        // unless another insert failed meanwhile, with an update this state may not hold.
        if (unlogged.get(documentName) === failedBefore) unlogged.delete(documentName);
        // The period starts with a recorded change (a store that changed nothing records nobody).
        if (stored.committed.length) toAudit.forEach((e) => audited.set(e.userId, now));
        stored.committed.forEach((committed) => publish(committed));
      } catch (error) {
        // Nothing is lost: the updates stay in the log, and the next store tries again.
        entry.logged.unshift(...logged);
        editors.forEach((e) => entry.editors.set(e.userId, e));
        // A copy with a change never written down is not kept for a next try: it is unloaded,
        // and the browsers send the change again to one loaded from the database.
        if (unlogged.has(documentName)) throw new SkipFurtherHooksError("dropped: holds an update never written down");
        throw error;
      }
    },

    async afterUnloadDocument({ documentName }) {
      unlogged.delete(documentName);
      lastAudit.delete(documentName);
      planOf.delete(documentName);
      if (!unsaved.get(documentName)?.logged.length) unsaved.delete(documentName);
    },
  });

  /** Opens a text for a signed-in person: their session, the plan's rules for this text, a read row. */
  async function authenticate(documentName: string, requestHeaders: Headers, connectionConfig: { readOnly: boolean }): Promise<CollabContext> {
    const doc = parseDocumentName(documentName);
    const auth = await sessionOf(requestHeaders);
    if (!doc || !auth) throw new Error("Unauthorized");
    // Each opening is a lookup, an access check and a read row: a session opens only so many.
    if (!textOpens.take(auth.session.id)) throw new Error("Too many");
    const meta: RequestMeta = { ip: requestHeaders.get(REMOTE_HEADER), userAgent: requestHeaders.get("user-agent"), requestId: requestHeaders.get(CONNECTION_HEADER) };
    const access = await db.prisma.$transaction(async (tx) => {
      const found = await resolveDocumentAccess(tx, auth.user, doc);
      await auditOpen(tx, doc, { planId: found.planId, editor: editorOf(auth.user, meta, found.planRole), readOnly: !found.canEdit, purpose: found.purpose });
      return found;
    });
    connectionConfig.readOnly = !access.canEdit;
    planOf.set(documentName, access.planId);
    return {
      user: auth.user,
      sessionId: auth.session.id,
      doc,
      planId: access.planId,
      planRole: access.planRole,
      meta,
      columnText: access.columnText,
      expiresAt: access.expiresAt,
    } satisfies CollabContext;
  }

  // Every text a socket opens looks its session up again (one indexed read): a socket whose
  // texts were all closed must not open another after sign-out, a password change or the
  // account's deactivation. Open texts are closed when their session ends (auth.sessionsEnded).
  function sessionOf(headers: Headers) {
    const token = readSessionToken(headers.get("cookie") ?? undefined);
    return token ? validateSessionToken(db.prisma, token) : Promise.resolve(null);
  }

  function editorOf(user: SessionUser, meta: RequestMeta, planRole: PlanRole): Editor {
    return { userId: user.id, name: user.name, municipalityId: user.municipalityId, planRole, meta };
  }

  function scheduleExpiry(connection: Connection<CollabContext>, expiresAt: Date | null) {
    clearTimeout(expiryTimers.get(connection));
    if (!expiresAt) return;
    const delay = Math.min(Math.max(expiresAt.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS);
    expiryTimers.set(connection, setTimeout(() => void recheck(connection), delay));
  }

  /** Checks one connection's access again: gone → closed; reduced to reading → read-only. */
  async function recheck(connection: Connection<CollabContext>) {
    const { user, doc } = connection.context;
    try {
      const access = await resolveDocumentAccess(db.prisma, user, doc);
      if (!access.canEdit && !connection.readOnly) {
        connection.readOnly = true;
        connection.sendStateless(JSON.stringify({ type: "access", readOnly: true }));
      }
      scheduleExpiry(connection, access.expiresAt);
    } catch (error) {
      // The database being away says nothing about access: ask again in a moment.
      if (isDatabaseUnavailable(error)) {
        clearTimeout(expiryTimers.get(connection));
        expiryTimers.set(connection, setTimeout(() => void recheck(connection), RETRY_RECHECK_MS));
      } else connection.close(Forbidden);
    }
  }

  async function recheckLocal({ planId, userId, sessionIds, documentName }: RecheckMessage) {
    for (const connection of [...connections]) {
      const { user, sessionId, doc } = connection.context;
      if (documentName) {
        if (`${doc.kind}:${doc.id}:${doc.field}` === documentName) await recheck(connection);
        continue;
      }
      if (user.id !== userId) continue;
      if (sessionIds) {
        // Signed out: that session's connections close, whatever the plan.
        if (sessionIds === "all" || sessionIds.includes(sessionId)) {
          connection.close(Forbidden);
        }
      } else if (connection.context.planId === planId) {
        await recheck(connection);
      }
    }
  }

  /** Every connection of this instance: an ended session is closed, access checked again. */
  async function recheckAll() {
    for (const connection of [...connections]) {
      if (!(await isSessionActive(db.prisma, connection.context.sessionId))) connection.close(Forbidden);
      else await recheck(connection);
    }
  }

  function announce(message: RecheckMessage) {
    void recheckLocal(message);
    publishRecheck?.(message);
  }

  const unsubscribe = [
    events.on("plan.accessRevoked", ({ planId, userId }) => announce({ planId, userId, sessionIds: null })),
    events.on("auth.sessionsEnded", ({ userId, sessionIds }) => announce({ planId: null, userId, sessionIds })),
    // Approved or cancelled minutes are locked: everyone in them now only reads.
    events.on("changed", ({ action, meetingId }) => {
      if (meetingId && (action === "minutes.approved" || action === "meeting.cancel")) {
        announce({ planId: null, userId: null, sessionIds: null, documentName: `meeting:${meetingId}:minutes` });
      }
    }),
  ];

  const ws = crossws({
    // One message is one Yjs update of one text: a bigger one is refused by the socket.
    serverOptions: { maxPayload: LIMITS.socketMessageBytes },
    hooks: {
      open(peer) {
        const id = (peer.request as Request).headers.get(CONNECTION_HEADER);
        if (id) sockets.set(id, peer);
        (peer as unknown as { _hp: ReturnType<typeof hocuspocus.handleConnection> })._hp = hocuspocus.handleConnection(
          peer.websocket as never,
          peer.request as Request,
        );
      },
      message(peer, message) {
        (peer as unknown as { _hp?: ReturnType<typeof hocuspocus.handleConnection> })._hp?.handleMessage(message.uint8Array());
      },
      close(peer, event) {
        sockets.delete((peer.request as Request).headers.get(CONNECTION_HEADER) ?? "");
        (peer as unknown as { _hp?: ReturnType<typeof hocuspocus.handleConnection> })._hp?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? "" });
      },
    },
  });

  return {
    hocuspocus,
    /** Whether the Redis clients (when configured) are connected. */
    redisReady: () => redisClients.every((client) => client.isReady) && (redisSync?.up ?? true),
    /** Takes the HTTP upgrade when it is for the collaboration path; false otherwise. */
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const path = (req.url ?? "").split("?")[0];
      if (path !== COLLAB_PATH && !path.startsWith(`${COLLAB_PATH}/`)) return false;
      // Browsers always send Origin: a page of another site must not use the person's cookie here.
      const origin = req.headers.origin;
      if (origin && !isPortalOrigin(req, { allowedOrigins: options.allowedOrigins, trustProxy: options.trustProxy })) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
        return true;
      }
      req.headers[REMOTE_HEADER] = clientIp(req, options.trustProxy);
      req.headers[CONNECTION_HEADER] = randomUUID();
      void ws.handleUpgrade(req, socket, head);
      return true;
    },
    /** Stores what is pending and closes every connection. */
    async close() {
      unsubscribe.forEach((off) => off());
      stopRechecks();
      expiryTimers.forEach((timer) => clearTimeout(timer));
      hocuspocus.flushPendingStores();
      // Closing the sockets ends each document's connections; the last one out stores it.
      ws.closeAll(1001, "Server restarting", true);
      await waitForUnload(hocuspocus);
      await updateLog.idle();
      await Promise.all(redisClients.map(closeRedis));
      for (const extension of extensions) await (extension as { onDestroy?: (p: never) => Promise<unknown> }).onDestroy?.({ instance: hocuspocus } as never);
    },
  };
}

async function waitForUnload(hocuspocus: Hocuspocus, timeoutMs = 5000) {
  const started = Date.now();
  while (hocuspocus.getDocumentsCount() > 0 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type CollabServer = Awaited<ReturnType<typeof createCollabServer>>;
