// What a route action answers to one of its forms, with or without JavaScript.
export interface FormResult {
  /** Which form on the page this answers. */
  formId: string;
  ok: boolean;
  /** A message for the person, already in their language. */
  message?: string;
  /** Per-field messages, keyed by the form's field names. */
  fieldErrors?: Record<string, string>;
  /** Someone else changed it first: the row as it is now. */
  conflict?: Record<string, unknown> | null;
  /** What the person sent, so nothing they typed is lost when the page is drawn again. */
  values?: Record<string, string>;
  /** The values the form started from (before the person's changes), to merge after a conflict. */
  orig?: Record<string, string>;
}

/**
 * After a conflict: the person's value where they changed the field, else what is there now,
 * so re-applying never writes back an old value the person did not touch.
 */
export function mergedValue(result: FormResult, name: string, current: string): string {
  const mine = result.values?.[name] ?? "";
  const started = result.orig?.[name];
  if (started === undefined) return mine;
  return mine !== started ? mine : current;
}

/** Fields both the person and someone else changed, to differing values. */
export function trueConflicts(result: FormResult, current: Record<string, string>, names: string[]): string[] {
  return names.filter((name) => {
    if (!result.values || !(name in result.values)) return false;
    const mine = result.values[name] ?? "";
    const started = result.orig?.[name] ?? "";
    const now = current[name] ?? "";
    return mine !== started && now !== started && now !== mine;
  });
}
