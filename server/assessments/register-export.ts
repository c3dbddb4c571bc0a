import { z } from "zod";
import { DEFAULT_CODE_LIST, variableKey } from "../../app/domain/assessment.ts";
import { calendarDay, osloDate } from "../../app/domain/oslo-time.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { registerPseudonym } from "../identity/protect.ts";
import { rolePolicy } from "../records/policy.ts";
import { planRows, read } from "../records/read.ts";

// The register's fields, handed over (issue 15, part 6): one row per service user with an active
// or closed plan, for the municipality's record system to report to the national register (IPLOS).
// The person is a pseudonymous reference (HMAC-SHA-256 of their id with a key derived from
// IDENTITY_KEY, server/identity/protect.ts): no name, identity number, user id or plan id.
// Only the KE leader may download it; each download writes one read audit row.
//
// Per person, one plan: an individual plan (type IP) before other plan types, an active plan
// before a closed one, then the latest start. "Granted" is the day the plan's application
// (IP_APPLICATION) was decided GRANTED or PARTLY_GRANTED, else the plan's start date. The
// coordinator is the plan's current term (none for a closed plan whose term ended). The latest
// assessment is the plan's newest, with the scores it gave, keyed by variable ("IPLOS:06").

export const registerExportInput = z.object({ format: z.enum(["csv", "json"]).default("csv") });
export type RegisterExportInput = z.infer<typeof registerExportInput>;

export interface RegisterRow {
  reference: string;
  individualPlan: boolean;
  planType: string;
  /** "YYYY-MM-DD" or null. */
  grantedOn: string | null;
  planStatus: "ACTIVE" | "CLOSED";
  coordinator: boolean;
  coordinatorFrom: string | null;
  latestAssessmentOn: string | null;
  scores: Record<string, number>;
}

interface Raw {
  planId: string;
  ownerId: string;
  type: string;
  status: "ACTIVE" | "CLOSED";
  startDate: Date | null;
  grantedAt: Date | null;
  coordinatorFrom: Date | null;
  assessedOn: Date | null;
  scores: Record<string, number> | string | null;
}

/** The rows, built by one query: per person the chosen plan, its decision, coordinator and latest assessment. */
/** The rows, and the plans they were read from (for each person's access log, never for the file). */
async function registerRows(tx: Tx, municipalityId: string): Promise<{ rows: RegisterRow[]; planIds: string[] }> {
  const raws = await tx.$queryRaw<Raw[]>`
    WITH chosen AS (
      SELECT DISTINCT ON (p."ownerId") p."id", p."ownerId", p."type"::text AS type, p."status"::text AS status, p."startDate"
      FROM "Plan" p
      WHERE p."municipalityId" = ${municipalityId} AND p."status" IN ('ACTIVE', 'CLOSED')
      ORDER BY p."ownerId", (p."type" = 'IP') DESC, (p."status" = 'ACTIVE') DESC, p."startDate" DESC NULLS LAST, p."createdAt" DESC
    )
    SELECT c."id" AS "planId", c."ownerId", c.type, c.status, c."startDate",
           (SELECT min(k."decidedAt") FROM "Case" k
             WHERE k."planId" = c."id" AND k."municipalityId" = ${municipalityId}
               AND k."type" = 'IP_APPLICATION' AND k."outcome" IN ('GRANTED', 'PARTLY_GRANTED')) AS "grantedAt",
           (SELECT max(ca."startedAt") FROM "CoordinatorAssignment" ca WHERE ca."planId" = c."id" AND ca."endedAt" IS NULL) AS "coordinatorFrom",
           la."assessedOn",
           (SELECT json_object_agg(s."variable", s."score") FROM "AssessmentScore" s WHERE s."assessmentId" = la."id") AS scores
    FROM chosen c
    LEFT JOIN LATERAL (
      SELECT a."id", a."assessedOn" FROM "Assessment" a WHERE a."planId" = c."id" ORDER BY a."assessedOn" DESC, a."createdAt" DESC LIMIT 1
    ) la ON true`;
  const rows = raws
    .map((r): RegisterRow => {
      const scores = typeof r.scores === "string" ? (JSON.parse(r.scores) as Record<string, number>) : (r.scores ?? {});
      return {
        reference: registerPseudonym(r.ownerId),
        individualPlan: r.type === "IP",
        planType: r.type,
        grantedOn: r.grantedAt ? osloDate(r.grantedAt) : r.startDate ? calendarDay(r.startDate) : null,
        planStatus: r.status,
        coordinator: r.coordinatorFrom !== null,
        coordinatorFrom: r.coordinatorFrom ? osloDate(r.coordinatorFrom) : null,
        latestAssessmentOn: r.assessedOn ? calendarDay(r.assessedOn) : null,
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
      };
    })
    .sort((a, b) => a.reference.localeCompare(b.reference));
  return { rows, planIds: raws.map((r) => r.planId) };
}

/** Column names are a format for the record system, not UI text: fixed and in one language. */
const FIXED_COLUMNS = ["referanse", "individuell_plan", "plantype", "innvilget_dato", "planstatus", "koordinator", "koordinator_fra_dato", "siste_kartlegging_dato"];

/** The default list's variables in its order, then any other variable the rows hold. */
function variableColumns(rows: RegisterRow[]): string[] {
  const known = DEFAULT_CODE_LIST.variables.map(variableKey);
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))].filter((k) => !known.includes(k)).sort();
  return [...known, ...extra];
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registerCsv(rows: RegisterRow[]): string {
  const variables = variableColumns(rows);
  const yes = (b: boolean) => (b ? "ja" : "nei");
  const lines = [
    [...FIXED_COLUMNS, ...variables],
    ...rows.map((r) => [
      r.reference,
      yes(r.individualPlan),
      r.planType,
      r.grantedOn ?? "",
      r.planStatus,
      yes(r.coordinator),
      r.coordinatorFrom ?? "",
      r.latestAssessmentOn ?? "",
      ...variables.map((v) => (r.scores[v] === undefined ? "" : String(r.scores[v]))),
    ]),
  ];
  // As the dashboard's files: a byte-order mark for Excel, semicolons, CRLF.
  return `\uFEFF${lines.map((line) => `${line.map(csvCell).join(";")}\r\n`).join("")}`;
}

export interface RegisterFile {
  fileName: string;
  contentType: string;
  content: string;
  rows: number;
}

const KE_LEADER_ONLY = rolePolicy(["KE_LEADER"], "assessmentFigures.registerExport.refused");

/**
 * The file for the KE leader; everyone else is refused before anything is read. The rows are
 * read outside the audit's transaction (for 100,000 people it takes longer than an interactive
 * transaction may stay open); the file is handed out only once its read row is written.
 */
export async function exportRegisterFields(prisma: PrismaClient, actor: SessionUser, input: RegisterExportInput, meta: RequestMeta): Promise<RegisterFile> {
  const { municipalityId } = await KE_LEADER_ONLY.resolve(prisma, actor);
  const [{ rows, planIds }, municipality] = await Promise.all([
    registerRows(prisma, municipalityId),
    prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { number: true } }),
  ]);
  const today = osloDate(new Date());
  const fileName = `registeropplysninger-${municipality.number}-${today}.${input.format}`;
  const content =
    input.format === "csv"
      ? registerCsv(rows)
      : JSON.stringify({ municipality: municipality.number, date: today, columns: { scores: variableColumns(rows) }, rows });
  const file = { fileName, contentType: input.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8", content, rows: rows.length };
  // One read row per person's plan, so "Hvem har sett planen min" shows the hand-over to each.
  return read(prisma, actor, meta, KE_LEADER_ONLY, "assessment.register_export", async () => ({
    result: file,
    rows: planRows(planIds),
    details: { format: input.format, rows: rows.length },
  }));
}
