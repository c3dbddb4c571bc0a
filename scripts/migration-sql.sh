#!/usr/bin/env bash
# `npm run db:migration-sql [-- <git revision>]` prints the SQL that takes the database from
# prisma/schema.prisma at <revision> (default HEAD) to the file as it is now: the body of a new
# prisma/migrations/<timestamp>_<name>/migration.sql (decision 033). Prisma 7's `migrate` needs a
# native schema engine that this machine cannot download; Prisma 6.19's WebAssembly one compares
# two schemas without a database. It runs in a scratch folder, never in the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
from="${1:-HEAD}"
work="${TMPDIR:-/tmp}/ip-portal-migration-sql"
mkdir -p "$work"
cd "$work"
if [ ! -x node_modules/.bin/prisma ]; then
  [ -f package.json ] || npm init -y > /dev/null
  npm install --no-audit --no-fund --silent prisma@6.19.3 @electric-sql/pglite@0.5.16 pglite-prisma-adapter@0.6.1 > /dev/null
fi
cat > prisma.config.ts <<'CONFIG'
import path from "node:path";
import { defineConfig } from "prisma/config";
// Existing files in place of native engines stop the download attempt; with engine "js" neither runs.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("to.prisma");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("to.prisma");
process.env.DATABASE_URL ??= "postgresql://unused@localhost/unused";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite()) as never;
  },
});
CONFIG
# Prisma 6.19 requires two lines that Prisma 7 refuses (a schema from before decision 033 has them).
for6() { sed -e '/^  engineType  *=/d' -e '/^  url  *= env(/d' -e 's|^generator client {|generator client {\n  engineType = "client"|' -e 's|^  provider = "postgresql"$|  provider = "postgresql"\n  url      = env("DATABASE_URL")|'; }
git -C "$root" show "$from:prisma/schema.prisma" | for6 > from.prisma
for6 < "$root/prisma/schema.prisma" > to.prisma
npx prisma migrate diff --from-schema-datamodel from.prisma --to-schema-datamodel to.prisma --script
