import { createApp } from "../../server/app.ts";
import { connectPostgres } from "../../server/db/database.ts";
import { parseEnv } from "../../server/env.ts";

// Entry of startServerProcess (server-process.ts): API, socket.io and /collab, no Remix build.
const env = parseEnv({ PORT: process.env.PORT, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL || undefined });
const db = connectPostgres(env.DATABASE_URL!);
const portal = await createApp({ env, db });
const port = await portal.listen(env.PORT, "127.0.0.1");
process.stdout.write(`listening ${port}\n`);
process.on("SIGTERM", () => {
  void portal
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
