// Shared texts are kept in this browser's IndexedDB (y-indexeddb), one database per person and
// document, so what someone writes without a connection survives a reload and is sent when the
// connection is back. These are health texts: on signing out every such database is removed.
// No y-indexeddb here, so the sign-out button does not pull the editor into every page.

const PREFIX = "ip-collab:";
/** Names of the databases made in this browser, for browsers without indexedDB.databases(). */
const INDEX_KEY = "ip-collab-index";

/** The IndexedDB database of one person's copy of one shared text. */
export function localDocumentName(userId: string, documentName: string): string {
  return `${PREFIX}${userId}:${documentName}`;
}

/** Open local copies, closed before their databases are removed. */
const open = new Map<string, () => void>();

/** Called when an editor opens its local copy; the returned function is called when it closes. */
export function registerLocalDocument(name: string, close: () => void): () => void {
  open.set(name, close);
  rememberName(name);
  return () => {
    if (open.get(name) === close) open.delete(name);
  };
}

function readIndex(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(INDEX_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === "string" && n.startsWith(PREFIX)) : [];
  } catch {
    return [];
  }
}

function rememberName(name: string) {
  try {
    const names = readIndex();
    if (!names.includes(name)) window.localStorage.setItem(INDEX_KEY, JSON.stringify([...names, name]));
  } catch {
    // Storage blocked: indexedDB.databases() still finds it.
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = window.indexedDB.deleteDatabase(name);
      // "blocked" is not final: the deletion goes through once the last connection closes.
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
    } catch {
      resolve();
    }
  });
}

/**
 * Removes every local copy of shared texts in this browser (all people's). Called when signing
 * out. Open copies are closed first so their databases can go.
 */
export async function clearCollabStorage(): Promise<void> {
  if (typeof window === "undefined" || !("indexedDB" in window)) return;
  for (const close of [...open.values()]) {
    try {
      close();
    } catch {
      // Already closed.
    }
  }
  open.clear();
  const names = new Set(readIndex());
  try {
    const listed = await window.indexedDB.databases();
    for (const db of listed) if (db.name?.startsWith(PREFIX)) names.add(db.name);
  } catch {
    // databases() is missing in older browsers: the index above has the names.
  }
  try {
    window.localStorage.removeItem(INDEX_KEY);
  } catch {
    // Storage blocked.
  }
  await Promise.all([...names].map(deleteDatabase));
}
