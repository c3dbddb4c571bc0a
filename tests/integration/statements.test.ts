import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./test-db.ts";

// Prepared statements on PostgreSQL (decision 036): Prisma's reads are prepared once per
// connection and reused, and a reused one still answers right after the table changed under it
// (a migration while the portal runs). PGlite has no pool and prepares nothing.

const t = useTestDatabase();
const onPostgres = !!process.env.TEST_DATABASE_URL;

/** The named statements of the connection a transaction runs on, after one read in it. */
async function preparedAfterRead(name: string) {
  return t.db.prisma.$transaction(async (tx) => {
    const found = await tx.municipality.findFirst({ where: { name }, select: { id: true, name: true } });
    const prepared = await tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
    return { found, prepared };
  });
}

describe.skipIf(!onPostgres)("prepared statements", () => {
  it("prepares a read once per connection, under one name for one text, and not BEGIN or raw SQL without parameters", async () => {
    await t.db.prisma.municipality.create({ data: { name: "Nordkommune", number: "9001" } });
    const first = await preparedAfterRead("Nordkommune");
    expect(first.found?.name).toBe("Nordkommune");
    const reads = first.prepared.filter((p) => p.statement.includes(`FROM "public"."Municipality"`));
    expect(reads).toHaveLength(1);
    expect(reads[0].name).toMatch(/^prisma_[0-9a-f]{32}$/);
    expect(first.prepared.map((p) => p.statement)).not.toContain("BEGIN");
    expect(first.prepared.some((p) => p.statement.includes("pg_prepared_statements"))).toBe(false);

    // The same text on another call has the same name (on whichever connection runs it).
    const again = await preparedAfterRead("Sørkommune");
    expect(again.found).toBeNull();
    expect(again.prepared.filter((p) => p.name === reads[0].name)).toHaveLength(1);
  });

  it("answers right after a column is added to the table a prepared read uses", async () => {
    await t.db.prisma.municipality.create({ data: { name: "Vestkommune", number: "9002" } });
    for (let i = 0; i < 6; i++) expect((await preparedAfterRead("Vestkommune")).found?.name).toBe("Vestkommune");
    await t.db.exec(`ALTER TABLE "Municipality" ADD COLUMN "later" text`);
    try {
      expect((await preparedAfterRead("Vestkommune")).found?.name).toBe("Vestkommune");
    } finally {
      await t.db.exec(`ALTER TABLE "Municipality" DROP COLUMN "later"`);
    }
    expect((await preparedAfterRead("Vestkommune")).found?.name).toBe("Vestkommune");
  });
});
