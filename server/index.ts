import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "./app.ts";
import { connectDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { fillBirthDates } from "./search/birth-dates.ts";
import { parseEnv } from "./env.ts";
import { configureLogger, log, routeConsole } from "./ops/log.ts";
import { startJobs } from "./jobs/boss.ts";
import { configureArchiveFromEnv } from "./archive/service.ts";
import { startNotificationEmails } from "./notifications/email.ts";
import { startMeetingInvitationEmails } from "./meetings/email.ts";
import { startInvitationEmails } from "./participants/invitation-mail.ts";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "../prisma/demo.ts";
import { upsertEnvironmentProviders } from "./auth/oidc/providers.ts";
import { startTestProviders } from "./test-idp/register.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(ROOT, "build/index.js");

async function main() {
  const env = parseEnv();
  configureLogger({ level: env.LOG_LEVEL, file: env.LOG_FILE });
  routeConsole();
  const db = await connectDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  const applied = await migrate(db);
  if (applied.length) console.log(`Databasen er oppdatert (${applied.length} migrering(er)).`);
  await fillBirthDates(db.prisma);

  // The demo municipality: on the embedded database unless in production, or when asked for.
  const wantDemo = env.SEED_DEMO === "true" || (env.SEED_DEMO !== "false" && !env.DATABASE_URL && env.NODE_ENV !== "production");
  const demo = wantDemo ? await seedDemoIfEmpty(db.prisma) : null;

  const build = (await import(BUILD_PATH)) as ServerBuild;
  const portal = await createApp({ env, db, build });
  const port = await portal.listen(env.PORT, env.HOST);

  const url = `http://localhost:${port}`;

  // The local test identity provider (synthetic persons) for the demo municipality: never in
  // production unless asked for (TEST_IDP=true).
  const wantTestIdp = env.TEST_IDP === "true" || (env.TEST_IDP !== "false" && env.NODE_ENV !== "production");
  const demoMunicipality = wantTestIdp ? await db.prisma.municipality.findFirst({ where: { demo: true }, orderBy: { createdAt: "asc" } }) : null;
  const testProviders = demoMunicipality
    ? await startTestProviders(db.prisma, {
        municipalityId: demoMunicipality.id,
        portalOrigins: [url, `http://127.0.0.1:${port}`, ...(env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).origin] : [])],
        port: env.TEST_IDP_PORT,
      })
    : null;
  await upsertEnvironmentProviders(db.prisma, env.OIDC_PROVIDERS);
  const mail = env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, baseUrl: env.PUBLIC_URL ?? url } : undefined;
  configureArchiveFromEnv(env);
  const jobs = env.JOBS === "true" ? await startJobs(db, { mail }) : null;
  if (jobs) portal.metrics.track({ jobs: jobs.stats });
  const stopEmails = mail ? startNotificationEmails(db.prisma, mail.smtpUrl, mail) : null;
  const stopMeetingEmails = env.SMTP_URL ? startMeetingInvitationEmails(db.prisma, env.SMTP_URL, { from: env.MAIL_FROM }) : null;
  // Invitations for participants from outside: without SMTP the coordinator is shown the link.
  const stopInvitationEmails = mail ? startInvitationEmails(mail.smtpUrl, mail) : null;
  console.log(`\nIndividuell plan-portalen kjører på ${url}`);
  console.log(`Database: ${env.DATABASE_URL ? "PostgreSQL" : `innebygd PGlite i ${path.resolve(env.PGLITE_DIR)}`}`);
  if (demo) {
    console.log(`\nDemo-innlogginger (${demo.municipalityName}), passord "${DEMO_PASSWORD}" for alle:`);
    for (const account of demo.accounts) console.log(`  ${account.email.padEnd(24)} ${account.description}`);
  }
  if (testProviders) {
    console.log(`\nTest-ID-porten og ansattinnlogging (syntetiske testpersoner) kjører på ${testProviders.idp.issuer}:`);
    console.log(`  «Logg inn med ID-porten (test)» og «Logg inn som ansatt» på ${url}/login`);
  }
  if (env.NODE_ENV === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }

  log.info({ port, database: env.DATABASE_URL ? "postgresql" : "pglite", jobs: Boolean(jobs) }, "started");

  // Graceful shutdown: stop taking work, store every open text and let requests finish
  // (portal.close), let running jobs finish (jobs.stop), then close the database. A shutdown
  // that hangs is cut off after 30 seconds.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    setTimeout(() => {
      log.error({ signal }, "shutdown took too long");
      process.exit(1);
    }, 30_000).unref();
    stopEmails?.();
    stopMeetingEmails?.();
    stopInvitationEmails?.();
    // Two seconds of "not ready" first, for the load balancer (none on the embedded database: one instance).
    await portal.close({ drainMs: env.DATABASE_URL ? 2_000 : 0 }).catch((error: unknown) => log.error({ err: error }, "closing the server failed"));
    await testProviders?.idp.close();
    await jobs?.stop().catch((error: unknown) => log.error({ err: error }, "stopping the jobs failed"));
    await db.close().catch(() => {});
    log.info({ signal }, "stopped");
    log.flush();
    process.exit(0);
  };
  // A promise nobody awaited that failed is a bug to fix, not a reason to stop serving everyone.
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // To the person starting it, whole (nothing has been served yet), and to the log.
  process.stderr.write(`Portalen kunne ikke starte: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  log.error({ err: error }, "start failed");
  process.exit(1);
});
