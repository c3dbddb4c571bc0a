import { createHash } from "node:crypto";
import pg from "pg";

// PostgreSQL's `name` (OID 19) and `"char"` (OID 18) columns, which the schema engine's
// catalogue queries return, have no mapping in @prisma/adapter-pg 6 ("Column type 'name'
// could not be deserialized", prisma/prisma#27403). This client reports them as `text`
// (OID 25) so migrations and introspection work through the adapter. Nothing else changes.
const TEXT_OID = 25;
const REWRITTEN_OIDS = new Set([18, 19]);

type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;

function rewriteFieldTypes(result: QueryResultLike) {
  for (const field of result?.fields ?? []) {
    if (REWRITTEN_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
}

/**
 * One query at a time per connection: Prisma starts a transaction's reads side by side (an
 * include's relations), and pg only queues them itself with a deprecation warning (it stops in
 * pg 9). The next query is sent when the one before has answered, as pg would; a callback or a
 * cursor (a "submittable") goes straight through.
 */
class TextNameClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  // pg's query() has many overloads; the shim only orders promise calls and post-processes results.
  override query(...args: unknown[]): never {
    const direct = () => (super.query as (...a: unknown[]) => unknown)(...args);
    const last = args[args.length - 1];
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof last === "function" || typeof first?.submit === "function") return direct() as never;
    const run = () =>
      (direct() as Promise<QueryResultLike | QueryResultLike[]>).then((r) => {
        for (const one of Array.isArray(r) ? r : [r]) rewriteFieldTypes(one);
        return r;
      });
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result as never;
  }
}

export function createPgPool(connectionString: string, max = 10): pg.Pool {
  // A server that does not answer must not hold a request: after 5 s it is "unavailable" (a 503).
  const pool = new pg.Pool({ connectionString, max, Client: TextNameClient, connectionTimeoutMillis: 5_000 });
  releaseLostConnections(pool);
  return pool;
}

/**
 * Gives the pool back a connection that died while checked out. Prisma's transaction manager
 * releases a transaction's connection only after its ROLLBACK succeeds, which it never does on a
 * dead connection: after a database restart under load every connection was held for ever and
 * each request waited for a free one (tests/integration/faults-postgres.test.ts). And a
 * checked-out connection that the server ends between two queries emits "error" with nobody
 * listening (pg-pool listens only while it is idle), which ended the process.
 */
function releaseLostConnections(pool: pg.Pool) {
  const checkedOut = new Set<pg.PoolClient>();
  const watched = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client) => {
    checkedOut.add(client);
    if (watched.has(client)) return;
    watched.add(client);
    // Its end follows, and is handled there; the query it was running (if any) fails by itself.
    client.on("error", () => {});
    client.on("end", () => {
      if (!checkedOut.delete(client)) return;
      const release = client.release;
      // Whoever holds it may still release it: that is now a no-op, not a double release.
      client.release = () => {};
      release(new Error("connection lost"));
    });
  });
  pool.on("release", (_error, client) => checkedOut.delete(client));
}

/**
 * Names each distinct SQL text Prisma sends with parameters, so that pg prepares it once per
 * connection and PostgreSQL plans it once, not on every call (decision 036). Prisma's texts are
 * a few hundred shapes; only a list (`IN ($1, $2, …)`) makes a new text per length. So that no
 * connection holds prepared statements without end, only the first `limit` texts get a name, and
 * the rest run unnamed, as all did before. A text without parameters (BEGIN, COMMIT, raw SQL that
 * may hold several statements) keeps pg's simple protocol: the empty name is pg's "unnamed".
 */
export function statementNames(limit = 1_000): (query: { sql: string; args: unknown[] }) => string {
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    if (args.length === 0) return "";
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return "";
    const name = `prisma_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`;
    names.set(sql, name);
    return name;
  };
}
