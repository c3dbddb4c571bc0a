import { useActionData, useNavigation } from "@remix-run/react";
import type { FormResult } from "../lib/form-result.ts";

/**
 * One of a page's forms (a case page's, an administration page's). They are plain
 * `<Form method="post">`s (the same request with and without JavaScript), named by `_formId`;
 * success redirects back to the page, a refusal comes back as the route's action data for the
 * form with this id, with what the person sent so nothing is lost.
 */
export function usePageForm(formId: string) {
  const actionData = useActionData<FormResult>();
  const navigation = useNavigation();
  const result = actionData && actionData.formId === formId && !actionData.ok ? actionData : undefined;
  return {
    formId,
    /** The refusal this form got, if its last answer was one. */
    result,
    busy: navigation.state !== "idle" && navigation.formData?.get("_formId") === formId,
    /** What the person sent (after a refusal), else `fallback`. */
    value(name: string, fallback = ""): string {
      return result?.values?.[name] ?? fallback;
    },
    /** Whether a checkbox was ticked (after a refusal), else `fallback`. */
    checked(name: string, value: string, fallback: boolean): boolean {
      if (!result?.values) return fallback;
      return result.values[name] === value || (result.values[`${name}[]`] ?? "").split("\n").includes(value);
    },
    error(name: string): string | undefined {
      return result?.fieldErrors?.[name];
    },
  };
}

export type PageForm = ReturnType<typeof usePageForm>;
