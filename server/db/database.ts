import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type pg from "pg";
import { PrismaClient } from "./generated/client.ts";
import { createPgPool, statementNames } from "./pg-pool.ts";

export type { PrismaClient };

/**
 * The one database handle of a process: the Prisma client plus a raw SQL channel for
 * what Prisma does not do (migrations, health checks, test resets). On the embedded
 * default both go through the same PGlite instance, whose own lock keeps statements
 * of one client out of another's open transaction.
 */
export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` with a session-level lock held, so only one process migrates or seeds at a time. */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** How other clients (the job queue) reach the same database: a URL, or the one embedded instance. */
  connection: { kind: "postgres"; connectionString: string } | { kind: "pglite"; pglite: PGlite };
  /** The connection pool's use (PostgreSQL only), for the metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export function connectPostgres(connectionString: string): Database {
  const pool = createPgPool(connectionString);
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementNames() }) });
  return {
    kind: "postgres",
    prisma,
    connection: { kind: "postgres", connectionString },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async exec(sql) {
      await pool.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as T[];
    },
    async withLock(key, fn) {
      const client: pg.PoolClient = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [key]);
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Embedded PostgreSQL (PGlite). `dir` undefined keeps everything in memory (tests). */
export async function connectPglite(dir?: string): Promise<Database> {
  if (dir) fs.mkdirSync(path.resolve(dir), { recursive: true });
  const pglite = new PGlite(dir ? path.resolve(dir) : undefined);
  await pglite.waitReady;
  // pglite-prisma-adapter 0.6 declares an older @prisma/driver-adapter-utils; the runtime
  // interface is the same (verified by the integration tests on PGlite), only the types differ.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never });
  return {
    kind: "pglite",
    prisma,
    connection: { kind: "pglite", pglite },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pglite.query(sql, params);
      return result.rows as T[];
    },
    // One process owns a PGlite directory, so there is nobody to lock out.
    async withLock(_key, fn) {
      return fn();
    },
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function connectDatabase(options: { databaseUrl?: string; pgliteDir: string }): Promise<Database> {
  return options.databaseUrl ? connectPostgres(options.databaseUrl) : connectPglite(options.pgliteDir);
}
