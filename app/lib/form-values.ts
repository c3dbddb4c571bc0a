// Turning form fields into procedure inputs, and rows back into form fields. Pure: used by actions and forms.

/** The date part of an ISO timestamp, as a date field wants it (YYYY-MM-DD). */
export function dateValue(value: string | Date | null | undefined): string {
  if (!value) return "";
  return (typeof value === "string" ? value : value.toISOString()).slice(0, 10);
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Empty means "not given" (undefined), for create inputs. */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = text(form, name).trim();
  return value ? value : undefined;
}

export function optionalDate(form: FormData, name: string): string | undefined {
  return optionalText(form, name);
}

export function optionalScore(form: FormData, name: string): number | undefined {
  const value = optionalText(form, name);
  return value ? Number(value) : undefined;
}

/** Every form field as text, without the form's own machinery (names starting with "_"). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("_")) values[key] = value;
  }
  return values;
}

/** The values a versioned form started from (its `_orig.<name>` fields). */
export function origValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && key.startsWith("_orig.")) values[key.slice(6)] = value;
  }
  return values;
}

/**
 * The fields a person changed: each versioned form carries the values it started from as
 * `_orig.<name>`, so only what the person touched is sent, and a re-applied change after a
 * conflict never writes back someone else's newer values in other fields.
 */
export function changedFields(form: FormData, names: readonly string[]): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const name of names) {
    if (!form.has(name)) continue;
    const value = text(form, name);
    if (value !== text(form, `_orig.${name}`)) changed[name] = value;
  }
  return changed;
}

/** A form field as the nullable value an update wants: empty text becomes null. */
export const nullable = (value: string) => (value.trim() === "" ? null : value.trim());
export const nullableScore = (value: string) => (value.trim() === "" ? null : Number(value));
