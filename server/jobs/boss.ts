import nodemailer from "nodemailer";
import { fromPglite, PgBoss } from "pg-boss";
import { OSLO_TIME_ZONE } from "../../app/domain/oslo-time.ts";
import { processDueArchives, runScheduledArchives } from "../archive/service.ts";
import { runDeadlineReminders } from "../cases/reminders.ts";
import type { Database } from "../db/database.ts";
import { runEvaluationReminders } from "../goals/evaluation-reminders.ts";
import { runAssessmentReminders } from "../assessments/reminders.ts";
import { runMeetingReminders } from "../meetings/reminders.ts";
import { sendDigests, sendPendingEmails, type MailOptions } from "../notifications/email.ts";
import { log } from "../ops/log.ts";

// Background jobs in PostgreSQL (pg-boss): they survive restarts, and with several instances a
// scheduled job runs on one of them. On the embedded default pg-boss shares the process's one
// PGlite through its adapter, whose statements wait for any open Prisma transaction to finish.

export const DEADLINE_QUEUE = "case-deadline-reminders";
export const MEETING_QUEUE = "meeting-reminders";
export const EVALUATION_QUEUE = "evaluation-reminders";
export const ASSESSMENT_QUEUE = "assessment-reminders";
export const EMAIL_QUEUE = "notification-emails";
export const DIGEST_QUEUE = "notification-digest";
export const ARCHIVE_QUEUE = "plan-archive-scheduled";
export const ARCHIVE_RETRY_QUEUE = "plan-archive-retry";

export function createBoss(db: Database) {
  return db.connection.kind === "pglite"
    ? new PgBoss({ db: fromPglite(db.connection.pglite), backend: "pglite", schema: "pgboss" })
    : new PgBoss({ connectionString: db.connection.connectionString, schema: "pgboss", max: 3 });
}

export interface JobOptions {
  reminderCron?: string;
  /** When the scheduled archive copies are checked (default nightly). */
  archiveCron?: string;
  /** With e-mail configured: notices the live path missed are sent, and the daily digests. */
  mail?: MailOptions & { smtpUrl: string };
}

export async function startJobs(db: Database, options: JobOptions = {}) {
  const boss = createBoss(db);
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  // Each a singleton by queue, so one run at a time across instances; Oslo time.
  const every = async (queue: string, cron: string, run: () => Promise<unknown>) => {
    await boss.createQueue(queue);
    await boss.schedule(queue, cron, null, { tz: OSLO_TIME_ZONE, singletonKey: queue });
    await boss.work(queue, async () => {
      await run();
    });
  };
  const reminders = options.reminderCron ?? "*/15 * * * *";
  await every(DEADLINE_QUEUE, reminders, () => runDeadlineReminders(db.prisma));
  // Meetings: the day-before reminder and the coordinator's reminders about unapproved minutes.
  await every(MEETING_QUEUE, reminders, () => runMeetingReminders(db.prisma));
  // Evaluations falling due: hourly is soon enough for a date.
  await every(EVALUATION_QUEUE, options.reminderCron ?? "5 * * * *", () => runEvaluationReminders(db.prisma));
  // Assessments that went out of date (an age limit, a service or a decision): each morning.
  await every(ASSESSMENT_QUEUE, options.reminderCron ?? "15 6 * * *", () => runAssessmentReminders(db.prisma));
  // Archive copies (decision 027): each active plan once per configured period (a unique row per
  // plan and period, so runs on several instances make one), checked nightly; copies that failed
  // to build or be delivered are tried again every ten minutes.
  await every(ARCHIVE_QUEUE, options.archiveCron ?? "30 2 * * *", () => runScheduledArchives(db.prisma));
  await every(ARCHIVE_RETRY_QUEUE, "*/10 * * * *", () => processDueArchives(db.prisma));
  const transport = options.mail ? nodemailer.createTransport(options.mail.smtpUrl) : null;
  if (options.mail && transport) {
    const mail = options.mail;
    const send = (message: Parameters<typeof transport.sendMail>[0]) => transport.sendMail(message);
    await every(EMAIL_QUEUE, "*/5 * * * *", () => sendPendingEmails(db.prisma, send, mail));
    // The day's digest, in the morning.
    await every(DIGEST_QUEUE, "0 7 * * *", () => sendDigests(db.prisma, send, mail));
  }
  const queues = [DEADLINE_QUEUE, MEETING_QUEUE, EVALUATION_QUEUE, ASSESSMENT_QUEUE, ARCHIVE_QUEUE, ARCHIVE_RETRY_QUEUE, ...(options.mail ? [EMAIL_QUEUE, DIGEST_QUEUE] : [])];
  return {
    boss,
    /** Jobs waiting and failed per queue, for the metrics. */
    async stats() {
      const rows = await Promise.all(queues.map((queue) => boss.getQueueStats(queue)));
      return rows.flat().map((s) => ({ queue: s.name, waiting: s.queuedCount, failed: s.failedCount }));
    },
    /** Lets running jobs finish (up to 10 s), then stops taking new ones. */
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      transport?.close();
    },
  };
}
