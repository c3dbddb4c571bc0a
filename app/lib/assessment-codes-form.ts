import type { TFunction } from "i18next";
import { variableKey, type CodeList } from "../domain/assessment.ts";
import { codeListContentShape, codeListProblems } from "../domain/assessment-codes.ts";

// The form of /admin/kartlegging: the code list as rows of fields, back to a list the server
// takes, and the same rules as the server's checked first, so each field gets its own message
// and nothing typed is lost. Pure: used by the route's action and its form.
//
// Fields: areas.<i>.key|name|plain|remove, variables.<i>.system|code|text|plain|area|icf|levels|remove,
// newArea.key|name|plain, newVariable.system|code|text|plain|area|icf, maxAgeMonths.

/** The new variable's area is the new area typed in the same form. */
export const NEW_AREA = "__new__";

export interface AreaRow {
  key: string;
  name: string;
  plain: string;
  remove: boolean;
}

export interface VariableRow {
  system: string;
  code: string;
  text: string;
  plain: string;
  area: string;
  icf: string;
  /** The variable's own level words, as JSON, carried unchanged. */
  levels: string;
  remove: boolean;
}

export interface CodesDraft {
  areas: AreaRow[];
  variables: VariableRow[];
  newArea: { key: string; name: string; plain: string };
  newVariable: { system: string; code: string; text: string; plain: string; area: string; icf: string };
  maxAgeMonths: string;
}

export function draftOf(list: CodeList, maxAgeMonths: number): CodesDraft {
  return {
    areas: list.areas.map((a) => ({ ...a, remove: false })),
    variables: list.variables.map((v) => ({
      system: v.system,
      code: v.code,
      text: v.text,
      plain: v.plain,
      area: v.area,
      icf: v.icf ?? "",
      levels: v.levels ? JSON.stringify(v.levels) : "",
      remove: false,
    })),
    newArea: { key: "", name: "", plain: "" },
    newVariable: { system: "LOKAL", code: "", text: "", plain: "", area: "", icf: "" },
    maxAgeMonths: String(maxAgeMonths),
  };
}

export function draftFromValues(values: Record<string, string>): CodesDraft {
  const v = (name: string) => values[name] ?? "";
  const rows = (prefix: string) => {
    const indexes = new Set<number>();
    for (const name of Object.keys(values)) {
      const m = new RegExp(`^${prefix}\\.(\\d{1,4})\\.`).exec(name);
      if (m) indexes.add(Number(m[1]));
    }
    return [...indexes].sort((a, b) => a - b);
  };
  return {
    areas: rows("areas").map((i) => ({ key: v(`areas.${i}.key`), name: v(`areas.${i}.name`), plain: v(`areas.${i}.plain`), remove: v(`areas.${i}.remove`) === "yes" })),
    variables: rows("variables").map((i) => ({
      system: v(`variables.${i}.system`),
      code: v(`variables.${i}.code`),
      text: v(`variables.${i}.text`),
      plain: v(`variables.${i}.plain`),
      area: v(`variables.${i}.area`),
      icf: v(`variables.${i}.icf`),
      levels: v(`variables.${i}.levels`),
      remove: v(`variables.${i}.remove`) === "yes",
    })),
    newArea: { key: v("newArea.key"), name: v("newArea.name"), plain: v("newArea.plain") },
    newVariable: {
      system: v("newVariable.system"),
      code: v("newVariable.code"),
      text: v("newVariable.text"),
      plain: v("newVariable.plain"),
      area: v("newVariable.area"),
      icf: v("newVariable.icf"),
    },
    maxAgeMonths: v("maxAgeMonths"),
  };
}

const filled = (row: Record<string, string>, fields: string[]) => fields.some((f) => (row[f] ?? "").trim() !== "");

function levelsOf(json: string): unknown {
  if (!json.trim()) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}

export interface BuiltContent {
  content: { areas: unknown[]; variables: unknown[] };
  /** Each content row's form prefix ("variables.5", "newVariable"), by index. */
  fields: { areas: string[]; variables: string[] };
}

/** The list the server takes: rows not removed, then the new area and variable if filled in. */
export function contentOf(draft: CodesDraft): BuiltContent {
  const areas: unknown[] = [];
  const variables: unknown[] = [];
  const fields: BuiltContent["fields"] = { areas: [], variables: [] };
  draft.areas.forEach((a, i) => {
    if (a.remove) return;
    areas.push({ key: a.key, name: a.name, plain: a.plain });
    fields.areas.push(`areas.${i}`);
  });
  const newArea = filled(draft.newArea, ["key", "name", "plain"]);
  if (newArea) {
    areas.push({ ...draft.newArea });
    fields.areas.push("newArea");
  }
  draft.variables.forEach((v, i) => {
    if (v.remove) return;
    const levels = levelsOf(v.levels);
    variables.push({ system: v.system, code: v.code, text: v.text, plain: v.plain, area: v.area, ...(v.icf.trim() ? { icf: v.icf } : {}), ...(levels ? { levels } : {}) });
    fields.variables.push(`variables.${i}`);
  });
  if (filled(draft.newVariable, ["code", "text", "plain", "icf"])) {
    const nv = draft.newVariable;
    const area = nv.area === NEW_AREA ? draft.newArea.key.trim().toLowerCase() : nv.area;
    variables.push({ system: nv.system, code: nv.code, text: nv.text, plain: nv.plain, area, ...(nv.icf.trim() ? { icf: nv.icf } : {}) });
    fields.variables.push("newVariable");
  }
  return { content: { areas, variables }, fields };
}

/** "content.variables.3.area" → the form's field ("variables.5.area", "newVariable.area"). */
export function formFieldOf(path: string, fields: BuiltContent["fields"]): string {
  const m = /^(?:content\.)?(areas|variables)\.(\d+)\.(\w+)/.exec(path);
  if (!m) return path.replace(/^content\./, "");
  const prefix = fields[m[1] as "areas" | "variables"][Number(m[2])];
  return prefix ? `${prefix}.${m[3]}` : path;
}

/** Every content field's form name, for the server's own messages (the same rules; a fallback). */
export function fieldAliases(fields: BuiltContent["fields"]): Record<string, string> {
  const aliases: Record<string, string> = {};
  const add = (list: "areas" | "variables", names: string[]) =>
    fields[list].forEach((prefix, i) => names.forEach((n) => (aliases[`content.${list}.${i}.${n}`] = `${prefix}.${n}`)));
  add("areas", ["key", "name", "plain"]);
  add("variables", ["system", "code", "text", "plain", "area", "icf", "levels"]);
  return aliases;
}

function issueMessage(issue: { code: string; path: PropertyKey[]; maximum?: unknown; origin?: string }, t: TFunction): string {
  const field = String(issue.path[issue.path.length - 1] ?? "");
  if (issue.code === "too_small" && issue.origin === "array") return t(field === "areas" ? "assessmentCodes.errors.noArea" : "assessmentCodes.errors.noVariable");
  if (issue.code === "too_small") return t("assessmentCodes.errors.required");
  if (issue.code === "too_big") return t("assessmentCodes.errors.tooLong", { max: Number(issue.maximum) });
  if (issue.code === "invalid_format") {
    if (field === "system") return t("assessmentCodes.errors.systemFormat");
    if (field === "code") return t("assessmentCodes.errors.codeFormat");
    if (field === "icf") return t("assessmentCodes.errors.icfFormat");
    if (field === "key" || field === "area") return t("assessmentCodes.errors.keyFormat");
  }
  if (issue.code === "invalid_type" && field === "area") return t("assessmentCodes.errors.required");
  return t("assessmentCodes.errors.invalid");
}

/**
 * The form checked by the server's rules: per-field messages keyed by the form's names, or null.
 * Messages about the list as a whole are under "list".
 */
export function draftErrors(draft: CodesDraft, built: BuiltContent, lockedAreas: Record<string, string>, t: TFunction): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const maxAge = Number(draft.maxAgeMonths.trim());
  if (!/^\d{1,2}$/.test(draft.maxAgeMonths.trim()) || maxAge < 1 || maxAge > 60) errors.maxAgeMonths = t("assessmentCodes.errors.maxAge");
  if (draft.newVariable.code.trim() && !draft.newVariable.area) errors["newVariable.area"] = t("assessmentCodes.errors.required");
  const parsed = codeListContentShape.safeParse(built.content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const name = issue.path.length <= 1 ? "list" : formFieldOf(path, built.fields);
      errors[name] ??= issueMessage(issue as Parameters<typeof issueMessage>[0], t);
    }
  } else {
    for (const problem of codeListProblems(parsed.data, lockedAreas)) errors[formFieldOf(problem.field, built.fields)] ??= t(problem.messageKey, problem.params);
  }
  return Object.keys(errors).length ? errors : null;
}

/** The rows grouped by area, in the areas' order; each row keeps its index in the form. */
export function variablesByArea(draft: CodesDraft): { area: AreaRow; rows: { row: VariableRow; index: number }[] }[] {
  return draft.areas.map((area) => ({ area, rows: draft.variables.map((row, index) => ({ row, index })).filter(({ row }) => row.area === area.key) }));
}

export const keyOf = (row: { system: string; code: string }) => variableKey(row);
