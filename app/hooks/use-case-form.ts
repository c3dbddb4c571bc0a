import { useActionData, useNavigation } from "@remix-run/react";
import type { FormResult } from "../lib/form-result.ts";

/**
 * One of a case page's forms. They are plain `<Form method="post">`s (the same request with and
 * without JavaScript); success redirects back to the page, a refusal comes back as the route's
 * action data for the form with this id, with what the person sent so nothing is lost.
 */
export function useCaseForm(formId: string) {
  const actionData = useActionData<FormResult>();
  const navigation = useNavigation();
  const result = actionData && actionData.formId === formId && !actionData.ok ? actionData : undefined;
  return {
    formId,
    /** The refusal this form got, if its last answer was one. */
    result,
    busy: navigation.state !== "idle" && navigation.formData?.get("_formId") === formId,
    value(name: string): string {
      return result?.values?.[name] ?? "";
    },
    error(name: string): string | undefined {
      return result?.fieldErrors?.[name];
    },
  };
}

export type CaseForm = ReturnType<typeof useCaseForm>;
