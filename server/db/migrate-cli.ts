// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { parseEnv } from "../env.ts";
import { connectDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

const env = parseEnv();
const db = await connectDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} finally {
  await db.close();
}
