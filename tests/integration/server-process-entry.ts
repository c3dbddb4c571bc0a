import { createApp } from "../../server/app.ts";
import { connectDatabase } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { parseEnv } from "../../server/env.ts";

// Entry of startServerProcess (server-process.ts): API, socket.io and /collab, no Remix build.
// On PostgreSQL (DATABASE_URL) or on the embedded database in a directory (PGLITE_DIR).
if (!process.env.DATABASE_URL === !process.env.PGLITE_DIR) throw new Error("Set exactly one of DATABASE_URL and PGLITE_DIR.");
const env = parseEnv({
  PORT: process.env.PORT,
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  PGLITE_DIR: process.env.PGLITE_DIR || undefined,
  REDIS_URL: process.env.REDIS_URL || undefined,
});
const db = await connectDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
// As server/index.ts starts: the embedded database is migrated by the process that owns it
// (the PostgreSQL test databases are copies of a migrated template).
if (db.kind === "pglite") await migrate(db);
const portal = await createApp({ env, db });
const port = await portal.listen(env.PORT, "127.0.0.1");
process.stdout.write(`listening ${port}\n`);
process.on("SIGTERM", () => {
  void portal
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
