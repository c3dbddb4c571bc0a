import type { ZodError } from "zod";
import type { Lang } from "../../app/i18n/resources.ts";
import { translate } from "../i18n.ts";

type Issue = ZodError["issues"][number];

// Plain-language messages for invalid input, in the caller's language, naming the field.
function issueMessage(issue: Issue, lang: Lang): string {
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1
        ? translate(lang, "validation.required")
        : translate(lang, issue.origin === "string" ? "validation.tooShort" : "validation.tooSmall", {
            min: Number(issue.minimum),
          });
    case "too_big":
      return translate(lang, issue.origin === "string" ? "validation.tooLong" : "validation.tooBig", {
        max: Number(issue.maximum),
      });
    case "invalid_type":
      // zod does not include the input by default; its English message names what it received.
      return /received (undefined|null)$/.test(issue.message)
        ? translate(lang, "validation.required")
        : translate(lang, "validation.invalidType");
    case "invalid_format":
      return translate(lang, issue.format === "email" ? "validation.email" : "validation.invalidFormat");
    case "invalid_value":
      return translate(lang, "validation.invalidValue");
    case "unrecognized_keys":
      return translate(lang, "validation.unknownField", { fields: issue.keys.join(", ") });
    case "custom": {
      // Cross-field rules (`.refine`) name a key under validation.* as their message.
      const key = `validation.${issue.message}`;
      const text = translate(lang, key);
      return text === key ? translate(lang, "validation.invalid") : text;
    }
    default:
      return translate(lang, "validation.invalid");
  }
}

export function formatZodError(error: ZodError, lang: Lang) {
  const fieldErrors: Record<string, string> = {};
  const parts: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "input";
    const message = issueMessage(issue, lang);
    fieldErrors[field] ??= message;
    parts.push(`${field}: ${message}`);
  }
  return { message: `${translate(lang, "validation.prefix")} ${parts.join("; ")}`, fieldErrors };
}
