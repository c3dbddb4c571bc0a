import { z } from "zod";
import { variableKey } from "./assessment.ts";

// The shape and the rules of an assessment code list's content (server/assessments/codes.ts
// explains the versions). Pure: the server checks a saved version with it, and the
// administrator's page checks the form with the same words before it sends anything.

const slug = z.string().trim().min(1).max(40).regex(/^[a-z0-9æøå][a-z0-9æøå-]*$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const levelText = z.string().trim().max(200).optional();

export const codeListAreaSchema = z.object({ key: slug, name: text(80), plain: text(120) });

export const codeListVariableSchema = z.object({
  /** IPLOS, LOKAL, or another code system's short name: capital letters and digits. */
  system: z.string().trim().toUpperCase().min(2).max(16).regex(/^[A-Z][A-Z0-9]*$/),
  code: z.string().trim().toUpperCase().min(1).max(30).regex(/^[A-Z0-9ÆØÅ][A-Z0-9ÆØÅ_.-]*$/),
  text: text(120),
  plain: text(160),
  area: slug,
  /** An ICF code: b (body functions), d (activities and participation), e (environment) or s (structures) and digits: b1528, d450. */
  icf: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[bdes][0-9]{1,6}$/)
    .optional(),
  levels: z.object({ 1: levelText, 2: levelText, 3: levelText, 4: levelText, 5: levelText, 9: levelText }).strict().optional(),
});

/** The content of a version as stored (and as the administrator sends it): the shape only. */
export const codeListContentShape = z.object({
  areas: z.array(codeListAreaSchema).min(1).max(40),
  variables: z.array(codeListVariableSchema).min(1).max(200),
});
export type CodeListContent = z.infer<typeof codeListContentShape>;

export interface CodeListProblem {
  /** The input's path: "content.variables.3.area". */
  field: string;
  /** An i18n key under assessmentCodes.errors. */
  messageKey: string;
  params: Record<string, string>;
}

/**
 * The rules across rows: area and variable keys unique, every variable in one of the areas, and
 * a key used before keeps its area (`lockedAreas`: key → area, from every earlier version).
 * Pure, so the page checks with the same words as the server.
 */
export function codeListProblems(content: CodeListContent, lockedAreas: Record<string, string>): CodeListProblem[] {
  const problems: CodeListProblem[] = [];
  const areaKeys = new Set<string>();
  content.areas.forEach((area, i) => {
    if (areaKeys.has(area.key)) problems.push({ field: `content.areas.${i}.key`, messageKey: "assessmentCodes.errors.duplicateArea", params: { key: area.key } });
    areaKeys.add(area.key);
  });
  const variableKeys = new Set<string>();
  content.variables.forEach((variable, i) => {
    const key = variableKey(variable);
    if (variableKeys.has(key)) problems.push({ field: `content.variables.${i}.code`, messageKey: "assessmentCodes.errors.duplicateVariable", params: { key } });
    variableKeys.add(key);
    if (!areaKeys.has(variable.area)) {
      problems.push({ field: `content.variables.${i}.area`, messageKey: "assessmentCodes.errors.unknownArea", params: { key, area: variable.area } });
    } else if (Object.hasOwn(lockedAreas, key) && lockedAreas[key] !== variable.area) {
      problems.push({ field: `content.variables.${i}.area`, messageKey: "assessmentCodes.errors.areaLocked", params: { key, area: lockedAreas[key]! } });
    }
  });
  return problems;
}

