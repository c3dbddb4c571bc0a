// Prisma CLI configuration. The portal applies migrations itself (server/db/migrate.ts,
// decision 001); the CLI generates the client and writes new migrations' SQL.
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI looks for native engines at start; pointing these at files that exist stops the
// download attempt (this machine reaches only the npm registry). `generate` runs none of them.
const stub = path.resolve("prisma/schema.prisma");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= stub;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Only `migrate` commands that compare with a database read it (DATABASE_URL, PostgreSQL).
  datasource: { url: process.env.DATABASE_URL },
});
