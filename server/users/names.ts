import type { Tx } from "../db/types.ts";

/**
 * The names of these people in the municipality, by id. Those in `known` (the plan's own people,
 * whose names a plan read already has) cost nothing; a statement asks only for the others
 * (decision 044). Someone outside the municipality gets no name.
 */
export async function namesOf(tx: Tx, municipalityId: string, ids: Iterable<string | null | undefined>, known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const others: string[] = [];
  for (const id of new Set(ids)) {
    if (!id) continue;
    const name = known.get(id);
    if (name === undefined) others.push(id);
    else names.set(id, name);
  }
  if (others.length) {
    const users = await tx.user.findMany({ where: { id: { in: others }, municipalityId }, select: { id: true, name: true } });
    for (const user of users) names.set(user.id, user.name);
  }
  return names;
}
