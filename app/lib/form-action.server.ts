import { json, redirect, type AppLoadContext, type TypedResponse } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Caller } from "../../server/router.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt } from "./call.server.ts";
import type { FormResult } from "./form-result.ts";
import { formValues, origValues, text } from "./form-values.ts";

// Every page's forms are run the same way: the procedure is called for the posted form; a
// success answers as the page wants (data with JavaScript, a redirect without); a refusal
// answers the form with a message in the person's language, per-field messages, what the
// person sent and, after someone else's change, the row as it is now.

/** A refusal decided in the action, before (or instead of) calling a procedure. */
export class FormRefusal extends Error {
  constructor(
    readonly messageKey: string,
    /** The field the refusal is about, if one. */
    readonly field?: string,
  ) {
    super(messageKey);
  }
}

type FormAnswer = TypedResponse<FormResult>;

export interface FormActionOptions<T> {
  /** The answer to a success (`t` in the person's language, for a receipt). */
  onSuccess: (data: T, t: TFunction) => FormAnswer;
  /** Which form this answers: the form's `_formId`, else its intent, if not given. */
  formId?: string;
  /**
   * What the person sent, given back with a refusal: every field but the form's own machinery, if
   * not given. Identity numbers and passwords are left out either way (`withoutSecrets`).
   */
  values?: Record<string, string>;
  /** The form's name for a procedure input's path: `formFieldName()` if not given. */
  fieldName?: (path: string) => string;
  /**
   * A stale version (409 with the row as it is now). "merge": the row and the values the form
   * started from, so the person's changes can be applied on top. "redraw": the page is drawn
   * again from the row as it is now, with `messageKey`; the person's input stays. Otherwise it
   * is answered like any refusal.
   */
  conflict?: { kind: "merge" } | { kind: "redraw"; messageKey: string };
}

/** Fields never sent back into a page: an identity number or a password is typed again, never echoed into HTML or JSON. */
const SECRET_FIELD = /identity|password/i;

/** The values without identity numbers and passwords (any field whose name says so). */
export function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELD.test(name)));
}

/** "changes.title" → "title", then the form's own name where the procedure calls it something else. */
export function formFieldName(aliases: Record<string, string> = {}): (path: string) => string {
  return (path) => {
    const field = path.replace(/^changes\./, "");
    return aliases[field] ?? field;
  };
}

/** Per-field messages keyed by the form's field names (the first message wins where names meet). */
export function formFieldErrors(fieldErrors: Record<string, string> | undefined, fieldName = formFieldName()): Record<string, string> | undefined {
  if (!fieldErrors) return undefined;
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) out[fieldName(path)] ??= message;
  return out;
}

/** The handler for the form's intent; an intent the page does not know is a bad request. */
export function handlerFor<H>(handlers: Record<string, H>, form: FormData): H {
  const intent = text(form, "intent");
  if (!Object.hasOwn(handlers, intent)) throw new FormRefusal("errors.code.BAD_REQUEST");
  return handlers[intent];
}

/**
 * A saved form: with JavaScript, the form's own answer as data; without it, back to `page`
 * (post/redirect/get) at the part that changed (the form's `_anchor`, or `anchor`).
 */
export function savedAnswer(form: FormData, page: URL, options: { message?: string; anchor?: string } = {}): FormAnswer {
  if (text(form, "_js") === "1") return json<FormResult>({ formId: formIdOf(form), ok: true, message: options.message });
  // Only an element id: nothing else from the form goes into the address.
  const anchor = (options.anchor ?? text(form, "_anchor")).replace(/[^a-z0-9-]/gi, "");
  return redirect(`${page.pathname}${page.search}${anchor ? `#${anchor}` : ""}`);
}

function formIdOf(form: FormData): string {
  return text(form, "_formId") || text(form, "intent");
}

/**
 * Runs a posted form: `run` calls the procedure (or throws a FormRefusal, or a Response that
 * answers the form itself, such as a redirect).
 */
export async function runFormAction<T>(
  context: AppLoadContext,
  form: FormData,
  run: (caller: Caller) => Promise<T>,
  options: FormActionOptions<T>,
): Promise<FormAnswer> {
  const formId = options.formId ?? formIdOf(form);
  const values = withoutSecrets(options.values ?? formValues(form));
  const { t } = createI18n(context.lang);
  const refused = (status: number, message: string, fieldErrors?: Record<string, string>, stale?: Pick<FormResult, "conflict" | "orig">) =>
    json<FormResult>(
      { formId, ok: false, message: fieldErrors ? t("validation.prefix") : message, fieldErrors, conflict: stale?.conflict, values, orig: stale?.orig },
      { status },
    );

  // The page's own refusals and answers never reach the procedures' error handling.
  const result = await attempt(context, async (caller) => {
    try {
      return { kind: "done" as const, data: await run(caller) };
    } catch (error) {
      if (error instanceof FormRefusal || error instanceof Response) return { kind: "own" as const, own: error };
      throw error;
    }
  });
  if (result.ok) {
    const outcome = result.data;
    if (outcome.kind === "done") return options.onSuccess(outcome.data, t);
    if (outcome.own instanceof Response) return outcome.own as FormAnswer;
    const message = t(outcome.own.messageKey);
    return refused(400, message, outcome.own.field ? { [outcome.own.field]: message } : undefined);
  }

  const { error } = result;
  const fieldErrors = formFieldErrors(error.fieldErrors, options.fieldName);
  const current = error.status === 409 ? (error.details as { current?: Record<string, unknown> } | undefined)?.current : undefined;
  if (current && options.conflict?.kind === "merge") {
    return refused(error.status, error.message, fieldErrors, { conflict: current, orig: withoutSecrets(origValues(form)) });
  }
  if (current && options.conflict?.kind === "redraw") {
    return json<FormResult>({ formId, ok: false, message: t(options.conflict.messageKey), fieldErrors, conflict: {}, values }, { status: error.status });
  }
  return refused(error.status, error.message, fieldErrors);
}
