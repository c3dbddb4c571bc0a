import { connectPostgres } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { adminUrl, databaseUrl, templateDb } from "./pg-urls.ts";

// With TEST_DATABASE_URL: migrate a template database once; every test file's worker
// copies it (CREATE DATABASE … TEMPLATE), which takes milliseconds. Without it, each
// file runs on its own in-memory PGlite and needs nothing here.
export async function setup() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const name = templateDb();
  process.env.IP_TEST_TEMPLATE_DB = name;
  const admin = connectPostgres(adminUrl(base));
  try {
    await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const template = connectPostgres(databaseUrl(base, name));
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
}

export async function teardown() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const admin = connectPostgres(adminUrl(base));
  await admin.exec(`DROP DATABASE IF EXISTS "${templateDb()}" WITH (FORCE)`).finally(() => admin.close());
}
