import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt } from "./call.server.ts";
import type { FormResult } from "./form-result.ts";
import { formValues, text } from "./form-values.ts";

// The case pages' forms post to their route's action, which runs them here: a success
// redirects (post/redirect/get, the same with and without JavaScript), a refusal answers the
// form with a message in the person's language and what they sent.

/** A refusal decided in the page's action, before any procedure is called. */
export class CaseFormRefusal extends Error {
  constructor(
    readonly messageKey: string,
    /** The field the refusal is about, if one. */
    readonly field?: string,
  ) {
    super(messageKey);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the address; anything else is a page that does not exist. */
export function idParam(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw json({ message: "not found" }, { status: 404 });
  return value;
}

export const isUuid = (value: string | null | undefined): value is string => Boolean(value && UUID.test(value));

interface Options<T> {
  /** Where to go after a success. */
  then: (data: T) => string;
  /** Procedure input names that are called something else in the form. */
  fieldAliases?: Record<string, string>;
}

export async function caseFormAction<T>(context: AppLoadContext, form: FormData, run: (caller: Caller) => Promise<T>, options: Options<T>) {
  const formId = text(form, "_formId") || text(form, "intent");
  const values = formValues(form);
  const t = createI18n(context.lang).t;
  let result: Awaited<ReturnType<typeof attempt<T>>>;
  try {
    result = await attempt(context, run);
  } catch (error) {
    if (error instanceof CaseFormRefusal) {
      const message = t(error.messageKey);
      const fieldErrors = error.field ? { [error.field]: message } : undefined;
      return json<FormResult>({ formId, ok: false, message: fieldErrors ? t("validation.prefix") : message, fieldErrors, values }, { status: 400 });
    }
    throw error;
  }
  if (result.ok) return redirect(options.then(result.data));
  const { error } = result;
  let fieldErrors: Record<string, string> | undefined;
  if (error.fieldErrors) {
    fieldErrors = {};
    for (const [path, message] of Object.entries(error.fieldErrors)) fieldErrors[options.fieldAliases?.[path] ?? path] ??= message;
  }
  // A stale version: the page is drawn again from the case as it is now; the person's input stays.
  const staleVersion = error.status === 409 && Boolean((error.details as { current?: unknown } | undefined)?.current);
  return json<FormResult>(
    {
      formId,
      ok: false,
      message: staleVersion ? t("caseDetail.conflict") : fieldErrors ? t("validation.prefix") : error.message,
      fieldErrors,
      conflict: staleVersion ? {} : undefined,
      values,
    },
    { status: error.status },
  );
}

/**
 * "Melding om behov" from the plan workspace: a notice to the coordinating unit about the plan's
 * owner. It answers like the plan's other forms (data with JavaScript, a redirect back to the
 * plan without), and the receipt carries the case reference.
 */
export async function needNoticeAction(context: AppLoadContext, request: Request, planId: string, form: FormData) {
  const formId = text(form, "_formId") || "need-notice";
  const values = formValues(form);
  const t = createI18n(context.lang).t;
  const result = await attempt(context, (caller) => caller.case.create({ type: "NEED_NOTICE", planId, description: text(form, "description") }));
  if (result.ok) {
    const { reference } = result.data;
    if (text(form, "_js") === "1") return json<FormResult>({ formId, ok: true, message: t("needNotice.sent", { reference }) });
    const url = new URL(request.url);
    url.searchParams.delete("lagret");
    url.searchParams.set("melding", reference);
    return redirect(`${url.pathname}${url.search}#behov`);
  }
  const { error } = result;
  return json<FormResult>(
    { formId, ok: false, message: error.fieldErrors ? t("validation.prefix") : error.message, fieldErrors: error.fieldErrors, values },
    { status: error.status },
  );
}
