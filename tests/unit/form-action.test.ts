import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../app/i18n/i18n.ts";
import { FormRefusal, formFieldName, handlerFor, runFormAction, savedAnswer } from "../../app/lib/form-action.server.ts";
import type { FormResult } from "../../app/lib/form-result.ts";

// The one runner behind every page's forms: what a person gets back after a success, a refusal
// decided in the page, a procedure's refusal, and someone else's change.

const { t } = createI18n("nb");

/** What a procedure refused with, as the load context describes it. */
class Refused extends Error {
  constructor(readonly described: { status: number; message: string; fieldErrors?: Record<string, string>; details?: unknown }) {
    super(described.message);
  }
}

const context = {
  caller: {},
  user: null,
  lang: "nb",
  cspNonce: "",
  describeError: (error: unknown) => (error instanceof Refused ? { code: "BAD_REQUEST", ...error.described } : { status: 500, code: "INTERNAL_SERVER_ERROR", message: "" }),
} as unknown as AppLoadContext;

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const fail = (described: ConstructorParameters<typeof Refused>[0]) => () => Promise.reject(new Refused(described));
const back = (form: FormData) => savedAnswer(form, new URL("http://portal.invalid/planer/1?lagret=x"));
const body = (response: Response) => response.json() as Promise<FormResult>;

describe("a saved form", () => {
  it("answers as data with JavaScript, and goes back to the page's part without", async () => {
    const js = formOf({ intent: "log-create", _js: "1" });
    const withJs = await runFormAction(context, js, () => Promise.resolve(1), { onSuccess: () => back(js) });
    expect(await body(withJs)).toEqual({ formId: "log-create", ok: true });

    const plain = formOf({ intent: "log-create", _anchor: "logg\"><script>" });
    const response = await runFormAction(context, plain, () => Promise.resolve(1), { onSuccess: () => back(plain) });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/planer/1?lagret=x#loggscript");
  });

  it("lets a handler answer the form itself with a response", async () => {
    const response = await runFormAction(context, formOf({ intent: "approve" }), () => Promise.reject(new Response(null, { status: 302, headers: { Location: "/moter/1?endret=1" } })), {
      onSuccess: () => {
        throw new Error("not a success");
      },
    });
    expect(response.headers.get("Location")).toBe("/moter/1?endret=1");
  });
});

describe("a refused form", () => {
  const never = () => {
    throw new Error("not a success");
  };

  it("gives a refusal decided in the page back at its field, with what the person sent", async () => {
    const form = formOf({ intent: "register", _formId: "register", subjectName: "Kari", _orig: "x" });
    const response = await runFormAction(context, form, () => Promise.reject(new FormRefusal("validation.required", "type")), { onSuccess: never });
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({
      formId: "register",
      ok: false,
      message: t("validation.prefix"),
      fieldErrors: { type: t("validation.required") },
      values: { intent: "register", subjectName: "Kari" },
    });
  });

  it("never gives an identity number or a password back, whoever built the values", async () => {
    const sent = { intent: "decide", grounds: "Vedtak", subjectIdentityNumber: "01019012345", guardian1Identity: "02029012345", password: "hemmelig1", newPassword: "hemmelig2" };
    for (const values of [undefined, sent]) {
      const response = await runFormAction(context, formOf(sent), () => Promise.reject(new FormRefusal("validation.required", "grounds")), { onSuccess: never, values });
      expect((await body(response)).values).toEqual({ intent: "decide", grounds: "Vedtak" });
    }
  });

  it("refuses an intent the page does not know, also one that is a property of every object", async () => {
    for (const intent of ["nothing", "constructor"]) {
      const form = formOf({ intent });
      const response = await runFormAction(context, form, () => handlerFor({ known: () => Promise.resolve(1) }, form)(), { onSuccess: never });
      expect(response.status).toBe(400);
      expect((await body(response)).message).toBe(t("errors.code.BAD_REQUEST"));
    }
  });

  it("names a procedure's field errors as the form does", async () => {
    const form = formOf({ intent: "measure-update" });
    const response = await runFormAction(context, form, fail({ status: 400, message: "x", fieldErrors: { "changes.title": "for lang", responsibleUserId: "velg" } }), {
      onSuccess: never,
      fieldName: formFieldName({ responsibleUserId: "responsible" }),
    });
    expect(await body(response)).toMatchObject({ message: t("validation.prefix"), fieldErrors: { title: "for lang", responsible: "velg" } });
  });

  it("after someone else's change, gives the row as it is now to merge with, or asks to look again", async () => {
    const form = formOf({ intent: "goal-update", title: "Mitt", "_orig.title": "Gammelt" });
    const stale = { status: 409, message: "Endret av en annen", details: { current: { title: "Deres", version: 4 } } };

    const merge = await runFormAction(context, form, fail(stale), { onSuccess: never, conflict: { kind: "merge" } });
    expect(merge.status).toBe(409);
    expect(await body(merge)).toMatchObject({ message: "Endret av en annen", conflict: { title: "Deres", version: 4 }, orig: { title: "Gammelt" } });

    const redraw = await runFormAction(context, form, fail(stale), { onSuccess: never, conflict: { kind: "redraw", messageKey: "caseDetail.conflict" } });
    expect(await body(redraw)).toMatchObject({ message: t("caseDetail.conflict"), conflict: {}, values: { title: "Mitt" } });

    const plain = await body(await runFormAction(context, form, fail(stale), { onSuccess: never }));
    expect(plain.conflict).toBeUndefined();
    expect(plain.message).toBe("Endret av en annen");
  });
});
