import { z } from "zod";
import { DEFAULT_ASSESSMENT_MAX_AGE_MONTHS, DEFAULT_CODE_LIST, variableKey, type CodeList } from "../../app/domain/assessment.ts";
import { codeListContentShape, codeListProblems } from "../../app/domain/assessment-codes.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { uniqueViolation } from "../db/unique.ts";
import { DomainError, notFound } from "../errors.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";

// The municipality's code list for Kartlegging (issue 15; seed-002 §1.2–1.3): life areas and the
// variables scored in them, each named by code system and code ("IPLOS:06", "LOKAL:TRYGGHET"),
// with the staff's text, a plain-language text for the person, and room for an ICF code.
// Versions: 0 is DEFAULT_CODE_LIST, shipped in code; the administrator saves version 1, 2, …
// as new rows, and a saved version is never changed, so every assessment can be read with the
// list it was made with (Assessment.codeListVersion).
//
// One rule across versions: a variable's key keeps the life area it was first given, in every
// later version. Scores, own views and goals store the area beside the variable, and the
// figures compare "first and latest assessment per area"; if the same key could move, an
// area's history would silently gain or lose a variable. Texts, the plain text and the ICF
// code may change, and a variable may be left out of a new version (old scores keep it); to
// measure something in another area, add a new variable with a new code.

export { codeListContentShape, codeListProblems, type CodeListContent, type CodeListProblem } from "../../app/domain/assessment-codes.ts";

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

function parseStored(version: number, content: unknown): CodeList {
  const parsed = codeListContentShape.safeParse(content);
  // Only the portal writes these rows, through saveCodeList; anything else is a broken database.
  if (!parsed.success) throw new Error(`Assessment code list version ${version} is not valid: ${parsed.error.message}`);
  return { version, ...(parsed.data as Omit<CodeList, "version">) };
}

/** The municipality's code list now: its newest saved version, or version 0 when it has saved none. */
export async function currentCodeList(tx: Tx, municipalityId: string): Promise<CodeList> {
  const row = await tx.assessmentCodeList.findFirst({ where: { municipalityId }, ...NEWEST_CODE_LIST });
  return currentCodeListOf(row ? [row] : []);
}

/** What a read of the municipality selects of its code lists for `currentCodeListOf`. */
export const NEWEST_CODE_LIST = { orderBy: { version: "desc" as const }, take: 1, select: { version: true, content: true } };

/** The code list now, from the rows NEWEST_CODE_LIST read, as `currentCodeList` answers. */
export function currentCodeListOf(rows: { version: number; content: unknown }[]): CodeList {
  const [row] = rows;
  return row ? parseStored(row.version, row.content) : DEFAULT_CODE_LIST;
}

/** One version of the municipality's code list (0: DEFAULT_CODE_LIST); NOT_FOUND when there is no such version. */
export async function codeListVersion(tx: Tx, municipalityId: string, version: number): Promise<CodeList> {
  if (version === 0) return DEFAULT_CODE_LIST;
  const row = await tx.assessmentCodeList.findUnique({ where: { municipalityId_version: { municipalityId, version } }, select: { version: true, content: true } });
  if (!row) throw notFound();
  return parseStored(row.version, row.content);
}

/** Every variable key's area in every version so far (version 0 included): the areas they keep. */
async function lockedAreasOf(tx: Tx, municipalityId: string): Promise<Record<string, string>> {
  const rows = await tx.assessmentCodeList.findMany({ where: { municipalityId }, orderBy: { version: "asc" }, select: { version: true, content: true } });
  const locked: Record<string, string> = {};
  for (const list of [DEFAULT_CODE_LIST, ...rows.map((r) => parseStored(r.version, r.content))]) {
    for (const v of list.variables) locked[variableKey(v)] ??= v.area;
  }
  return locked;
}

/** The administrator's page: the list now, the out-of-date limit, every saved version and the areas keys keep. */
export async function codeListForAdmin(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await ADMIN_ONLY.resolve(prisma, actor);
  const [current, municipality, rows, lockedAreas] = await Promise.all([
    currentCodeList(prisma, municipalityId),
    prisma.municipality.findUnique({ where: { id: municipalityId }, select: { assessmentMaxAgeMonths: true } }),
    prisma.assessmentCodeList.findMany({ where: { municipalityId }, orderBy: { version: "desc" }, select: { version: true, createdAt: true, createdById: true } }),
    lockedAreasOf(prisma, municipalityId),
  ]);
  const ids = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => Boolean(id)))];
  const people = ids.length ? await prisma.user.findMany({ where: { id: { in: ids }, municipalityId }, select: { id: true, name: true } }) : [];
  return {
    current,
    maxAgeMonths: municipality?.assessmentMaxAgeMonths ?? DEFAULT_ASSESSMENT_MAX_AGE_MONTHS,
    versions: rows.map((r) => ({ version: r.version, createdAt: r.createdAt, createdBy: people.find((p) => p.id === r.createdById)?.name ?? null })),
    lockedAreas,
  };
}

export const saveCodeListInput = z.object({
  /** The version the administrator started from: a newer one saved meanwhile is a conflict. */
  basedOnVersion: z.number().int().min(0),
  content: codeListContentShape,
  maxAgeMonths: z.number().int().min(1).max(60),
});
export type SaveCodeListInput = z.infer<typeof saveCodeListInput>;

const conflict = (version: number) => new DomainError("CONFLICT", "assessmentCodes.errors.conflict", { version });

/** The administrator saves the list as a new version (latest + 1) and the out-of-date limit. */
export async function saveCodeList(prisma: PrismaClient, actor: SessionUser, input: SaveCodeListInput, meta: RequestMeta) {
  try {
    return await write(prisma, actor, meta, ADMIN_ONLY, "assessment.codes", async (tx, { municipalityId }) => {
      const latest = await tx.assessmentCodeList.findFirst({ where: { municipalityId }, orderBy: { version: "desc" }, select: { version: true } });
      const latestVersion = latest?.version ?? 0;
      if (input.basedOnVersion !== latestVersion) throw conflict(latestVersion);
      const problems = codeListProblems(input.content, await lockedAreasOf(tx, municipalityId));
      if (problems.length) {
        const first = problems[0]!;
        throw new DomainError("BAD_REQUEST", first.messageKey, first.params, { field: first.field, problems });
      }
      const before = await currentCodeList(tx, municipalityId);
      const version = latestVersion + 1;
      const content = { areas: input.content.areas, variables: input.content.variables.map(({ icf, levels, ...v }) => ({ ...v, ...(icf ? { icf } : {}), ...(levels ? { levels } : {}) })) };
      // Two administrators saving from the same version: the unique [municipalityId, version] lets one win.
      const row = await tx.assessmentCodeList.create({ data: { municipalityId, version, content, createdById: actor.id }, select: { id: true, createdAt: true } });
      await tx.municipality.update({ where: { id: municipalityId }, data: { assessmentMaxAgeMonths: input.maxAgeMonths } });
      const keys = (list: { variables: { system: string; code: string }[] }) => list.variables.map(variableKey);
      const beforeKeys = keys(before);
      const afterKeys = keys(content);
      return {
        result: { version, createdAt: row.createdAt },
        target: { type: "assessmentCodeList", id: row.id },
        details: {
          version,
          basedOnVersion: input.basedOnVersion,
          areas: content.areas.length,
          variables: afterKeys.length,
          added: afterKeys.filter((k) => !beforeKeys.includes(k)),
          removed: beforeKeys.filter((k) => !afterKeys.includes(k)),
          maxAgeMonths: input.maxAgeMonths,
        },
      };
    });
  } catch (error) {
    const unique = uniqueViolation(error);
    if (unique?.model === "AssessmentCodeList") {
      const latest = await prisma.assessmentCodeList.findFirst({ where: { municipalityId: actor.municipalityId }, orderBy: { version: "desc" }, select: { version: true } });
      throw conflict(latest?.version ?? 0);
    }
    throw error;
  }
}
