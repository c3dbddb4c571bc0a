import { z } from "zod";

// Every setting the process reads, parsed once at boot so a typo fails loudly at start
// rather than at the first request that needs it.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data"),
  REDIS_URL: z.string().url().optional(),
  // "true" creates the demo municipality even with NODE_ENV=production or on PostgreSQL.
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  // Extra origins allowed to POST, comma-separated (for example behind a proxy that rewrites Host).
  ALLOWED_ORIGINS: z.string().default(""),
  // Set when running behind a reverse proxy so req.ip and https detection use X-Forwarded-*.
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  // Notifications by e-mail (e.g. smtp://user:pass@smtp.kommune.no:587); without it, only in the portal.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Individuell plan <ikke-svar@kommune.no>"),
  // The portal's public address, for links in e-mails.
  PUBLIC_URL: z.string().url().optional(),
  // "false" starts no background jobs in this process (e.g. a web-only instance).
  JOBS: z.enum(["true", "false"]).default("true"),
  LOG_LEVEL: z.enum(["silent", "error", "info", "debug"]).default("info"),
  // Structured JSON logs go to standard output, or to this file.
  LOG_FILE: z.string().optional(),
  // Prometheus metrics at /metrics, for a scraper that sends "Authorization: Bearer <token>".
  METRICS_TOKEN: z.string().min(16).optional(),
  // 32 bytes in base64: encrypts identity numbers and providers' client secrets (required in production).
  IDENTITY_KEY: z.string().optional(),
  // The local test identity provider (synthetic persons): on unless NODE_ENV=production; "true" asks for it there too.
  TEST_IDP: z.enum(["true", "false"]).optional(),
  // Its port on 127.0.0.1 (0: any free port).
  TEST_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  // Identity providers from the environment: a JSON list, upserted at start (README, "Sign-in").
  OIDC_PROVIDERS: z.string().optional(),
  // Where the bytes of plans' documents are kept: "database" (default), or "s3" for an
  // S3-compatible bucket (PostgreSQL deployments; README, "Documents on plans").
  DOCUMENT_STORE: z.enum(["database", "s3"]).default("database"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
  S3_PREFIX: z.string().optional(),
  // Archive copies of plans (docs/decisions/027): the months every active plan is archived in,
  // and, to post each copy to the municipality's archive, its endpoint and bearer token.
  ARCHIVE_MONTHS: z.string().regex(/^\s*(1[0-2]|[1-9])\s*(,\s*(1[0-2]|[1-9])\s*)*$/, "months 1–12, comma-separated").default("1,7"),
  ARCHIVE_HTTP_URL: z.string().url().optional(),
  ARCHIVE_HTTP_TOKEN: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
