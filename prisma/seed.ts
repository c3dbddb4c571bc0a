// `npm run db:seed`: creates Demo kommune in the configured database if it is not there.
import { connectDatabase } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { parseEnv } from "../server/env.ts";
import { DEMO_MUNICIPALITY, DEMO_PASSWORD, seedDemo } from "./demo.ts";

const env = parseEnv();
if (env.NODE_ENV === "production" && env.SEED_DEMO !== "true") {
  console.error("NODE_ENV=production: demo accounts are created only with SEED_DEMO=true.");
  process.exit(1);
}
const db = await connectDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  await migrate(db);
  if (await db.prisma.municipality.findUnique({ where: { number: DEMO_MUNICIPALITY.number } })) {
    console.log(`${DEMO_MUNICIPALITY.name} finnes allerede; ingenting endret.`);
  } else {
    const demo = await seedDemo(db.prisma);
    console.log(`${demo.municipalityName} er opprettet. Passord "${DEMO_PASSWORD}" for alle:`);
    for (const account of demo.accounts) console.log(`  ${account.email.padEnd(24)} ${account.description}`);
  }
} finally {
  await db.close();
}
