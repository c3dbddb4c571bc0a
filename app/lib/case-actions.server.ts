import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type AppLoadContext,
} from "@remix-run/node";
import { CaseOutcome, isOneOf, MAX_DOCUMENT_BYTES, TEMPLATE_PLAN_TYPES, type TemplatePlanType } from "../domain/schemas.ts";
import type { Caller } from "../../server/router.ts";
import { createI18n } from "../i18n/i18n.ts";
import { attempt } from "./call.server.ts";
import { formFieldName, FormRefusal, handlerFor, runFormAction, savedAnswer } from "./form-action.server.ts";
import { optionalText, text } from "./form-values.ts";
import { shorten } from "../domain/text.ts";

// The case pages' forms post to their route's action, which runs them here: a success
// redirects (post/redirect/get, the same with and without JavaScript), a refusal answers the
// form with a message in the person's language and what they sent.

interface Options<T> {
  /** Where to go after a success. */
  then: (data: T) => string;
  /** Procedure input names that are called something else in the form. */
  fieldAliases?: Record<string, string>;
}

export function caseFormAction<T>(context: AppLoadContext, form: FormData, run: (caller: Caller) => Promise<T>, options: Options<T>) {
  return runFormAction(context, form, run, {
    fieldName: formFieldName(options.fieldAliases),
    // A stale version: the page is drawn again from the case as it is now; the person's input stays.
    conflict: { kind: "redraw", messageKey: "caseDetail.conflict" },
    onSuccess: (data) => redirect(options.then(data)),
  });
}

type Handler = (caller: Caller, form: FormData, caseId: string) => Promise<unknown>;

const version = (form: FormData) => Number(text(form, "version"));

/** The case workspace's forms (/saker/<id>). */
const handlers: Record<string, Handler> = {
  assign: (caller, form, caseId) => caller.case.assign({ caseId, version: version(form), officerId: text(form, "officerId") }),
  note: (caller, form, caseId) => caller.case.addNote({ caseId, body: text(form, "body") }),
  interim: (caller, form, caseId) => caller.case.sendInterimReply({ caseId, version: version(form), reason: optionalText(form, "reason") }),
  decide: (caller, form, caseId) => {
    const outcome = text(form, "outcome");
    if (!isOneOf(CaseOutcome.options, outcome)) throw new FormRefusal("validation.required", "outcome");
    return caller.case.decide({
      caseId,
      version: version(form),
      outcome,
      grounds: text(form, "grounds"),
      complaintInfo: optionalText(form, "complaintInfo"),
      coordinatorId: optionalText(form, "coordinatorId"),
      handoverNote: optionalText(form, "handoverNote"),
      subjectIdentityNumber: optionalText(form, "subjectIdentityNumber"),
      representatives: guardians(form),
      planType: isOneOf(TEMPLATE_PLAN_TYPES, text(form, "planType")) ? (text(form, "planType") as TemplatePlanType) : undefined,
    });
  },
  close: (caller, form, caseId) => {
    // Closing an undecided case (withdrawn, not to be considered) must be meant.
    if (text(form, "undecided") === "yes" && text(form, "confirm") !== "yes") throw new FormRefusal("caseDetail.closeConfirmRequired", "confirm");
    return caller.case.close({ caseId, version: version(form) });
  },
};

/** How many parents or guardians the decision form offers for a child. */
export const GUARDIAN_SLOTS = 2;

/** The parents or guardians filled in on the decision form (guardian1Name, guardian1Identity, guardian1LegalBasis, …). */
function guardians(form: FormData) {
  const filled = [];
  for (let n = 1; n <= GUARDIAN_SLOTS; n++) {
    const name = optionalText(form, `guardian${n}Name`);
    const identityNumber = optionalText(form, `guardian${n}Identity`);
    if (!name && !identityNumber) continue;
    if (!name) throw new FormRefusal("validation.required", `guardian${n}Name`);
    if (!identityNumber) throw new FormRefusal("validation.required", `guardian${n}Identity`);
    filled.push({ name, identityNumber, legalBasis: optionalText(form, `guardian${n}LegalBasis`) });
  }
  return filled.length ? filled : undefined;
}

/** The guardians' fields in the procedure's input, by the form's names. */
const GUARDIAN_ALIASES = Object.fromEntries(
  Array.from({ length: GUARDIAN_SLOTS }, (_, i) => [
    [`representatives.${i}.name`, `guardian${i + 1}Name`],
    [`representatives.${i}.identityNumber`, `guardian${i + 1}Identity`],
    [`representatives.${i}.legalBasis`, `guardian${i + 1}LegalBasis`],
  ]).flat(),
);

/** The part of the case page each form goes back to. */
const ANCHORS: Record<string, string> = { assign: "saksbehandler", note: "notater", interim: "forelopig-svar", decide: "avgjorelse", close: "avslutt" };

/**
 * The case workspace's form as posted. An uploaded file is read part by part and refused as soon
 * as it passes the document limit, never held whole first; null when it did.
 */
export async function readCaseForm(request: Request): Promise<FormData | null> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

/** Runs one of the case workspace's forms for the case `caseId`. */
export function caseAction(context: AppLoadContext, caseId: string, form: FormData) {
  const intent = text(form, "intent");
  if (intent === "document") return uploadDocument(context, caseId, form);
  if (intent === "link") return linkSubject(context, caseId, form);
  return caseFormAction(context, form, (caller) => handlerFor(handlers, form)(caller, form, caseId), {
    // A grant that linked the case to the person's open plan says so.
    then: (data) => `/saker/${caseId}?lagret=${intent === "decide" && (data as { planLinked?: boolean } | null)?.planLinked ? "decide-linked" : intent}#${ANCHORS[intent] ?? ""}`,
    fieldAliases: GUARDIAN_ALIASES,
  });
}

/** A file from the upload form, checked, then handed to case.addDocument as base64. */
async function uploadDocument(context: AppLoadContext, caseId: string, form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || file.size > MAX_DOCUMENT_BYTES) {
    return json({ documentError: createI18n(context.lang).t("case.documentTooLarge") }, { status: 400 });
  }
  const result = await attempt(context, async (caller) =>
    caller.case.addDocument({
      caseId,
      name: shorten(file.name, 200) || "dokument",
      mimeType: file.type || "application/octet-stream",
      contentBase64: Buffer.from(await file.arrayBuffer()).toString("base64"),
    }),
  );
  if (!result.ok) return json({ documentError: result.error.message }, { status: result.error.status });
  return redirect(`/saker/${caseId}?lagret=document#dokumenter`);
}

/** A case that came in by name, linked to the account the officer chose. */
async function linkSubject(context: AppLoadContext, caseId: string, form: FormData) {
  const result = await attempt(context, (caller) => caller.case.linkSubject({ caseId, version: version(form), userId: text(form, "userId") }));
  if (!result.ok) return json({ linkError: result.error.message }, { status: result.error.status });
  return redirect(`/saker/${caseId}?lagret=link`);
}

/**
 * "Melding om behov" from the plan workspace: a notice to the coordinating unit about the plan's
 * owner. It answers like the plan's other forms (data with JavaScript, a redirect back to the
 * plan without), and the receipt carries the case reference.
 */
export function needNoticeAction(context: AppLoadContext, request: Request, planId: string, form: FormData) {
  return runFormAction(context, form, (caller) => caller.case.create({ type: "NEED_NOTICE", planId, description: text(form, "description") }), {
    onSuccess: ({ reference }, t) => {
      const page = new URL(request.url);
      page.searchParams.delete("lagret");
      page.searchParams.set("melding", reference);
      return savedAnswer(form, page, { anchor: "behov", message: t("needNotice.sent", { reference }) });
    },
  });
}
