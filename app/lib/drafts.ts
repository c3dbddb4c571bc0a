import { useMemo, useSyncExternalStore } from "react";
import { clearCollabStorage } from "./collab-storage.ts";

// Unsaved text, kept in the browser until the server has confirmed it: in memory for this page,
// and in localStorage so it survives closing the tab, a crash or losing the network.

export interface Draft {
  /** What the person has written. */
  value: string;
  /** The saved text the draft started from. */
  base: string;
  /** The version of the row that text belonged to. */
  baseVersion: number;
}

const CHANGE_EVENT = "ip:draft-change";
const memory = new Map<string, string | null>();

function readRaw(key: string): string | null {
  if (memory.has(key)) return memory.get(key) ?? null;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function readDraft(key: string): Draft | null {
  return parse(readRaw(key));
}

export function writeDraft(key: string, draft: Draft | null): void {
  const raw = draft ? JSON.stringify(draft) : null;
  memory.set(key, raw);
  try {
    if (raw) window.localStorage.setItem(key, raw);
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the draft still lives in memory for this page.
  }
  window.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: key }));
}

function subscribe(onChange: () => void) {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key) memory.delete(event.key);
    onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", fromOtherTab);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", fromOtherTab);
  };
}

function parse(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Draft>;
    if (typeof value.value !== "string" || typeof value.base !== "string" || typeof value.baseVersion !== "number") return null;
    return value as Draft;
  } catch {
    return null;
  }
}

/** The draft under `key`, kept current; null on the server and until hydration. */
export function useDraft(key: string): Draft | null {
  const raw = useSyncExternalStore(
    subscribe,
    () => readRaw(key),
    () => null,
  );
  return useMemo(() => parse(raw), [raw]);
}

/**
 * Removes every draft kept in this browser, and the local copies of shared texts (IndexedDB,
 * see collab-storage.ts). Called when signing out: on a shared computer the next person must
 * not find health information in storage. Autosave and the shared texts have normally reached
 * the server within a second, so this rarely drops anything.
 */
export function clearAllDrafts(): void {
  void clearCollabStorage();
  memory.clear();
  try {
    for (const key of Object.keys(window.localStorage)) if (key.startsWith("ip-utkast:")) window.localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept there either.
  }
}
