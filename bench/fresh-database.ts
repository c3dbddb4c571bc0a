import pg from "pg";
import { connectPostgres } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";

// The benchmarks' PostgreSQL: BENCH_PG_URL (default the local server), and a database of the
// benchmark's own, dropped and made anew and migrated for every run.

export const BENCH_PG_URL = (process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");

export async function freshDatabase(name: string) {
  const admin = new pg.Client({ connectionString: `${BENCH_PG_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = connectPostgres(`${BENCH_PG_URL}/${name}`);
  await migrate(db);
  return db;
}
