import type { RequestHandler } from "express";
import type { Database } from "../db/database.ts";

const TIMEOUT_MS = 2000;

/** True when the database answers a trivial query within two seconds. */
export async function isDatabaseUp(db: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
    });
    await Promise.race([db.query("SELECT 1"), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthHandler(db: Database): RequestHandler {
  return async (_req, res) => {
    const up = await isDatabaseUp(db);
    res.status(up ? 200 : 503).set("Cache-Control", "no-store").json({ status: up ? "ok" : "error", db: up ? "ok" : "down" });
  };
}
