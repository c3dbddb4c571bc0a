import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { readDraft, useDraft, writeDraft } from "../lib/drafts.ts";
import type { AutosaveReply } from "../routes/planer.$planId_.lagre.tsx";

export type AutosaveStatus = "idle" | "saving" | "saved" | "error" | "offline";

export interface AutosaveOptions {
  /** localStorage key for the draft; unique per plan, row and field. */
  storageKey: string;
  /** Where to post: the plan's autosave route. */
  endpoint: string;
  /** The field's saved text and its row's version, as the page's data has them. */
  serverValue: string;
  serverVersion: number;
  /** Sent with every save: field name, goalId … */
  payload: Record<string, string>;
  delayMs?: number;
}

/**
 * A long text that saves itself: debounced while typing and at once on leaving the field.
 * Until the server confirms, what was typed is a draft in localStorage, so it survives a
 * reload, a closed tab or a lost network. If someone else changed the same text meanwhile,
 * nothing is overwritten: `conflict` holds their text and the person chooses.
 */
export function useAutosave({ storageKey, endpoint, serverValue, serverVersion, payload, delayMs = 1000 }: AutosaveOptions) {
  const revalidator = useRevalidator();
  const draft = useDraft(storageKey);
  const [status, setStatus] = useState<AutosaveStatus>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  // The newest state of the saved text this page has heard of: a save's reply (mine, or theirs
  // when refused) is newer than the page's data until the data has been loaded again.
  const [snapshot, setSnapshot] = useState<{ value: string; version: number } | null>(null);

  const server = snapshot && snapshot.version > serverVersion ? snapshot : { value: serverValue, version: serverVersion };
  const latest = useRef({ server, payload, endpoint, revalidate: revalidator.revalidate });
  useEffect(() => {
    latest.current = { server, payload, endpoint, revalidate: revalidator.revalidate };
  });

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);

  const [failures, setFailures] = useState(0);

  /** One save of the current draft. Answers whether to go again (typed on, or only the version was stale). */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    const current = readDraft(storageKey);
    if (!current) return false;
    const { server: known, payload: extra, endpoint: url } = latest.current;
    if (current.value === known.value) {
      writeDraft(storageKey, null);
      return false;
    }
    // The saved text moved on since the draft began: the person must choose, never overwrite.
    if (known.value !== current.base) return false;
    setStatus("saving");
    setMessage(null);
    const body = new FormData();
    for (const [key, value] of Object.entries(extra)) body.set(key, value);
    body.set("value", current.value);
    body.set("version", String(Math.max(known.version, current.baseVersion)));
    let reply: AutosaveReply | null;
    try {
      const response = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" } });
      reply = (await response.json()) as AutosaveReply;
    } catch {
      reply = null;
    }
    if (!reply) {
      setStatus("offline");
      setFailures((n) => n + 1);
      return false;
    }
    if (reply.ok && reply.value !== undefined && reply.version !== undefined) {
      const confirmed = { value: reply.value, version: reply.version };
      setSnapshot(newer(confirmed));
      setStatus("saved");
      latest.current.revalidate();
      const now = readDraft(storageKey);
      // Typed on while it was saving: the rest is a new draft on top of what was saved.
      if (now && now.value !== confirmed.value) {
        writeDraft(storageKey, { value: now.value, base: confirmed.value, baseVersion: confirmed.version });
        return true;
      }
      writeDraft(storageKey, null);
      return false;
    }
    if (reply.conflict) {
      setStatus("idle");
      const now = readDraft(storageKey);
      if (now && reply.conflict.value === now.base) {
        // Only other fields changed: this text is as the draft began, so save on the new version.
        writeDraft(storageKey, { ...now, baseVersion: reply.conflict.version });
        return true;
      }
      setSnapshot(newer(reply.conflict));
      latest.current.revalidate();
      return false;
    }
    setStatus("error");
    setMessage(reply.message ?? null);
    return false;
  }, [storageKey]);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      let more = await saveOnce();
      for (let round = 0; (more || again.current) && round < 5; round++) {
        again.current = false;
        more = await saveOnce();
      }
    } finally {
      inFlight.current = false;
    }
  }, [saveOnce]);

  // Not saved because the network was away: try again in a while (and at once when back online).
  useEffect(() => {
    if (!failures) return;
    const id = setTimeout(() => void save(), 5000);
    return () => clearTimeout(id);
  }, [failures, save]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delayMs);
  }, [save, delayMs]);

  // A draft left from an earlier visit: saved as soon as the page runs. A draft equal to what
  // is saved is no longer a draft.
  useEffect(() => {
    const current = readDraft(storageKey);
    if (!current) return;
    if (current.value === latest.current.server.value) writeDraft(storageKey, null);
    else schedule();
  }, [storageKey, schedule, server.value]);

  useEffect(() => {
    const retry = () => void save();
    window.addEventListener("online", retry);
    return () => {
      window.removeEventListener("online", retry);
      clearTimeout(timer.current);
      // The field closes while a save waits ("Ferdig", leaving the page in the app): save now,
      // not only when the field is shown again. The draft stays until the server has it.
      if (readDraft(storageKey)) void save();
    };
  }, [save, storageKey]);

  const conflictText = draft && server.value !== draft.base ? server.value : null;

  return {
    value: draft?.value ?? server.value,
    /** The draft came from an earlier visit and has not been saved yet. */
    restored: Boolean(draft) && !touched,
    dirty: Boolean(draft),
    status,
    message,
    conflict: conflictText === null ? null : { value: conflictText },
    onChange(value: string) {
      setTouched(true);
      const current = readDraft(storageKey);
      writeDraft(storageKey, {
        value,
        base: current?.base ?? server.value,
        baseVersion: current?.baseVersion ?? server.version,
      });
      schedule();
    },
    onBlur() {
      void save();
    },
    /** Keep my text over theirs (after reading theirs), and save it. */
    keepMine() {
      const current = readDraft(storageKey);
      if (!current) return;
      writeDraft(storageKey, { value: current.value, base: server.value, baseVersion: server.version });
      void save();
    },
    /** Drop my draft and take the text that is saved now. */
    takeTheirs() {
      writeDraft(storageKey, null);
      setStatus("idle");
    },
  };
}

type Snapshot = { value: string; version: number };
const newer = (next: Snapshot) => (current: Snapshot | null) => (!current || next.version >= current.version ? next : current);
