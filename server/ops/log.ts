import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";

// Structured JSON logs (one line per event, for the municipality's log collector). A log line
// never carries health data, identity numbers, passwords, tokens or cookies: requests are logged
// by method, path (without the query) and status; errors by type and stack frames only, since
// a database error's message can quote the values it was given. REDACTED_KEYS is a second net
// for anything logged as an object. Libraries' console.error and console.warn are sent here the
// same way (routeConsole). tests/unit/ops.test.ts and tests/e2e/security.spec.ts check it.

/** Keys whose values are replaced by "[skjult]" wherever they appear (two levels deep). */
export const REDACTED_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "token",
  "accessToken",
  "idToken",
  "refreshToken",
  "cookie",
  "cookies",
  "authorization",
  "set-cookie",
  "nationalId",
  "nationalIdentityNumber",
  "pid",
  "fnr",
  "identityNumber",
  "identityEnc",
  "identityHash",
  "code_verifier",
  "codeVerifier",
  "nonce",
  "clientSecret",
  "id_token",
  "access_token",
  "body",
  "text",
  "html",
  "content",
  "contentBase64",
  "description",
  "purpose",
  "email",
] as const;

const paths = REDACTED_KEYS.flatMap((key) => {
  const name = /^[a-zA-Z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const child = name.startsWith("[") ? name : `.${name}`;
  return [name, `*${child}`, `*.*${child}`];
});

/**
 * Paths that carry a secret in them: an invitation's one-time link (/invitasjon/<token>, server/
 * participants/invitations.ts). Logged as "/invitasjon/[skjult]", wherever a line has a `path`.
 */
const SECRET_PATHS = [/^(\/invitasjon\/)[^/?#]+/];

export function pathForLog(path: string): string {
  return SECRET_PATHS.reduce((p, pattern) => p.replace(pattern, "$1[skjult]"), path);
}

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` with a request id that every log line inside it carries. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export interface LogOptions {
  level?: "silent" | "error" | "info" | "debug";
  /** A file to write to instead of standard output. */
  file?: string;
  /** Or any stream (tests). */
  stream?: { write(line: string): void };
}

export function createLogger(options: LogOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "ip-portal" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor: "[skjult]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      serializers: { err: errorForLog },
      formatters: {
        log: (object) => (typeof object.path === "string" ? { ...object, path: pathForLog(object.path) } : object),
      },
    },
    // Synchronous writes: a line is out before the process exits (a few per request is cheap).
    options.stream ?? (options.file ? pino.destination({ dest: options.file, sync: true, mkdir: true }) : pino.destination({ sync: true })),
  );
}

/** An error as logged: its type, code and stack frames, never its message (which may quote data). */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === "string" ? { code } : {}), stack: frames.slice(0, 12).join("\n") };
}

/** The process's logger; server/index.ts configures it from the environment at start. */
export let log: Logger = createLogger({ level: process.env.LOG_LEVEL === "silent" || process.env.VITEST ? "silent" : "info" });

export function configureLogger(options: LogOptions): Logger {
  log = createLogger(options);
  return log;
}

/**
 * Libraries (Remix, Hocuspocus, pg, Prisma) print their errors and warnings with console.error
 * and console.warn, whole messages included. In the running server those go through the logger:
 * an Error by its type and frames, other arguments not at all (a message may quote a plan's text).
 */
export function routeConsole() {
  const route = (level: "error" | "warn") => (...args: unknown[]) => {
    const err = args.find((arg) => arg instanceof Error);
    log[level]({ ...(err ? { err } : {}), source: "console" }, level === "error" ? "library error" : "library warning");
  };
  console.error = route("error");
  console.warn = route("warn");
}
