/**
 * The migrated template test databases are copied from: one per test run (the run's process
 * sets it in global-setup.ts and its workers inherit it), so runs from two checkouts, or two at
 * once, never migrate or drop each other's template.
 */
export function templateDb(): string {
  return process.env.IP_TEST_TEMPLATE_DB ?? `ip_test_template_${process.pid}`;
}

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
