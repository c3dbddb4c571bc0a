import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, isAuditAction, PLAN_ACTIVITY_ACTIONS } from "../../app/domain/audit-actions.ts";
import { readMigrations } from "../../server/db/migrate.ts";

describe("migrations", () => {
  it("are read in order with Prisma's SHA-256 checksum", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    for (const m of migrations) expect(m.checksum).toBe(createHash("sha256").update(m.sql).digest("hex"));
  });

  it("give older audit rows the kind their action has in the action table", () => {
    const backfill = readMigrations().find((m) => m.name.endsWith("_records_backfill"))!;
    const lists = [...backfill.sql.matchAll(/SET "kind" = '(\w+)' WHERE "action" IN \(([^)]*)\)/g)];
    expect(lists.map(([, kind]) => kind)).toEqual(["READ", "ACCESS", "ADMIN", "SIGN_IN"]);
    for (const [, kind, actions] of lists) {
      for (const action of actions.split(",").map((a) => a.trim().replace(/^'|'$/g, ""))) {
        expect(isAuditAction(action), action).toBe(true);
        expect(AUDIT_ACTIONS[action as keyof typeof AUDIT_ACTIONS].kind, action).toBe(kind);
      }
    }
  });

  it("fill the plans' activity months from audit rows whose action is activity in a plan", () => {
    const backfill = readMigrations().find((m) => m.name.endsWith("_plan_activity_months"))!;
    const [, list] = /WHERE a\."action" IN \(([^)]*)\)/.exec(backfill.sql)!;
    const actions = list.split(",").map((a) => a.trim().replace(/^'|'$/g, ""));
    // Every activity action there was then (later ones move the months as they happen).
    expect(actions.length).toBeGreaterThan(30);
    for (const action of actions) {
      expect(isAuditAction(action), action).toBe(true);
      expect(PLAN_ACTIVITY_ACTIONS, action).toContain(action);
    }
  });
});
