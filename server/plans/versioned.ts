import { DomainError } from "../errors.ts";

/**
 * Optimistic concurrency: a change based on an older version than the stored one is refused
 * with CONFLICT and the current row, so the person sees what is there now and nothing is
 * silently overwritten.
 */
export function assertCurrentVersion<T extends { version: number }>(current: T, expected: number): void {
  if (current.version !== expected) throw conflict(current);
}

/**
 * The UPDATE itself matches on the version too (`updateMany` where id and version), so two
 * transactions racing from the same version cannot both win: the loser updates 0 rows.
 */
export async function applyVersioned(update: Promise<{ count: number }>, reread: () => Promise<unknown>): Promise<void> {
  if ((await update).count === 0) throw conflict(await reread());
}

function conflict(current: unknown) {
  return new DomainError("CONFLICT", "plan.conflict", {}, { current });
}
