import { connectPostgres } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { TEMPLATE_DB, adminUrl, databaseUrl } from "./pg-urls.ts";

// With TEST_DATABASE_URL: migrate a template database once; every test file's worker
// copies it (CREATE DATABASE … TEMPLATE), which takes milliseconds. Without it, each
// file runs on its own in-memory PGlite and needs nothing here.
export async function setup() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const admin = connectPostgres(adminUrl(base));
  try {
    await admin.exec(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await admin.close();
  }
  const template = connectPostgres(databaseUrl(base, TEMPLATE_DB));
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
}
