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
  const rows = await tx.assessmentScore.findMany({
    where: { planId },
    select: { variable: true, score: true, assessmentId: true, assessment: { select: { assessedOn: true, createdAt: true } } },
  });
  rows.sort((a, b) => b.assessment.assessedOn.getTime() - a.assessment.assessedOn.getTime() || b.assessment.createdAt.getTime() - a.assessment.createdAt.getTime());
  const current = new Map<string, Current>();
  for (const row of rows) if (!current.has(row.variable)) current.set(row.variable, { score: row.score, assessedOn: row.assessment.assessedOn, assessmentId: row.assessmentId });
  return current;
}

export interface LatestOwnView {
  score: number | null;
  words: string;
  givenById: string;
  createdAt: Date;
}

export async function latestOwnViews(tx: Tx, planId: string): Promise<Map<string, LatestOwnView>> {
  const rows = await tx.assessmentOwnView.findMany({
    where: { planId },
    orderBy: { createdAt: "desc" },
    select: { variable: true, score: true, words: true, givenById: true, createdAt: true },
  });
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
