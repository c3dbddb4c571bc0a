import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import type { Editor } from "@tiptap/core";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { collabUrl, DATABASE_UNAVAILABLE_REASON } from "../../lib/collab.ts";
import { localDocumentName, registerLocalDocument } from "../../lib/collab-storage.ts";

// One shared text in the browser: its Yjs document, its Hocuspocus provider on the page's one
// WebSocket, its copy in IndexedDB, and (once there is something to show) its editor. Plain
// TypeScript with a subscribe/snapshot pair, so React reads it through useSyncExternalStore.

/** The Yjs field the editor writes in: TipTap's default, which the server reads too. */
export const COLLAB_FIELD = "default";

// ---------------------------------------------------------------------------------------------
// One WebSocket per page for every shared text on it: Hocuspocus multiplexes the documents.

let socket: HocuspocusProviderWebsocket | null = null;
let socketUsers = 0;
let socketCloseTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * When the browser knows it is offline, the connection is closed at once rather than after the
 * provider's silence timeout (30 s): the page says so straight away, and what is written
 * waits in IndexedDB. Back online, it connects and the changes are merged.
 */
const goOffline = () => socket?.disconnect();
const goOnline = () => void socket?.connect();

/**
 * The server could not ask its database whether this text may be opened. It closes the socket
 * itself when it can; when another opener's attempt failed for this one too, the page's socket
 * is opened again after a pause, and every text on it asks again.
 */
let retryTimer: ReturnType<typeof setTimeout> | undefined;
function reconnectSoon() {
  retryTimer ??= setTimeout(() => {
    retryTimer = undefined;
    socket?.disconnect();
    void socket?.connect();
  }, 3_000);
}

function acquireSocket(): HocuspocusProviderWebsocket {
  clearTimeout(socketCloseTimer);
  if (!socket) {
    socket = new HocuspocusProviderWebsocket({ url: collabUrl(window.location), autoConnect: navigator.onLine });
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
  }
  socketUsers += 1;
  return socket;
}

function releaseSocket() {
  socketUsers = Math.max(0, socketUsers - 1);
  if (socketUsers > 0) return;
  // A moment's grace: moving to another page with texts keeps the same connection.
  clearTimeout(socketCloseTimer);
  socketCloseTimer = setTimeout(() => {
    if (socketUsers > 0 || !socket) return;
    window.removeEventListener("offline", goOffline);
    window.removeEventListener("online", goOnline);
    socket.destroy();
    socket = null;
  }, 2_000);
}

// ---------------------------------------------------------------------------------------------

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export interface CollabSessionOptions {
  documentName: string;
  user: CollabUser;
  /** What the page's data says: may this person write in the text? The server has the last word. */
  mayEdit: boolean;
  /** The editor, made once there is something to show (never an empty flash before the text). */
  createEditor: (session: CollabSession, editable: boolean) => Editor;
  /** Attributes of the editable area, which depend on whether it can be changed. */
  attributes: (editable: boolean) => Record<string, string>;
}

export interface CollabSnapshot {
  /** The page's WebSocket. */
  connection: `${WebSocketStatus}`;
  /** No connection now, after having tried (or the browser says it is offline). */
  offline: boolean;
  /** In step with the server right now. */
  synced: boolean;
  /** Changes sent and not yet confirmed by the server. */
  unsynced: number;
  /** Changes have waited for the server's confirmation for a noticeable while (see SLOW_SAVE_MS). */
  slowSave: boolean;
  /** The server has confirmed the person's changes at least once since they began writing here. */
  savedOnce: boolean;
  /** What the server allows this connection: null until it has said. */
  scope: "readonly" | "read-write" | null;
  /** The server refused the document. */
  denied: boolean;
  /** The person changed the text in this page (so "Lagret" means something to them). */
  localEdits: boolean;
  /** Names of the others who have the text open now. */
  others: string[];
  /** Whether the person can change the text here and now. */
  editable: boolean;
  editor: Editor | null;
}

const INITIAL: CollabSnapshot = {
  connection: "connecting",
  offline: false,
  synced: false,
  unsynced: 0,
  slowSave: false,
  savedOnce: false,
  scope: null,
  denied: false,
  localEdits: false,
  others: [],
  editable: false,
  editor: null,
};

export class CollabSession {
  readonly doc = new Y.Doc();
  provider: HocuspocusProvider | null = null;
  private persistence: IndexeddbPersistence | null = null;
  private snapshot: CollabSnapshot = INITIAL;
  private listeners = new Set<() => void>();
  private stopFns: (() => void)[] = [];
  private troubled = false;
  private everSynced = false;
  private localLoaded = false;
  private slowSaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private options: CollabSessionOptions) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): CollabSnapshot => this.snapshot;

  private set(changes: Partial<CollabSnapshot>) {
    const next = { ...this.snapshot, ...changes };
    next.offline = !navigator.onLine || (next.connection !== WebSocketStatus.Connected && this.troubled);
    next.editable = this.options.mayEdit && next.scope !== "readonly" && !next.denied && next.editor !== null;
    this.watchSaving(next);
    const editableChanged = next.editable !== this.snapshot.editable;
    this.snapshot = next;
    if (editableChanged) this.applyEditable();
    this.maybeCreateEditor();
    for (const listener of this.listeners) listener();
  }

  /**
   * "Lagrer…" only when saving takes a while: the server confirms each change within moments,
   * and a state that flickers with every key would be read out by screen readers every time.
   */
  private watchSaving(next: CollabSnapshot) {
    const pending = next.unsynced > 0 || !next.synced;
    if (!pending && next.localEdits && next.connection === WebSocketStatus.Connected) next.savedOnce = true;
    if (!pending) {
      clearTimeout(this.slowSaveTimer);
      this.slowSaveTimer = undefined;
      next.slowSave = false;
    } else if (!next.slowSave && this.slowSaveTimer === undefined) {
      this.slowSaveTimer = setTimeout(() => {
        this.slowSaveTimer = undefined;
        if (this.snapshot.unsynced > 0 || !this.snapshot.synced) this.set({ slowSave: true });
      }, SLOW_SAVE_MS);
    }
  }

  /** Opens the connection and the local copy. Safe to call again after stop(). */
  start() {
    if (this.provider) return;
    const { documentName, user, mayEdit } = this.options;
    const websocket = acquireSocket();
    this.troubled = false;

    const provider = new HocuspocusProvider({
      websocketProvider: websocket,
      name: documentName,
      document: this.doc,
      // The session cookie that came with the WebSocket's upgrade is what the server checks.
      token: "",
      onAuthenticated: ({ scope }) => {
        this.set({ scope, denied: false });
        // Someone who may only read keeps no copy of the text in the browser.
        if (scope === "readonly") void this.dropLocalCopy();
      },
      onAuthenticationFailed: ({ reason }) => {
        // Not a refusal: the server could not ask its database. Ask again; keep every change.
        if (reason === DATABASE_UNAVAILABLE_REASON) return reconnectSoon();
        this.set({ denied: true });
        void this.dropLocalCopy();
      },
      onSynced: () => {
        this.everSynced = true;
        this.set({ synced: provider.isSynced, unsynced: provider.unsyncedChanges });
      },
      onStatus: ({ status }) => {
        if (status === WebSocketStatus.Disconnected) this.troubled = true;
        if (status === WebSocketStatus.Connected) this.troubled = false;
        this.set({ connection: status, synced: provider.isSynced });
      },
      onUnsyncedChanges: ({ number }) => this.set({ unsynced: number, synced: provider.isSynced }),
      // The server tells an open connection when the person's access is reduced to reading…
      onStateless: ({ payload }) => {
        if (accessReducedToReading(payload)) {
          this.set({ scope: "readonly" });
          void this.dropLocalCopy();
        }
      },
      // … and closes the document when it is gone altogether.
      onClose: ({ event }) => {
        if (event?.reason !== FORBIDDEN_REASON) return;
        this.set({ denied: true });
        void this.dropLocalCopy();
      },
      onAwarenessChange: () => {
        // Carets move all the time; the list of names changes seldom.
        const others = othersIn(provider, user.id);
        if (others.join("\n") !== this.snapshot.others.join("\n")) this.set({ others });
      },
    });
    this.provider = provider;
    // The server replaces the name with the signed-in person's own; the colour is ours.
    provider.setAwarenessField("user", { name: user.name, color: user.color });

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      const local = origin !== provider && (this.persistence === null || origin !== this.persistence);
      if (local && !this.snapshot.localEdits) this.set({ localEdits: true });
      else if (!this.snapshot.editor) this.maybeCreateEditor();
    };
    this.doc.on("update", onUpdate);

    const onNetwork = () => this.set({});
    window.addEventListener("online", onNetwork);
    window.addEventListener("offline", onNetwork);

    this.stopFns = [
      () => this.doc.off("update", onUpdate),
      () => {
        window.removeEventListener("online", onNetwork);
        window.removeEventListener("offline", onNetwork);
      },
    ];

    if (mayEdit) this.openLocalCopy();
    provider.attach();
    this.set({ connection: websocket.status, synced: provider.isSynced, unsynced: provider.unsyncedChanges, others: othersIn(provider, user.id) });
  }

  /** Closes the editor, the connection and the local copy (changes not yet sent stay in it). */
  stop() {
    const { editor } = this.snapshot;
    if (editor && !editor.isDestroyed) editor.destroy();
    for (const fn of this.stopFns) fn();
    this.stopFns = [];
    this.closeLocalCopy();
    if (this.provider) {
      this.provider.destroy();
      this.provider = null;
      releaseSocket();
    }
    this.everSynced = false;
    this.localLoaded = false;
    clearTimeout(this.slowSaveTimer);
    this.slowSaveTimer = undefined;
    this.snapshot = INITIAL;
    for (const listener of this.listeners) listener();
  }

  /** The page's data changed what the person may do. */
  setMayEdit(mayEdit: boolean) {
    if (this.options.mayEdit === mayEdit) return;
    this.options = { ...this.options, mayEdit };
    if (!mayEdit) void this.dropLocalCopy();
    else if (this.provider && !this.persistence) this.openLocalCopy();
    this.set({});
  }

  private openLocalCopy() {
    const name = localDocumentName(this.options.user.id, this.options.documentName);
    const persistence = new IndexeddbPersistence(name, this.doc);
    this.persistence = persistence;
    const unregister = registerLocalDocument(name, () => {
      if (this.persistence === persistence) this.persistence = null;
      void persistence.destroy();
    });
    persistence.on("synced", () => {
      if (this.persistence !== persistence) return;
      this.localLoaded = true;
      this.set({});
    });
    this.stopFns.push(unregister);
  }

  private closeLocalCopy() {
    const persistence = this.persistence;
    this.persistence = null;
    if (persistence) void persistence.destroy();
  }

  private async dropLocalCopy() {
    const persistence = this.persistence;
    this.persistence = null;
    if (persistence) await persistence.clearData();
  }

  /**
   * The editor comes once the text is known: from the server, or from the local copy when
   * there is one (offline). Before that the page shows the text the server rendered.
   */
  private maybeCreateEditor() {
    if (this.snapshot.editor || !this.provider) return;
    const hasLocalText = this.localLoaded && this.doc.getXmlFragment(COLLAB_FIELD).length > 0;
    if (!this.everSynced && !hasLocalText) return;
    const editable = this.options.mayEdit && this.snapshot.scope !== "readonly" && !this.snapshot.denied;
    const editor = this.options.createEditor(this, editable);
    this.snapshot = { ...this.snapshot, editor, editable };
    queueMicrotask(() => {
      for (const listener of this.listeners) listener();
    });
  }

  private applyEditable() {
    const { editor, editable } = this.snapshot;
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: this.options.attributes(editable) } });
    editor.setEditable(editable, false);
  }
}

/** How long a change may wait for the server's confirmation before the page says "Lagrer…". */
const SLOW_SAVE_MS = 800;

/** The reason Hocuspocus gives when it closes a document the person may no longer open. */
const FORBIDDEN_REASON = "Forbidden";

function accessReducedToReading(payload: string): boolean {
  try {
    const message = JSON.parse(payload) as { type?: unknown; readOnly?: unknown };
    return message.type === "access" && message.readOnly === true;
  } catch {
    return false;
  }
}

/**
 * The names of the others who have the document open, each once. The server stamps every
 * state with the signed-in person's id and name, so the viewer's own other tabs are left out.
 */
function othersIn(provider: HocuspocusProvider, viewerId: string): string[] {
  const awareness = provider.awareness;
  if (!awareness) return [];
  const names: string[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = (state as { user?: { id?: unknown; name?: unknown } }).user;
    if (!user || user.id === viewerId) continue;
    if (typeof user.name === "string" && user.name.trim() && !names.includes(user.name)) names.push(user.name);
  }
  return names;
}
