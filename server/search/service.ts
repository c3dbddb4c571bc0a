import type { z } from "zod";
import { KE_ROLES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { planContentWhere, planPolicy } from "../plans/access.ts";
import { rolePolicy, selfPolicy } from "../records/policy.ts";
import { read } from "../records/read.ts";
import { hasCriteria, parseQuery, prefixQuery, SEARCH_LIMIT, type ParsedQuery, type searchInPlanInput, type searchInput } from "./query.ts";

// Search (issue 13, docs/decisions/026). Three searches, each through read() with its own policy
// and one read row:
// - search.plans: the plans the person may open (the same rule as their lists, planContentWhere);
//   for the coordinating unit every plan of its municipality. By the person's name, birth date
//   and the plan's number. Only what identifies a plan: never its content.
// - search.cases: the coordinating unit's cases, by the same.
// - plan.search: the words of a plan's goals and measures, for those who may read the plan
//   (the coordinating unit only with a stated purpose), in Norwegian, skipping deleted rows.

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

/** The name, birth date and number conditions on the given columns, ANDed; null when the query has none. */
function criteria(parsed: ParsedQuery, columns: { name: Prisma.Sql; birthDate: Prisma.Sql; number: Prisma.Sql }, numberPrefix: string) {
  const parts: Prisma.Sql[] = [];
  const words = prefixQuery(parsed.words);
  if (words) parts.push(Prisma.sql`to_tsvector('simple', search_fold(${columns.name})) @@ to_tsquery('simple', search_fold(${words}))`);
  if (parsed.birthDate) parts.push(Prisma.sql`${columns.birthDate} = ${parsed.birthDate}::date`);
  if (parsed.number) parts.push(Prisma.sql`${columns.number} = ${numberPrefix + parsed.number}`);
  return parts.length ? Prisma.join(parts, " AND ") : null;
}

export async function searchPlans(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof searchInput>, meta: RequestMeta) {
  const ke = hasAnyRole(actor, KE_ROLES);
  const parsed = parseQuery(input.q);
  // The coordinating unit looks through every person of the municipality: a role's work. Anyone
  // else looks only among their own plans.
  const policy = ke ? rolePolicy(KE_ROLES) : selfPolicy;
  return read(prisma, actor, meta, policy, "search.plans", async (tx) => {
    const result = await findPlans(tx, actor, parsed, ke);
    return { result, details: searchDetails(parsed, result.items.map((p) => p.id)) };
  });
}

async function findPlans(tx: Tx, actor: SessionUser, parsed: ParsedQuery, ke: boolean) {
  const empty = { items: [] as PlanHit[], more: false };
  const where = criteria(parsed, { name: Prisma.sql`u."name"`, birthDate: Prisma.sql`u."birthDate"`, number: Prisma.sql`p."number"` }, "P");
  if (!where || !hasCriteria(parsed)) return empty;
  // Who may open what is decided once, by the plans' own rule; the search only narrows it.
  const openable = await tx.plan.findMany({ where: planContentWhere(actor), select: { id: true } });
  const openableIds = new Set(openable.map((p) => p.id));
  if (!ke && !openableIds.size) return empty;
  const among = ke ? Prisma.empty : Prisma.sql`AND p."id" IN (${Prisma.join([...openableIds])})`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT p."id" FROM "Plan" p JOIN "User" u ON u."id" = p."ownerId"
     WHERE p."municipalityId" = ${actor.municipalityId} ${among} AND ${where}
     ORDER BY (p."status" = 'CLOSED'), u."name", p."number"
     LIMIT ${SEARCH_LIMIT + 1}`;
  const ids = rows.slice(0, SEARCH_LIMIT).map((r) => r.id);
  const plans = await tx.plan.findMany({
    // The same rule again, as the list's own guard: the municipality, and for anyone but the
    // coordinating unit their own plans.
    where: { id: { in: ids }, ...(ke ? { municipalityId: actor.municipalityId } : planContentWhere(actor)) },
    select: {
      id: true,
      number: true,
      type: true,
      status: true,
      owner: { select: { name: true, birthDate: true } },
      currentCoordinator: { select: { name: true } },
    },
  });
  const byId = new Map(plans.map((p) => [p.id, p]));
  const items = ids.flatMap((planId) => {
    const p = byId.get(planId);
    if (!p) return [];
    return [
      {
        id: p.id,
        number: p.number,
        type: p.type,
        status: p.status,
        name: p.owner.name,
        birthDate: day(p.owner.birthDate),
        coordinator: p.currentCoordinator?.name ?? null,
        // The coordinating unit opens a plan it takes no part in only with a stated purpose.
        needsPurpose: !openableIds.has(p.id),
      },
    ];
  });
  return { items, more: rows.length > SEARCH_LIMIT };
}

export type PlanHit = { id: string; number: string; type: string; status: string; name: string; birthDate: string | null; coordinator: string | null; needsPurpose: boolean };

export async function searchCases(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof searchInput>, meta: RequestMeta) {
  const parsed = parseQuery(input.q);
  return read(prisma, actor, meta, rolePolicy(KE_ROLES), "search.cases", async (tx) => {
    const result = await findCases(tx, actor, parsed);
    return { result, details: searchDetails(parsed, result.items.map((c) => c.id)) };
  });
}

async function findCases(tx: Tx, actor: SessionUser, parsed: ParsedQuery) {
  const where = criteria(
    parsed,
    { name: Prisma.sql`c."subjectName"`, birthDate: Prisma.sql`coalesce(c."subjectBirthDate", u."birthDate")`, number: Prisma.sql`c."reference"` },
    "",
  );
  if (!where) return { items: [], more: false };
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Case" c LEFT JOIN "User" u ON u."id" = c."subjectUserId"
     WHERE c."municipalityId" = ${actor.municipalityId} AND ${where}
     ORDER BY c."receivedAt" DESC, c."id"
     LIMIT ${SEARCH_LIMIT + 1}`;
  const ids = rows.slice(0, SEARCH_LIMIT).map((r) => r.id);
  const cases = await tx.case.findMany({
    where: { id: { in: ids }, municipalityId: actor.municipalityId },
    select: { id: true, reference: true, type: true, status: true, subjectName: true, subjectBirthDate: true, subjectUserId: true, assignedToId: true, receivedAt: true },
  });
  const people = await tx.user.findMany({
    where: { municipalityId: actor.municipalityId, id: { in: cases.flatMap((c) => [c.subjectUserId, c.assignedToId]).filter((v): v is string => v !== null) } },
    select: { id: true, name: true, birthDate: true },
  });
  const person = new Map(people.map((p) => [p.id, p]));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const items = ids.flatMap((caseId) => {
    const c = byId.get(caseId);
    if (!c) return [];
    return [
      {
        id: c.id,
        reference: c.reference,
        type: c.type,
        status: c.status,
        name: c.subjectName,
        birthDate: day(c.subjectBirthDate ?? (c.subjectUserId ? (person.get(c.subjectUserId)?.birthDate ?? null) : null)),
        assignedTo: c.assignedToId ? (person.get(c.assignedToId)?.name ?? null) : null,
        receivedAt: c.receivedAt.toISOString(),
      },
    ];
  });
  return { items, more: rows.length > SEARCH_LIMIT };
}

/**
 * What the read row keeps of a search: what it was searched by and what was shown, not the words
 * typed (a name typed is not a thing the person was shown).
 */
function searchDetails(parsed: ParsedQuery, shown: string[]): Prisma.InputJsonValue {
  const by = [parsed.words.length ? "name" : null, parsed.birthDate ? "birthDate" : null, parsed.number ? "number" : null].filter((v): v is string => v !== null);
  return { by, count: shown.length, shown };
}

// Marks around a hit in a snippet: private-use characters, which no text in a plan holds, so the
// page can mark them without reading any markup from the text.
const MARK_START = "\uE000";
const MARK_END = "\uE001";
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=18, MinWords=6, MaxFragments=2, FragmentDelimiter=" … "`;

export interface ContentHit {
  kind: "goal" | "measure";
  id: string;
  /** The goal a measure belongs to, or a sub-goal's parent. */
  parentId: string | null;
  title: string;
  /** Words around the hits, with the hits between \uE000 and \uE001. */
  snippet: string;
}

export async function searchInPlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof searchInPlanInput>, meta: RequestMeta) {
  const parsed = parseQuery(input.q);
  // The words are searched as words: a date or a number typed is a word here too.
  const words = prefixQuery([...parsed.words, ...(parsed.birthDate ? [parsed.birthDate] : []), ...(parsed.number ? [parsed.number] : [])].flatMap((w) => w.split(/[^\p{L}\p{N}]+/u)));
  return read(prisma, actor, meta, planPolicy(input.planId), "plan.search", async (tx, scope) => {
    const items: ContentHit[] = [];
    let more = false;
    if (words) {
      const query = Prisma.sql`to_tsquery('norwegian', ${words})`;
      const goalText = Prisma.sql`g."title" || ' ' || g."description" || ' ' || coalesce(g."ownView", '') || ' ' || coalesce(g."othersInput", '')`;
      const measureText = Prisma.sql`m."title" || ' ' || m."description" || ' ' || coalesce(m."amount", '')`;
      const rows = await tx.$queryRaw<{ kind: "goal" | "measure"; id: string; parentId: string | null; title: string; snippet: string; rank: number; sort: number }[]>`
        SELECT * FROM (
          SELECT 'goal' AS kind, g."id", g."parentId", g."title",
                 ts_headline('norwegian', ${goalText}, ${query}, ${HEADLINE_OPTIONS}) AS snippet,
                 ts_rank(to_tsvector('norwegian', ${goalText}), ${query}) AS rank, g."sortOrder" AS sort
            FROM "Goal" g LEFT JOIN "Goal" parent ON parent."id" = g."parentId"
           WHERE g."planId" = ${scope.planId} AND g."deletedAt" IS NULL AND parent."deletedAt" IS NULL
             AND to_tsvector('norwegian', ${goalText}) @@ ${query}
          UNION ALL
          SELECT 'measure' AS kind, m."id", m."goalId" AS "parentId", m."title",
                 ts_headline('norwegian', ${measureText}, ${query}, ${HEADLINE_OPTIONS}) AS snippet,
                 ts_rank(to_tsvector('norwegian', ${measureText}), ${query}) AS rank, m."sortOrder" AS sort
            FROM "Measure" m JOIN "Goal" g ON g."id" = m."goalId" LEFT JOIN "Goal" parent ON parent."id" = g."parentId"
           WHERE m."planId" = ${scope.planId} AND m."deletedAt" IS NULL AND g."deletedAt" IS NULL AND parent."deletedAt" IS NULL
             AND to_tsvector('norwegian', ${measureText}) @@ ${query}
        ) hits
        ORDER BY rank DESC, kind, sort, id
        LIMIT ${SEARCH_LIMIT + 1}`;
      more = rows.length > SEARCH_LIMIT;
      for (const r of rows.slice(0, SEARCH_LIMIT)) items.push({ kind: r.kind, id: r.id, parentId: r.parentId, title: r.title, snippet: r.snippet });
    }
    return { result: { items, more }, details: { count: items.length } };
  });
}
