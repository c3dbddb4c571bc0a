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

class TextNameClient extends pg.Client {
  // pg's query() has many overloads; the shim only post-processes promise results.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<QueryResultLike | QueryResultLike[]>).then((r) => {
        for (const one of Array.isArray(r) ? r : [r]) rewriteFieldTypes(one);
        return r;
      }) as never;
    }
    return result as never;
  }
}

export function createPgPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, Client: TextNameClient });
}
