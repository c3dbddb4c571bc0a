import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup, type BackupResult, type BackupTarget, restore } from "../../server/db/backup.ts";
import { connectDatabase, connectPostgres, type Database } from "../../server/db/database.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { seedDemo } from "../../prisma/demo.ts";
import { createPlanWorld, scheduleMeeting } from "./plan-world.ts";
import { adminUrl, databaseUrl } from "./pg-urls.ts";

// `npm run db:backup` and `npm run db:restore` on the database the run is for: a real PostgreSQL
// (pg_dump and pg_restore) with TEST_DATABASE_URL, else PGlite in folders, as the server has it.

const base = process.env.TEST_DATABASE_URL;
const kind = base ? "postgres" : "pglite";
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ip-backup-"));
const databases: string[] = [];
let places = 0;

/** A new, empty database: on PostgreSQL created here (and dropped after the file), on PGlite a folder not made yet. */
async function emptyPlace(): Promise<BackupTarget> {
  const name = `ip_backup_${process.pid}_${++places}`;
  if (!base) return { pgliteDir: path.join(root, name) };
  const admin = connectPostgres(adminUrl(base));
  try {
    await admin.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  databases.push(name);
  return { databaseUrl: databaseUrl(base, name), pgliteDir: "" };
}

async function withDatabase<T>(target: BackupTarget, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await connectDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Every table's row count and content hash, and every sequence's last value. */
async function fingerprint(db: Database) {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, '' ORDER BY t::text)) AS md5 FROM ${name} t`,
    );
    result[name] = row;
  }
  const sequences = await db.query<{ name: string; last_value: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text FROM pg_sequences ORDER BY 1`,
  );
  return { tables: result, sequences };
}

const isEmpty = async (target: BackupTarget) =>
  target.databaseUrl
    ? withDatabase(target, async (db) => (await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)).length === 0)
    : !fs.existsSync(target.pgliteDir) || fs.readdirSync(target.pgliteDir).length === 0;

/** A copy of a backup with its checksum file, to damage without touching the original. */
function copyOf(result: BackupResult, name: string): string {
  const file = path.join(root, `${name}${path.basename(result.file).slice(path.basename(result.file).indexOf("."))}`);
  fs.copyFileSync(result.file, file);
  fs.copyFileSync(result.checksumFile, `${file}.sha256`);
  return file;
}

let source: BackupTarget;
let before: Awaited<ReturnType<typeof fingerprint>>;
let made: BackupResult;

beforeAll(async () => {
  source = await emptyPlace();
  before = await withDatabase(source, async (db) => {
    await migrate(db);
    await seedDemo(db.prisma);
    const world = await createPlanWorld(db);
    await scheduleMeeting(world);
    await world.callers.owner.goal.create({ planId: world.plan.id, lifeArea: "HEALTH", title: "Gå tur hver dag" });
    return fingerprint(db);
  });
  made = await backup(source, { out: path.join(root, "backups") });
});

afterAll(async () => {
  if (base && databases.length) {
    const admin = connectPostgres(adminUrl(base));
    try {
      for (const name of databases) await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe(`backup and restore (${kind})`, () => {
  it("writes a file named by the time in UTC with a checksum sha256sum accepts", () => {
    expect(path.basename(made.file)).toMatch(
      kind === "postgres" ? /^ip-postgres-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.dump$/ : /^ip-pglite-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/,
    );
    expect(fs.readFileSync(made.checksumFile, "utf8")).toBe(`${made.sha256}  ${path.basename(made.file)}\n`);
    expect(execFileSync("sha256sum", ["-c", path.basename(made.checksumFile)], { cwd: path.dirname(made.file), encoding: "utf8" })).toContain(": OK");
    expect(fs.statSync(made.file).mode & 0o077).toBe(0); // health data: the owner's only
  });

  it("restores every table exactly into an empty database", async () => {
    const target = await emptyPlace();
    expect(await restore(target, made.file)).toEqual({ kind, applied: [] });
    const after = await withDatabase(target, fingerprint);

    expect(Object.keys(before.tables).length).toBeGreaterThan(30);
    expect(before.tables['public."Plan"'].rows).toBeGreaterThan(5);
    expect(before.tables['public."AuditEvent"'].rows).toBeGreaterThan(0);
    expect(before.tables["public._prisma_migrations"].rows).toBe(readMigrations().length);
    expect(after).toEqual(before);
  });

  it("brings an older backup up to date with the migrations it lacks", async () => {
    const older = await emptyPlace();
    const migrations = readMigrations();
    await withDatabase(older, (db) => migrate(db, migrations.slice(0, -1)));
    const oldBackup = await backup(older, { out: path.join(root, "older") });

    const target = await emptyPlace();
    expect((await restore(target, oldBackup.file)).applied).toEqual([migrations.at(-1)!.name]);
    expect(await withDatabase(target, (db) => migrate(db))).toEqual([]);
  });

  it("refuses a damaged file, and one without its checksum, and restores nothing", async () => {
    const damaged = copyOf(made, "damaged");
    const bytes = fs.readFileSync(damaged);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(damaged, bytes);
    const target = await emptyPlace();
    await expect(restore(target, damaged)).rejects.toThrow(/er skadet eller endret: SHA-256 stemmer ikke/);

    const unchecked = copyOf(made, "unchecked");
    fs.rmSync(`${unchecked}.sha256`);
    await expect(restore(target, unchecked)).rejects.toThrow(/Fant ikke sjekksumfila/);
    expect(await isEmpty(target)).toBe(true);
  });

  it("refuses, through npm run db:restore, to restore into a database that is not empty", async () => {
    const { DATABASE_URL: _serversOwn, ...rest } = process.env;
    const env = { ...rest, PGLITE_DIR: source.pgliteDir, ...(source.databaseUrl ? { DATABASE_URL: source.databaseUrl } : {}) };
    const cli = promisify(execFile)(process.execPath, ["--import", "tsx", "server/db/backup-cli.ts", "restore", made.file], { env });
    await expect(cli).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/er ikke tom/) });
    expect(await withDatabase(source, fingerprint)).toEqual(before);
  });

  it.runIf(kind === "pglite")("refuses to back up the embedded database while it is open, or was not closed", async () => {
    const db = await connectDatabase(source);
    try {
      await expect(backup(source, { out: path.join(root, "open") })).rejects.toThrow(/er i bruk \(prosess \d+/);
    } finally {
      await db.close();
    }
    fs.writeFileSync(path.join(source.pgliteDir, "postmaster.pid"), "-42\n");
    await expect(backup(source, { out: path.join(root, "open") })).rejects.toThrow(/ikke lukket \(postmaster.pid finnes\)/);
    fs.rmSync(path.join(source.pgliteDir, "postmaster.pid"));
    expect(fs.existsSync(path.join(root, "open"))).toBe(false);
  });
});
