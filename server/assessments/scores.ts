import { scoresDiffer, variableKey, type CodeList, type CodeListVariable } from "../../app/domain/assessment.ts";
import type { Tx } from "../db/types.ts";
import { codeListVersion, currentCodeList } from "./codes.ts";
import type { Difference } from "./view.ts";

// A plan's scores as they stand: the latest staff score of each variable (from the newest
// assessment that scored it), the person's latest own view of each, and where they differ.

export interface Current {
  score: number;
  assessedOn: Date;
  assessmentId: string;
}

export async function currentScores(tx: Tx, planId: string): Promise<Map<string, Current>> {
  const rows = await tx.assessment.findMany({
    where: { planId },
    orderBy: [...NEWEST_FIRST],
    select: { id: true, assessedOn: true, scores: { select: { variable: true, score: true } } },
  });
  return currentFrom(rows);
}

/** How a plan's assessments are read newest first: by the day assessed, then by when recorded. */
export const NEWEST_FIRST = [{ assessedOn: "desc" }, { createdAt: "desc" }] as const;

/** The latest score of each variable, from assessments given newest first (NEWEST_FIRST). */
export function currentFrom(newestFirst: { id: string; assessedOn: Date; scores: { variable: string; score: number }[] }[]): Map<string, Current> {
  const current = new Map<string, Current>();
  for (const assessment of newestFirst) {
    for (const { variable, score } of assessment.scores) {
      if (!current.has(variable)) current.set(variable, { score, assessedOn: assessment.assessedOn, assessmentId: assessment.id });
    }
  }
  return current;
}

export interface LatestOwnView {
  score: number | null;
  words: string;
  givenById: string;
  createdAt: Date;
}

export async function latestOwnViews(tx: Tx, planId: string): Promise<Map<string, LatestOwnView>> {
  return latestOwnViewsOf(await tx.assessmentOwnView.findMany({ where: { planId }, ...OWN_VIEWS }));
}

/** What a read of the plan selects of its own views for `latestOwnViewsOf`: newest first. */
export const OWN_VIEWS = {
  orderBy: { createdAt: "desc" as const },
  select: { variable: true, score: true, words: true, givenById: true, createdAt: true },
};

/** The latest own view per variable, from the rows OWN_VIEWS read, as `latestOwnViews` answers. */
export function latestOwnViewsOf(rows: ({ variable: string } & LatestOwnView)[]): Map<string, LatestOwnView> {
  const latest = new Map<string, LatestOwnView>();
  for (const { variable, ...view } of rows) if (!latest.has(variable)) latest.set(variable, view);
  return latest;
}

export function differences(current: Map<string, Current>, own: Map<string, LatestOwnView>): Difference[] {
  const found: Difference[] = [];
  for (const [variable, view] of own) {
    const staff = current.get(variable)?.score;
    if (scoresDiffer(staff, view.score)) found.push({ variable, staff: staff!, own: view.score! });
  }
  return found;
}

/**
 * The words of every variable a plan's scores use: the current list's first, then the versions
 * the plan's assessments were made with (a variable since left out of the list keeps its name).
 */
export async function variablesFor(tx: Tx, municipalityId: string, versions: Iterable<number>, current?: CodeList): Promise<Record<string, CodeListVariable>> {
  const lists = [current ?? (await currentCodeList(tx, municipalityId))];
  for (const version of new Set(versions)) if (version !== lists[0].version) lists.push(await codeListVersion(tx, municipalityId, version));
  const byKey: Record<string, CodeListVariable> = {};
  for (const list of lists) for (const v of list.variables) byKey[variableKey(v)] ??= v;
  return byKey;
}

/** Of variablesFor's answer, the variables the current list has left out (the pages have the list itself). */
export function retiredOf(variables: Record<string, CodeListVariable>, current: CodeList): Record<string, CodeListVariable> {
  const listed = new Set(current.variables.map(variableKey));
  return Object.fromEntries(Object.entries(variables).filter(([key]) => !listed.has(key)));
}
