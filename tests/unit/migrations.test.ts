import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readMigrations } from "../../server/db/migrate.ts";

describe("migrations", () => {
  it("are read in order with Prisma's SHA-256 checksum", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    for (const m of migrations) expect(m.checksum).toBe(createHash("sha256").update(m.sql).digest("hex"));
  });
});
