import { describe, expect, it } from "vitest";
import { events, type ChangeEvent } from "../../server/events.ts";
import { sharedCount } from "../../server/dashboard/shared-counts.ts";
import type { DashboardFilter } from "../../server/dashboard/service.ts";

// The sharing on its own, with the real event bus (the dashboard's procedures that use it are
// tested against the database in tests/integration/dashboard.test.ts).

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A count that is still running until the test settles it, and how often it was started. */
function counter() {
  const runs: ReturnType<typeof deferred<number>>[] = [];
  return {
    runs,
    count: () => {
      const run = deferred<number>();
      runs.push(run);
      return run.promise;
    },
  };
}

const all: DashboardFilter = { publication: false };
const database = {};
const changeIn = (municipalityId: string) =>
  events.emit("changed", { action: "goal.updated", municipalityId, planId: "plan", caseId: null } as unknown as ChangeEvent);

describe("the dashboard's shared counts", () => {
  it("lets people asking for the same figures at the same time share one count, and counts anew once it is done", async () => {
    const c = counter();
    const first = sharedCount("overview", database, "m1", all, c.count);
    const second = sharedCount("overview", database, "m1", { publication: false }, c.count);
    expect(c.runs).toHaveLength(1);
    c.runs[0].resolve(7);
    expect(await first).toBe(7);
    expect(await second).toBe(7);
    const third = sharedCount("overview", database, "m1", all, c.count);
    expect(c.runs).toHaveLength(2);
    c.runs[1].resolve(8);
    expect(await third).toBe(8);
  });

  it("never shares across parts, databases, municipalities or selections", async () => {
    const c = counter();
    const asked = [
      sharedCount("overview", database, "m1", all, c.count),
      sharedCount("trends", database, "m1", all, c.count),
      sharedCount("overview", {}, "m1", all, c.count),
      sharedCount("overview", database, "m2", all, c.count),
      sharedCount("overview", database, "m1", { publication: true }, c.count),
      sharedCount("overview", database, "m1", { publication: false, unitId: "unit-1" }, c.count),
      sharedCount("overview", database, "m1", { publication: false, caseType: "IP_APPLICATION" }, c.count),
      sharedCount("overview", database, "m1", { publication: false, from: "2026-01-01" }, c.count),
      sharedCount("overview", database, "m1", { publication: false, to: "2026-06-30" }, c.count),
    ];
    expect(c.runs).toHaveLength(asked.length);
    c.runs.forEach((run, i) => run.resolve(i));
    expect(await Promise.all(asked)).toEqual(asked.map((_, i) => i));
  });

  it("starts a new count for whoever asks after a change in the municipality, and keeps sharing after a change elsewhere", async () => {
    const c = counter();
    const before = sharedCount("overview", database, "m1", all, c.count);
    changeIn("m2");
    const stillShared = sharedCount("overview", database, "m1", all, c.count);
    expect(c.runs).toHaveLength(1);
    changeIn("m1");
    const after = sharedCount("overview", database, "m1", all, c.count);
    expect(c.runs).toHaveLength(2);
    // The count from before the change ending later does not stand in for the new one.
    c.runs[0].resolve(1);
    expect(await before).toBe(1);
    expect(await stillShared).toBe(1);
    const alsoAfter = sharedCount("overview", database, "m1", all, c.count);
    expect(c.runs).toHaveLength(2);
    c.runs[1].resolve(2);
    expect(await after).toBe(2);
    expect(await alsoAfter).toBe(2);
  });

  it("gives a failed count's error to those who shared it, and counts anew for the next", async () => {
    const c = counter();
    const first = sharedCount("overview", database, "m1", all, c.count);
    const second = sharedCount("overview", database, "m1", all, c.count);
    c.runs[0].reject(new Error("database unavailable"));
    await expect(first).rejects.toThrow("database unavailable");
    await expect(second).rejects.toThrow("database unavailable");
    const next = sharedCount("overview", database, "m1", all, c.count);
    expect(c.runs).toHaveLength(2);
    c.runs[1].resolve(3);
    expect(await next).toBe(3);
  });
});
