import { describe, expect, it } from "vitest";
import { createPlan, createUser } from "../../prisma/factories.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Keyset paging of the lists behind the dashboard's figures (issue 14): every row exactly once,
// in order, while rows are added between pages, in each sort and direction; bad cursors refused.

const t = useTestDatabase();
const DAY = 86_400_000;

async function world() {
  const w = await createPlanWorld(t.db);
  const prisma = t.db.prisma;
  const m = w.home.id;
  /** An active plan; many share their dates, so the id must break the ties. */
  const addPlan = async (n: number) => {
    const owner = await createUser(prisma, { municipalityId: m, roles: ["USER"] });
    const plan = await createPlan(prisma, { municipalityId: m, ownerId: owner.id, nextReviewAt: n % 3 === 0 ? undefined : new Date(Date.UTC(2027, 0, 1 + (n % 4))) });
    await prisma.plan.update({ where: { id: plan.id }, data: { lastActivityAt: new Date(Date.UTC(2026, 0, 1) + (n % 5) * DAY) } });
    return plan.id;
  };
  const addCase = (n: number) =>
    prisma.case.create({
      data: {
        municipalityId: m,
        reference: `P-${n}`,
        type: "IP_APPLICATION",
        channel: "PORTAL",
        status: "RECEIVED",
        subjectName: `Person ${n}`,
        description: "x",
        receivedAt: new Date(Date.UTC(2026, 10, 1) + (n % 3) * DAY),
        interimReplyDue: new Date(Date.UTC(2026, 11, 1)),
        decisionDue: new Date(Date.UTC(2026, 11, 1 + (n % 4))),
      },
    });
  return { w, addPlan, addCase };
}

describe("keyset paging of the dashboard's lists", () => {
  for (const sort of ["lastActivity", "nextReview", "evaluationDue"] as const) {
    for (const direction of ["asc", "desc"] as const) {
      it(`plans by ${sort} ${direction}: each row once, in order, while plans are added`, async () => {
        const { w, addPlan } = await world();
        for (let n = 0; n < 23; n++) await addPlan(n);
        const before = await t.db.prisma.plan.findMany({ where: { municipalityId: w.home.id, status: "ACTIVE" }, select: { id: true } });
        const seen: string[] = [];
        let cursor: string | undefined;
        let added = 100;
        let pages = 0;
        do {
          const page = await w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter: {}, sort, direction, cursor, limit: 4 });
          seen.push(...page.rows.map((r) => r.id));
          // Two new plans between pages, dated on both sides of the page just read.
          await addPlan(added++);
          await addPlan(added++);
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        expect(pages).toBeGreaterThan(5);
        expect(new Set(seen).size).toBe(seen.length);
        for (const { id } of before) expect(seen).toContain(id);
      });
    }
  }

  it("plans come in the order asked for, empty dates last, the id breaking ties", async () => {
    const { w, addPlan } = await world();
    for (let n = 0; n < 12; n++) await addPlan(n);
    for (const direction of ["asc", "desc"] as const) {
      const rows = [];
      let cursor: string | undefined;
      do {
        const page = await w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter: {}, sort: "nextReview", direction, cursor, limit: 5 });
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const keyed = rows.map((r) => [r.nextReviewAt ? new Date(r.nextReviewAt).getTime() : null, r.id] as const);
      const expected = [...keyed].sort(([a, ai], [b, bi]) => {
        if (a === null || b === null) return a === b ? (direction === "asc" ? ai.localeCompare(bi, "en") : bi.localeCompare(ai, "en")) : a === null ? 1 : -1;
        if (a !== b) return direction === "asc" ? a - b : b - a;
        return 0;
      });
      expect(keyed.map(([date]) => date)).toEqual(expected.map(([date]) => date));
      expect(keyed.findIndex(([date]) => date === null)).toBeGreaterThan(0);
      expect(keyed.slice(keyed.findIndex(([date]) => date === null)).every(([date]) => date === null)).toBe(true);
    }
  });

  it("cases: each row once while cases are added, and the total is the figure", async () => {
    const { w, addCase } = await world();
    for (let n = 0; n < 17; n++) await addCase(n);
    const before = await t.db.prisma.case.findMany({ where: { municipalityId: w.home.id }, select: { id: true } });
    let added = 1000;
    for (const sort of ["decisionDue", "received"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await w.callers.caseOfficer.dashboard.cases({ metric: "openCases", filter: {}, sort, cursor, limit: 3 });
        expect(page.total).toBe((await w.callers.caseOfficer.dashboard.overview({})).cases.openCases);
        seen.push(...page.rows.map((r) => r.id));
        await addCase(added++);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(seen.length);
      for (const { id } of before) expect(seen, sort).toContain(id);
    }
  });

  it("refuses a cursor that is not one of ours, or belongs to another sort, with a 400", async () => {
    const { w, addPlan } = await world();
    for (let n = 0; n < 4; n++) await addPlan(n);
    const first = await w.callers.keLeader.dashboard.plans({ metric: "activePlans", filter: {}, limit: 2 });
    expect(first.nextCursor).toBeTruthy();
    const ke = w.callers.keLeader.dashboard;
    await expect(ke.plans({ metric: "activePlans", filter: {}, sort: "nextReview", cursor: first.nextCursor! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    for (const cursor of ["ikke-en-peker", Buffer.from(JSON.stringify(["lastActivity", "2026-01-01", "x' OR 1=1"])).toString("base64url")]) {
      await expect(ke.plans({ metric: "activePlans", filter: {}, cursor })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(ke.plans({ metric: "activePlans", filter: {}, limit: 5000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
