import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { connectDatabase, connectPostgres } from "./database.ts";
import { migrate } from "./migrate.ts";

// Backups of the portal's database and restoring them (`npm run db:backup`, `npm run db:restore`,
// server/db/backup-cli.ts). PostgreSQL: `pg_dump --format=custom`, one consistent snapshot.
// PGlite: its own data-folder tarball (`dumpDataDir`), taken while nobody else has the folder
// open. Every backup gets a `<file>.sha256` in sha256sum's format, and is restored only if it
// matches, only into an empty database, and then migrated. See docs/decisions/018-backups.md.

/** Where the database is, as the server reads it: DATABASE_URL, else the PGlite folder. */
export interface BackupTarget {
  databaseUrl?: string;
  pgliteDir: string;
}

export type BackupKind = "postgres" | "pglite";

/** A refusal or a failure, with a message in Norwegian for whoever runs the command. */
export class BackupError extends Error {
  override name = "BackupError";
}

export const DEFAULT_BACKUP_DIR = "backups";

const EXTENSION: Record<BackupKind, string> = { postgres: ".dump", pglite: ".tar.gz" };

export interface BackupResult {
  kind: BackupKind;
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
}

/**
 * Writes a backup of the target to `out` (a folder, default `backups/`, or a file name ending in
 * `.dump` for PostgreSQL or `.tar.gz` for PGlite) and its checksum next to it. In a folder the
 * file is named by the time in UTC, `ip-postgres-2026-01-31T02-00-00Z.dump`, so names sort by age.
 */
export async function backup(target: BackupTarget, options: { out?: string; now?: Date } = {}): Promise<BackupResult> {
  const kind = kindOf(target);
  const file = backupPath(options.out ?? DEFAULT_BACKUP_DIR, kind, options.now ?? new Date());
  if (fs.existsSync(file)) throw new BackupError(`${file} finnes allerede; velg et annet navn.`);
  if (!target.databaseUrl) assertPgliteClosed(target.pgliteDir);
  // A backup holds health data: only the owner may read it, and a half-written file never has the final name.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  try {
    fs.writeFileSync(partial, "", { mode: 0o600 }); // pg_dump and writeFile keep the mode of a file that exists
    if (target.databaseUrl) await dumpPostgres(target.databaseUrl, partial);
    else await dumpPglite(target.pgliteDir, partial);
    const sha256 = await sha256Of(partial);
    fs.renameSync(partial, file);
    const checksumFile = checksumPath(file);
    fs.writeFileSync(checksumFile, `${sha256}  ${path.basename(file)}\n`, { mode: 0o600 });
    return { kind, file, checksumFile, sha256, bytes: fs.statSync(file).size };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * Restores a backup into the target, which must be empty (PostgreSQL: no tables; PGlite: an empty
 * or missing folder), after checking its checksum; then applies the migrations the backup is
 * missing. Returns the migrations applied.
 */
export async function restore(target: BackupTarget, file: string): Promise<{ kind: BackupKind; applied: string[] }> {
  await verifyChecksum(file);
  const kind = kindOf(target);
  const fileKind = formatOf(file);
  if (fileKind !== kind) {
    throw new BackupError(
      fileKind === "pglite"
        ? `${file} er en kopi av den innebygde databasen (PGlite) og legges bare tilbake uten DATABASE_URL.`
        : `${file} er en kopi av en PostgreSQL-database og legges bare tilbake med DATABASE_URL.`,
    );
  }
  if (target.databaseUrl) await restorePostgres(target.databaseUrl, file);
  else await restorePglite(target.pgliteDir, file);

  const db = await connectDatabase(target);
  try {
    return { kind, applied: await migrate(db) };
  } finally {
    await db.close();
  }
}

/** Checks a backup against its `<file>.sha256`; refuses a missing or damaged one. Returns the checksum. */
export async function verifyChecksum(file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new BackupError(`Fant ikke ${file}.`);
  const sidecar = checksumPath(file);
  if (!fs.existsSync(sidecar)) {
    throw new BackupError(`Fant ikke sjekksumfila ${sidecar}. Uten den kan kopien ikke kontrolleres, og den legges ikke tilbake.`);
  }
  const expected = fs.readFileSync(sidecar, "utf8").trim().split(/\s+/)[0]?.toLowerCase();
  const actual = await sha256Of(file);
  if (actual !== expected) {
    throw new BackupError(
      `Sikkerhetskopien ${file} er skadet eller endret: SHA-256 stemmer ikke med ${sidecar}. Ingenting er lagt tilbake; bruk en annen kopi.`,
    );
  }
  return actual;
}

export function checksumPath(file: string): string {
  return `${file}.sha256`;
}

function kindOf(target: BackupTarget): BackupKind {
  return target.databaseUrl ? "postgres" : "pglite";
}

function backupPath(out: string, kind: BackupKind, now: Date): string {
  if (out.endsWith(EXTENSION[kind])) return path.resolve(out);
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  return path.resolve(out, `ip-${kind}-${stamp}${EXTENSION[kind]}`);
}

/** pg_dump's custom format starts with "PGDMP"; PGlite's tarball is gzip. */
function formatOf(file: string): BackupKind {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new BackupError(`${file} er ikke en sikkerhetskopi fra portalen (verken pg_dump eller PGlite).`);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

// ---- PostgreSQL -----------------------------------------------------------------------------

async function dumpPostgres(databaseUrl: string, file: string) {
  const { dbname, env } = libpq(databaseUrl);
  await run("pg_dump", ["--format=custom", "--no-password", `--file=${file}`, `--dbname=${dbname}`], env);
}

async function restorePostgres(databaseUrl: string, file: string) {
  const db = connectPostgres(databaseUrl);
  try {
    const tables = await db.query<{ schemaname: string; count: number }>(
      `SELECT schemaname, count(*)::int AS count FROM pg_tables
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema') GROUP BY schemaname ORDER BY schemaname`,
    );
    if (tables.length) {
      const found = tables.map((t) => `${t.count} i ${t.schemaname}`).join(", ");
      throw new BackupError(
        `Databasen ${databaseName(databaseUrl)} er ikke tom (tabeller: ${found}). En sikkerhetskopi legges bare tilbake i en tom database: lag en ny (createdb) og pek DATABASE_URL dit.`,
      );
    }
  } finally {
    await db.close();
  }
  // One transaction: the database gets all of the backup or, if anything fails, none of it.
  // Owners and grants are the target server's own (its roles need not be the ones backed up).
  const { dbname, env } = libpq(databaseUrl);
  await run("pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${dbname}`, path.resolve(file)], env);
}

/** The URL for libpq's --dbname without the password, which goes in the environment instead of the process list. */
function libpq(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(`Fant ikke ${command}. Installer PostgreSQL-klientverktøyene (postgresql-client) i samme hovedversjon som databasetjeneren, eller nyere.`)
          : error,
      ),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} feilet (kode ${code}):\n${stderr.trim()}`)),
    );
  });
}

// ---- PGlite ---------------------------------------------------------------------------------

async function dumpPglite(dir: string, file: string) {
  const pglite = new PGlite(path.resolve(dir));
  try {
    await pglite.waitReady;
    // Everything into the data files first, so the copy needs no write-ahead log replayed.
    await pglite.exec("CHECKPOINT");
    const tarball = await pglite.dumpDataDir("gzip");
    await fs.promises.writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

async function restorePglite(dir: string, file: string) {
  const folder = path.resolve(dir);
  if (fs.existsSync(folder) && fs.readdirSync(folder).length) {
    throw new BackupError(
      `Mappa ${folder} er ikke tom. En sikkerhetskopi legges bare tilbake i en tom mappe: velg en ny PGLITE_DIR, eller flytt den gamle mappa unna først.`,
    );
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    const pglite = new PGlite(folder, { loadDataDir: new Blob([await fs.promises.readFile(file)]) });
    await pglite.waitReady;
    await pglite.close();
  } catch (error) {
    // The folder was empty: leave it so, not half restored.
    for (const entry of fs.readdirSync(folder)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
    throw error;
  }
}

/**
 * PGlite has no lock of its own: a second process that opens a folder the portal has open
 * corrupts it. Refuses when a process has files open in the folder (seen on Linux through /proc,
 * for processes of the same user or any as root), or when `postmaster.pid` says it was not closed.
 */
function assertPgliteClosed(dir: string) {
  const folder = path.resolve(dir);
  if (!fs.existsSync(path.join(folder, "PG_VERSION"))) throw new BackupError(`Fant ingen database i ${folder} (PGLITE_DIR).`);
  const holders = processesHolding(folder);
  if (holders.length) {
    throw new BackupError(
      `Den innebygde databasen i ${folder} er i bruk (prosess ${holders.join(", ")}), trolig av portalen. Stopp portalen (Ctrl+C eller SIGTERM), kjør kommandoen igjen, og start portalen etterpå.`,
    );
  }
  if (fs.existsSync(path.join(folder, "postmaster.pid"))) {
    throw new BackupError(
      `Den innebygde databasen i ${folder} er ikke lukket (postmaster.pid finnes): portalen kjører, eller den ble stoppet brått. Stopp portalen hvis den kjører. Gjør den ikke det, kjør «npm run db:migrate» én gang (den åpner og lukker databasen ordentlig) og prøv igjen.`,
    );
  }
}

/** Ids of the processes with a file open inside `folder` (Linux; elsewhere none are seen). */
function processesHolding(folder: string): number[] {
  const inside = fs.realpathSync(folder) + path.sep;
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids
    .filter((pid) => {
      try {
        return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
          try {
            return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(inside);
          } catch {
            return false; // closed meanwhile
          }
        });
      } catch {
        return false; // gone, or another user's
      }
    })
    .map(Number);
}
