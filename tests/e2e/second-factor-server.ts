// A portal of its own for tests/e2e/second-factor.spec.ts: the demo municipality signs in in one
// step, so the second factor needs a municipality outside the demo. This one has a fresh embedded
// database with "Testby kommune" (not a demo) and one coordinator, made before the server starts.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connectPglite } from "../../server/db/database.ts";
import { migrate } from "../../server/db/migrate.ts";
import { createMunicipality, createUser } from "../../prisma/factories.ts";

const TESTBY_EMAIL = "kari.koordinator@testby.no";
const TESTBY_PASSWORD = "testby-passord-1";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const port = process.env.PORT ?? "3217";
const dataDir = path.join(ROOT, ".data", `e2e-second-factor-${port}`);
rmSync(dataDir, { recursive: true, force: true });

const db = await connectPglite(dataDir);
await migrate(db);
const testby = await createMunicipality(db.prisma, { name: "Testby kommune", number: "9998", demo: false });
await createUser(db.prisma, { municipalityId: testby.id, roles: ["COORDINATOR"], email: TESTBY_EMAIL, name: "Kari Koordinator", password: TESTBY_PASSWORD });
await db.close();

delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
process.env.PGLITE_DIR = dataDir;
process.env.PORT = port;
process.env.SEED_DEMO = "false";
process.env.TEST_IDP = "false";
process.env.TRUST_PROXY = "false";
process.env.LOG_LEVEL = "error";

await import("../../server/index.ts");
