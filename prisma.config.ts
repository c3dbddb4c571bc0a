// Prisma CLI configuration: the WebAssembly schema engine inside the `prisma`
// package and a driver adapter, so no native engine is ever downloaded or run.
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI still looks for native engines at start; pointing these at files
// that exist stops the download attempt. With engine "js" neither is executed.
const stub = path.resolve("prisma/schema.prisma");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= stub;
process.env.DATABASE_URL ??= "postgresql://unused@localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    // `migrate dev` runs against a throwaway in-memory PGlite, whose schema is
    // then compared with schema.prisma to write the next migration's SQL.
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Same older adapter-utils typing as in server/db/database.ts.
    return new PrismaPGlite(new PGlite(process.env.PRISMA_PGLITE_DIR)) as never;
  },
});
