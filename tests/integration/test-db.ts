import { afterAll, beforeAll, beforeEach } from "vitest";
import { connectPglite, connectPostgres, type Database } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { adminUrl, databaseUrl, templateDb } from "./pg-urls.ts";

/**
 * A real database for one test file: a copy of the migrated template on PostgreSQL when
 * TEST_DATABASE_URL is set, else an in-memory PGlite. Tables are emptied before each test.
 */
export function useTestDatabase() {
  let db: Database | undefined;
  let tables: string[] = [];
  let pgName: string | undefined;
  let url: string | null = null;

  beforeAll(async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (base) {
      const name = (pgName = `ip_test_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`);
      const admin = connectPostgres(adminUrl(base));
      try {
        await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.exec(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`);
      } finally {
        await admin.close();
      }
      url = databaseUrl(base, name);
      db = connectPostgres(url);
    } else {
      db = await connectPglite();
      await migrate(db);
    }
    const rows = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    tables = rows.map((r) => `"${r.tablename}"`);
  });

  beforeEach(async () => {
    if (tables.length) await db!.exec(`TRUNCATE ${tables.join(", ")} CASCADE`);
  });

  afterAll(async () => {
    await db?.close();
    const base = process.env.TEST_DATABASE_URL;
    if (base && pgName) {
      const admin = connectPostgres(adminUrl(base));
      await admin.exec(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).finally(() => admin.close());
    }
  });

  return {
    /** The PostgreSQL URL of this file's database (for a second server process); null on PGlite. */
    get url(): string | null {
      return url;
    },
    get db(): Database {
      if (!db) throw new Error("The test database is not ready yet (use it inside a test or hook).");
      return db;
    },
  };
}
