import { events } from "../events.ts";
import type { DashboardFilter } from "./service.ts";

// The dashboard's counts, shared by the people who ask for the same ones at the same time
// (docs/decisions/052). Every open dashboard of a municipality reloads when anything in it
// changes (server/realtime/socket.ts), so those reloads arrive together, and each would run
// some forty statements. A request joins a count already running for the same part, database,
// municipality and selection. Nothing is kept once the count is done, and a change in the
// municipality makes the next request start a new count: nobody is shown figures from before a
// change whose event this process had seen when they asked.

interface Running {
  municipalityId: string;
  promise: Promise<unknown>;
}

const running = new Map<string, Running>();
/** One number per database handle, so two databases in one process (tests) never share. */
const handles = new WeakMap<object, number>();
let lastHandle = 0;

events.on("changed", ({ municipalityId }) => {
  for (const [key, entry] of running) if (entry.municipalityId === municipalityId) running.delete(key);
});

function handleOf(database: object): number {
  let n = handles.get(database);
  if (n === undefined) handles.set(database, (n = ++lastHandle));
  return n;
}

/**
 * `count()`, or the same count already running for this part of the dashboard, database,
 * municipality and selection. The selection is the one the reader's policy resolved (a unit
 * leader's own unit), so readers of different scopes never share.
 */
export function sharedCount<T>(part: string, database: object, municipalityId: string, filter: DashboardFilter, count: () => Promise<T>): Promise<T> {
  const { from, to, unitId, caseType, publication } = filter;
  const key = JSON.stringify([part, handleOf(database), municipalityId, from ?? null, to ?? null, unitId ?? null, caseType ?? null, publication]);
  const existing = running.get(key);
  if (existing) return existing.promise as Promise<T>;
  const promise = count();
  const entry = { municipalityId, promise };
  running.set(key, entry);
  // Settled either way: the next request counts anew (an error is not handed to later readers).
  const done = () => {
    if (running.get(key) === entry) running.delete(key);
  };
  promise.then(done, done);
  return promise;
}
