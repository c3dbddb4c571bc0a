/**
 * A unique constraint or index refused a write: which model it was on, and the constraint's
 * fields or name (for telling an e-mail from an identity number). On PostgreSQL (adapter-pg)
 * Prisma reports P2002; the embedded PGlite's driver adapter passes PostgreSQL's 23505 through
 * unmapped, naming only the constraint, whose name starts with the model (Prisma's naming, and
 * ours for the partial indexes: "Plan_one_open_ip_per_owner"). Null for any other error.
 */
export function uniqueViolation(error: unknown): { model: string; target: string } | null {
  const e = error as { code?: string; meta?: { modelName?: string; target?: unknown }; cause?: { code?: string; message?: string } } | null;
  if (e?.code === "P2002") {
    const target = String(e.meta?.target ?? "");
    return { model: e.meta?.modelName ?? target.split("_")[0] ?? "", target };
  }
  if (e?.cause?.code === "23505") {
    const constraint = /constraint "([^"]+)"/.exec(e.cause.message ?? "")?.[1] ?? "";
    return { model: constraint.split("_")[0] ?? "", target: constraint };
  }
  return null;
}
