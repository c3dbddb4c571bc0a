import { redirect, type AppLoadContext } from "@remix-run/node";
import { isOneOf, ROLES, type Role } from "../domain/schemas.ts";
import type { Caller } from "../../server/router.ts";
import { formFieldName, runFormAction } from "./form-action.server.ts";
import { formValues, optionalText } from "./form-values.ts";

// The administration pages' forms: a success goes back to the page with a receipt
// (post/redirect/get, the same with and without JavaScript); a refusal answers the form with a
// message in the person's language, per-field messages and what the person sent.

export function adminFormAction<T>(
  context: AppLoadContext,
  form: FormData,
  run: (caller: Caller) => Promise<T>,
  options: { then: (data: T) => string; fieldAliases?: Record<string, string> },
) {
  return runFormAction(context, form, run, {
    fieldName: formFieldName(options.fieldAliases),
    values: valuesWithLists(form),
    onSuccess: (data) => redirect(options.then(data)),
  });
}

/** Every field as sent; a field sent several times (checkboxes) also as "name[]", one value a line. */
function valuesWithLists(form: FormData): Record<string, string> {
  const values = formValues(form);
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (!key.startsWith("_") && all.length > 1) values[`${key}[]`] = all.join("\n");
  }
  return values;
}

/** An empty field is null: "remove it" in a change, "none" in a new row. */
export const nullable = (form: FormData, name: string): string | null => optionalText(form, name) ?? null;

/** The roles ticked in a form, known ones only. */
export const rolesOf = (form: FormData): Role[] => form.getAll("roles").filter((r): r is Role => isOneOf(ROLES, r));
