import { useActionData, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { mergedValue, type FormResult } from "../lib/form-result.ts";

export interface FormBase {
  version: number;
  values: Record<string, string>;
}

export interface PlanFormOptions {
  /** For forms that change an existing row: its version and its fields as form text. */
  version?: number;
  values?: Record<string, string>;
  /** Turns the current row in a conflict answer into form text. */
  toValues?: (row: Record<string, unknown>) => Record<string, string>;
}

/**
 * One form of the plan: a fetcher with JavaScript, a plain POST without. Its answer comes from
 * the fetcher or, after a plain POST, from the route's action data (matched by form id).
 *
 * A form that edits a row remembers the version and values the person started from: while
 * they type, live updates to the page do not move them (their text stays), and the save is
 * checked against that version, so a change someone else made meanwhile is shown, never
 * silently overwritten. When the person is not editing, the form follows the page's data.
 */
export function usePlanForm(formId: string, options: PlanFormOptions = {}) {
  const fetcher = useFetcher<FormResult>({ key: formId });
  const actionData = useActionData<FormResult>();
  const answer: FormResult | undefined = fetcher.data ?? (actionData?.formId === formId ? actionData : undefined);
  const { toValues } = options;
  const fromConflict = (r: FormResult | undefined): FormBase | null =>
    r?.conflict && toValues ? { version: Number(r.conflict.version), values: toValues(r.conflict) } : null;

  const [editing, setEditing] = useState<FormBase | null>(() => fromConflict(answer));
  const [seen, setSeen] = useState(answer);
  const [dismissed, setDismissed] = useState<FormResult | undefined>(undefined);
  const [resets, setResets] = useState(0);
  // Acted on once the save has settled and the page's data is fresh (the fetcher is idle again).
  if (answer !== seen && fetcher.state === "idle") {
    setSeen(answer);
    if (answer?.ok) {
      setEditing(null);
      setResets((n) => n + 1);
    } else {
      const conflict = fromConflict(answer);
      if (conflict) setEditing(conflict);
    }
  }

  const result = answer === dismissed ? undefined : answer;
  const live: FormBase = { version: options.version ?? 0, values: options.values ?? {} };
  const base = editing ?? live;
  const failed = result && !result.ok ? result : undefined;

  return {
    formId,
    fetcher,
    result,
    base,
    versioned: options.version !== undefined,
    /** Changes when the form should start afresh: after a save, or when the row changed while untouched. */
    key: `${formId}:${base.version}:${resets}`,
    busy: fetcher.state !== "idle",
    saved: Boolean(result?.ok) && fetcher.state === "idle",
    /** The text a field starts with: what the person sent if it was refused, else the row's. */
    value(name: string): string {
      if (failed?.conflict) return mergedValue(failed, name, base.values[name] ?? "");
      if (failed?.values) return failed.values[name] ?? "";
      return base.values[name] ?? "";
    },
    error(name: string): string | undefined {
      return failed?.fieldErrors?.[name];
    },
    startEditing() {
      if (!editing) setEditing(live);
    },
    /** Drop what the person typed and show the row as it is now. */
    discard() {
      setDismissed(answer);
      setEditing(null);
      setResets((n) => n + 1);
    },
  };
}

export type PlanForm = ReturnType<typeof usePlanForm>;
