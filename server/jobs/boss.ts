import { fromPglite, PgBoss } from "pg-boss";
import { runDeadlineReminders } from "../cases/reminders.ts";
import type { Database } from "../db/database.ts";
import { runMeetingReminders } from "../meetings/reminders.ts";

// Background jobs in PostgreSQL (pg-boss): they survive restarts, and with several instances a
// scheduled job runs on one of them. On the embedded default pg-boss shares the process's one
// PGlite through its adapter, whose statements wait for any open Prisma transaction to finish.

export const DEADLINE_QUEUE = "case-deadline-reminders";
export const MEETING_QUEUE = "meeting-reminders";

export function createBoss(db: Database) {
  return db.connection.kind === "pglite"
    ? new PgBoss({ db: fromPglite(db.connection.pglite), backend: "pglite", schema: "pgboss" })
    : new PgBoss({ connectionString: db.connection.connectionString, schema: "pgboss", max: 3 });
}

export async function startJobs(db: Database, options: { reminderCron?: string } = {}) {
  const boss = createBoss(db);
  boss.on("error", (error) => console.error("Jobbkø:", error instanceof Error ? error.message : error));
  await boss.start();
  await boss.createQueue(DEADLINE_QUEUE);
  // Every 15 minutes, Oslo time; a singleton by queue, so one run at a time across instances.
  await boss.schedule(DEADLINE_QUEUE, options.reminderCron ?? "*/15 * * * *", null, { tz: "Europe/Oslo", singletonKey: "reminders" });
  await boss.work(DEADLINE_QUEUE, async () => {
    await runDeadlineReminders(db.prisma);
  });
  // Meetings: the day-before reminder and the coordinator's reminders about unapproved minutes.
  await boss.createQueue(MEETING_QUEUE);
  await boss.schedule(MEETING_QUEUE, options.reminderCron ?? "*/15 * * * *", null, { tz: "Europe/Oslo", singletonKey: "meeting-reminders" });
  await boss.work(MEETING_QUEUE, async () => {
    await runMeetingReminders(db.prisma);
  });
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
