import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();

describe("migrate on start", () => {
  it("records every migration as Prisma does and applies nothing twice", async () => {
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("refuses to start when an applied migration was edited afterwards", async () => {
    const [first] = readMigrations();
    await expect(migrate(t.db, [{ ...first, checksum: "0".repeat(64) }])).rejects.toThrow(/changed after it was applied/);
  });

  it("applies a new migration together with its history row, or neither", async () => {
    const broken = { name: "99999999999999_broken", sql: "CREATE TABLE just_made (id int); SELECT * FROM no_such_table;", checksum: "x" };
    await expect(migrate(t.db, [...readMigrations(), broken])).rejects.toThrow();
    expect(await t.db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'just_made'`)).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name])).toEqual([]);
  });
});
