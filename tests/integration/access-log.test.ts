import { describe, expect, it } from "vitest";
import { recordRead } from "../../server/records/read.ts";
import type { Caller } from "../../server/router.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// "Hvem har sett planen min" keeps the whole history: paging reaches every row, the folded lines
// account for every row in the audit table, and the user's own visits are folded, never dropped.

const t = useTestDatabase();
const PURPOSE = "Årlig gjennomgang av planer";

type Page = Awaited<ReturnType<Caller["audit"]["forPlan"]>>;

async function allPages(caller: Caller, planId: string, filter: { actorId?: string; kind?: "READ" | "CHANGE" } = {}) {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.audit.forPlan({ planId, limit: 7, cursor, ...filter });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

/**
 * Views by four people over ten days (1,000 in all), with a change each day: each person's first
 * view of a day goes through plan.byId, the other 24 through the same read helper it uses (which
 * is what makes the rows; the procedure itself would make the test slow).
 */
async function history(w: PlanWorld) {
  const viewers = [
    { who: "owner", planRole: "OWNER", open: () => w.callers.owner.plan.byId({ planId: w.plan.id }) },
    { who: "coordinator", planRole: "COORDINATOR", open: () => w.callers.coordinator.plan.byId({ planId: w.plan.id }) },
    { who: "relativeWithConsent", planRole: "PARTICIPANT", open: () => w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id }) },
    { who: "keLeader", planRole: "AUDITOR", purpose: PURPOSE, open: () => w.callers.keLeader.plan.byId({ planId: w.plan.id }) },
  ] as const;
  for (let day = 9; day >= 0; day--) {
    const start = new Date();
    // The coordinating unit says why it reads, on the first day.
    if (day === 9) await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    for (const viewer of viewers) {
      await viewer.open();
      await t.db.prisma.$transaction(async (tx) => {
        for (let i = 1; i < 25; i++) {
          await recordRead(tx, {
            action: "plan.view",
            actorId: w.people[viewer.who].id,
            municipalityId: w.home.id,
            planId: w.plan.id,
            planRole: viewer.planRole,
            target: { type: "plan", id: w.plan.id },
            purpose: "purpose" in viewer ? viewer.purpose : undefined,
            meta: { ip: null, userAgent: null },
          });
        }
      });
    }
    await w.callers.owner.log.create({ planId: w.plan.id, body: `Dag ${day}` });
    // What happened "today" is moved back to its day, as if it had happened then.
    await t.db.query(`UPDATE "AuditEvent" SET "createdAt" = "createdAt" - ($1 || ' days')::interval WHERE "planId" = $2 AND "createdAt" >= $3`, [
      String(day),
      w.plan.id,
      start.toISOString().replace("T", " ").replace("Z", ""),
    ]);
  }
}

describe("the access log", () => {
  it("after 1,000 views by several people: every page together holds every row, folded by person and day; filters keep the count", async () => {
    const w = await createPlanWorld(t.db);
    await history(w);
    const views = await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "plan.view" } });
    expect(views).toBe(1000);
    const before = await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id } });

    const pages = await allPages(w.callers.owner, w.plan.id);
    const lines = pages.flatMap((p) => p.lines);
    // Each page recorded its own reading after it was read; the pages show the log as it was.
    expect(await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id } })).toBe(before + pages.length);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
    expect(lines.reduce((sum, l) => sum + l.count, 0)).toBe(before);
    expect(pages.every((p) => p.total === before)).toBe(true);
    // Newest first, across pages.
    const times = lines.map((l) => new Date(l.lastAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Four readers' views fold to one line per person and day; the KE's keeps its purpose.
    const readLines = lines.filter((l) => l.kind === "READ");
    expect(readLines).toHaveLength(4 * 10);
    expect(readLines.every((l) => l.count === 25)).toBe(true);
    expect(readLines.filter((l) => l.actorId === w.people.keLeader.id).every((l) => l.purpose === PURPOSE && l.planRole === "AUDITOR")).toBe(true);
    // The user's own visits are folded, not lost.
    const own = readLines.filter((l) => l.actorId === w.people.owner.id);
    expect(own).toHaveLength(10);
    expect(own.reduce((sum, l) => sum + l.count, 0)).toBe(250);
    // Every change is a line of its own.
    expect(lines.filter((l) => l.kind === "CHANGE").map((l) => l.actions)).toEqual([...Array.from({ length: 10 }, () => ["log.create"]), ["plan.purpose"]]);

    // Filtered by person, or by reads or changes, still counting every row.
    const coordinatorViews = await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, actorId: w.people.coordinator.id } });
    const coordinatorLines = (await allPages(w.callers.owner, w.plan.id, { actorId: w.people.coordinator.id })).flatMap((p) => p.lines);
    expect(coordinatorLines.every((l) => l.actorId === w.people.coordinator.id)).toBe(true);
    expect(coordinatorLines.reduce((sum, l) => sum + l.count, 0)).toBe(coordinatorViews);

    const changes = (await allPages(w.callers.coordinator, w.plan.id, { kind: "CHANGE" })).flatMap((p) => p.lines);
    // The ten log entries and the coordinating unit's stated purpose.
    expect(changes).toHaveLength(11);
    expect(changes.every((l) => l.kind !== "READ" && l.count === 1)).toBe(true);
    const reads = (await allPages(w.callers.coordinator, w.plan.id, { kind: "READ" })).flatMap((p) => p.lines);
    expect(reads.every((l) => l.kind === "READ")).toBe(true);

    // The people in the log, for the filter; a tampered cursor is refused, not guessed at.
    const first = await w.callers.owner.audit.forPlan({ planId: w.plan.id });
    expect(first.people.map((p) => p.id).sort()).toEqual(
      [w.people.owner.id, w.people.coordinator.id, w.people.relativeWithConsent.id, w.people.keLeader.id].sort(),
    );
    await expect(w.callers.owner.audit.forPlan({ planId: w.plan.id, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("the user and the representative download every row; others may not", async () => {
    const w = await createPlanWorld(t.db);
    // Over a page's worth (1,000), so the download runs through two pages.
    await t.db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 1_005; i++) {
        await recordRead(tx, { action: "plan.view", actorId: w.people.coordinator.id, municipalityId: w.home.id, planId: w.plan.id, planRole: "COORDINATOR", meta: { ip: null, userAgent: null } });
      }
    });
    for (const who of ["owner", "representative"] as const) {
      const before = await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id } });
      let count = 0;
      let pages = 0;
      let cursor: string | undefined;
      do {
        const page = await w.callers[who].audit.exportForPlan({ planId: w.plan.id, cursor });
        count += page.rows.length;
        pages++;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // Every row that was there when the download began (each page is recorded after it is read).
      expect(pages).toBe(2);
      expect(count).toBe(before);
      expect(await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "audit.export", actorId: w.people[who].id } })).toBe(pages);
    }
    await expect(w.callers.coordinator.audit.exportForPlan({ planId: w.plan.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.relativeWithConsent.audit.exportForPlan({ planId: w.plan.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.away.audit.exportForPlan({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
