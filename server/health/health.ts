import type { RequestHandler } from "express";
import type { Database } from "../db/database.ts";
import { readMigrations } from "../db/migrate.ts";

// Liveness and readiness, for the platform that runs the portal (Kubernetes, systemd, a load
// balancer). Live: the process answers; restart it only when this fails. Ready: it can serve
// people now (database, every migration applied, not shutting down); take it out of the load
// balancer while this fails, without restarting it. Redis down is reported ("degraded") but
// does not fail readiness: every instance serves its own people without it, and failing them
// all at once would take the whole service out of the load balancer.

const TIMEOUT_MS = 2000;

async function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the database answers a trivial query within two seconds. */
export async function isDatabaseUp(db: Database): Promise<boolean> {
  try {
    await within(db.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/** True when every migration in prisma/migrations has been applied to this database. */
async function migrationsApplied(db: Database, expected: string[]): Promise<boolean> {
  try {
    const rows = await within(db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`));
    const applied = new Set(rows.map((r) => r.migration_name));
    return expected.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

export interface ReadinessOptions {
  /** Redis, when configured: whether its clients are connected. */
  redis?: () => boolean;
  /** True once shutdown has begun: new work should go to another instance. */
  draining?: () => boolean;
}

export function livenessHandler(): RequestHandler {
  return (_req, res) => {
    res.status(200).json({ status: "ok" });
  };
}

export function readinessHandler(db: Database, options: ReadinessOptions = {}): RequestHandler {
  const expected = readMigrations().map((m) => m.name);
  return async (_req, res) => {
    const dbUp = await isDatabaseUp(db);
    const checks: Record<string, "ok" | "down" | "pending" | "draining"> = { db: dbUp ? "ok" : "down" };
    if (dbUp) checks.migrations = (await migrationsApplied(db, expected)) ? "ok" : "pending";
    if (options.draining?.()) checks.shutdown = "draining";
    const ready = Object.values(checks).every((value) => value === "ok");
    const redis = options.redis ? (options.redis() ? "ok" : "down") : undefined;
    const status = !ready ? "error" : redis === "down" ? "degraded" : "ok";
    res.status(ready ? 200 : 503).json({ status, ...checks, ...(redis ? { redis } : {}) });
  };
}
