export const TEMPLATE_DB = "ip_test_template";

/** The same server and credentials, another database. */
export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A connection for CREATE/DROP DATABASE: the maintenance database `postgres`. */
export function adminUrl(base: string): string {
  return databaseUrl(base, "postgres");
}
