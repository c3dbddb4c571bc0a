import { afterEach, describe, expect, it } from "vitest";
import { fromPglite, type PgBoss } from "pg-boss";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { addWorkingDays } from "../../app/domain/working-days.ts";
import { runDeadlineReminders } from "../../server/cases/reminders.ts";
import { createBoss } from "../../server/jobs/boss.ts";
import { createPlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
const bosses: PgBoss[] = [];
afterEach(async () => {
  for (const boss of bosses.splice(0)) await boss.stop({ graceful: false, timeout: 2000 }).catch(() => {});
});

async function openCase(w: Awaited<ReturnType<typeof createPlanWorld>>, decisionDue: string, interimDue: string, n = 1) {
  return t.db.prisma.case.create({
    data: {
      municipalityId: w.home.id,
      reference: `R-${n}`,
      type: "IP_APPLICATION",
      channel: "PORTAL",
      status: "IN_PROGRESS",
      subjectName: "Person",
      description: "x",
      receivedAt: new Date(),
      interimReplyDue: new Date(`${interimDue}T00:00:00Z`),
      decisionDue: new Date(`${decisionDue}T00:00:00Z`),
      assignedToId: w.people.caseOfficer.id,
    },
  });
}

describe("deadline reminders", () => {
  it("an interim reply due with the decision is not reminded before it: it is owed only once the decision is late", async () => {
    const w = await createPlanWorld(t.db);
    const today = osloDate(new Date());
    const soonBoth = addWorkingDays(today, 2);
    const together = await openCase(w, soonBoth, soonBoth, 1);
    const lateTogether = await openCase(w, "2020-01-10", "2020-01-10", 2);
    await runDeadlineReminders(t.db.prisma);
    const rows = await t.db.prisma.notification.findMany({ where: { userId: w.people.caseOfficer.id }, select: { caseId: true, title: true } });
    expect(rows.filter((r) => r.caseId === together.id).map((r) => r.title)).toEqual([expect.stringContaining("Frist for avgjørelse nærmer seg")]);
    expect(rows.filter((r) => r.caseId === lateTogether.id)).toHaveLength(2);
  });

  it("remind the case officer and the KE leader before a deadline and when it has passed, once each", async () => {
    const w = await createPlanWorld(t.db);
    const today = osloDate(new Date());
    const soon = await openCase(w, addWorkingDays(today, 2), addWorkingDays(today, 30), 1);
    const late = await openCase(w, "2020-01-10", "2020-01-05", 2);
    const far = await openCase(w, addWorkingDays(today, 40), addWorkingDays(today, 30), 3);

    // Two workers at once, then once more: each reminder exists once.
    await Promise.all([runDeadlineReminders(t.db.prisma), runDeadlineReminders(t.db.prisma)]);
    await runDeadlineReminders(t.db.prisma);
    const rows = await t.db.prisma.notification.findMany({ orderBy: { createdAt: "asc" } });
    const summary = rows.map((r) => `${r.caseId === soon.id ? "soon" : r.caseId === late.id ? "late" : "far"}:${r.kind}:${r.userId === w.people.caseOfficer.id ? "officer" : r.userId === w.people.keLeader.id ? "leader" : "?"}`);
    expect(summary.sort()).toEqual(
      [
        "soon:case.deadline_soon:officer",
        "soon:case.deadline_soon:leader",
        // The overdue case: both its interim reply and its decision are late.
        "late:case.deadline_passed:officer",
        "late:case.deadline_passed:officer",
        "late:case.deadline_passed:leader",
        "late:case.deadline_passed:leader",
      ].sort(),
    );
    expect(rows.some((r) => r.caseId === far.id)).toBe(false);
    expect(rows.find((r) => r.caseId === soon.id)?.title).toContain("Frist for avgjørelse nærmer seg");
    // Nobody in another municipality heard of it.
    expect(await w.callers.away.notification.mine()).toEqual({ items: [], unread: 0, nextCursor: null });
    const mine = await w.callers.caseOfficer.notification.mine();
    expect(mine.unread).toBe(3);
    await w.callers.caseOfficer.notification.markRead({});
    expect((await w.callers.caseOfficer.notification.mine()).unread).toBe(0);
  });

  it("a job sent once is run once, with two workers polling the same queue", async () => {
    await createPlanWorld(t.db);
    const runs: string[] = [];
    for (const name of ["a", "b"]) {
      const boss = createBoss(t.db);
      bosses.push(boss);
      await boss.start();
      await boss.createQueue("test-once").catch(() => {});
      await boss.work("test-once", { pollingIntervalSeconds: 0.5 }, async () => {
        runs.push(name);
      });
    }
    const jobId = await bosses[0].send("test-once", {});
    await expect
      .poll(async () => (await bosses[0].getJobById("test-once", jobId!))?.state, { timeout: 15_000, interval: 200 })
      .toBe("completed");
    expect(runs).toHaveLength(1);
  });
});

describe("jobs on the embedded database", () => {
  it("a job's statement waits for an open Prisma transaction: it neither sees uncommitted rows nor breaks the transaction", async () => {
    if (t.db.connection.kind !== "pglite") return; // on PostgreSQL each client has its own connection anyway
    const jobDb = fromPglite(t.db.connection.pglite);
    let seen: number | undefined;
    let job: Promise<void> | undefined;
    await t.db.prisma.$transaction(async (tx) => {
      await tx.municipality.create({ data: { name: "Uferdig kommune", number: "U-1" } });
      job = jobDb.executeSql(`SELECT count(*)::int AS n FROM "Municipality" WHERE number = 'U-1'`).then((r) => {
        seen = r.rows[0].n;
      });
      // Give the job every chance to run inside the transaction if it could.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toBeUndefined();
      await tx.municipality.update({ where: { number: "U-1" }, data: { name: "Ferdig kommune" } });
    });
    await job;
    expect(seen).toBe(1);
    expect((await t.db.prisma.municipality.findUniqueOrThrow({ where: { number: "U-1" } })).name).toBe("Ferdig kommune");
  });
});
