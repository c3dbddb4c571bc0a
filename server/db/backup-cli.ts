// `npm run db:backup [-- --out <folder or file>]` and `npm run db:restore <file>`: backs up or
// restores DATABASE_URL (or the embedded database in PGLITE_DIR). docs/operations.md says when.
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "../env.ts";
import { backup, BackupError, restore } from "./backup.ts";

const USAGE = `Bruk:
  npm run db:backup [-- --out <mappe eller fil>]   sikkerhetskopi til backups/ (eller --out)
  npm run db:restore <fil>                         legger en kopi tilbake i en tom database og migrerer den`;

const env = parseEnv();
const target = { databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR };
const where = env.DATABASE_URL
  ? `PostgreSQL-databasen ${decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1))}`
  : `den innebygde databasen i ${path.resolve(env.PGLITE_DIR)}`;
const [command, ...args] = process.argv.slice(2);

try {
  if (command === "backup") {
    const { values } = parseArgs({ args, options: { out: { type: "string" } } });
    const started = performance.now();
    const result = await backup(target, { out: values.out });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Sikkerhetskopi av ${where}:\n  ${result.file} (${size(result.bytes)}, ${seconds} s)`);
    console.log(`  ${result.checksumFile} (SHA-256; kontroller med sha256sum -c)`);
  } else if (command === "restore") {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new BackupError(USAGE);
    const result = await restore(target, positionals[0]);
    console.log(`Lagt tilbake i ${where}.`);
    console.log(result.applied.length ? `Migreringer brukt etterpå: ${result.applied.join(", ")}` : "Databasen er oppdatert.");
  } else {
    throw new BackupError(USAGE);
  }
} catch (error) {
  const wrongArguments = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  if (!(error instanceof BackupError) && !wrongArguments) throw error;
  console.error(wrongArguments ? `${(error as Error).message}\n${USAGE}` : (error as Error).message);
  process.exitCode = 1;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
