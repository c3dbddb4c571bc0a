-- The Oslo calendar months in which each plan had activity, for "plans without activity" over
-- time on the coordinating unit's dashboard (docs/decisions/022). From now on the write path
-- adds the month whenever it moves a plan's last activity (server/records/activity.ts).
CREATE TABLE "PlanActivityMonth" (
    "planId" TEXT NOT NULL,
    "month" DATE NOT NULL,

    CONSTRAINT "PlanActivityMonth_pkey" PRIMARY KEY ("planId","month")
);

CREATE INDEX "PlanActivityMonth_month_idx" ON "PlanActivityMonth"("month");

ALTER TABLE "PlanActivityMonth" ADD CONSTRAINT "PlanActivityMonth_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The history there is: each plan's month of creation and of its last activity, and every month
-- with an audit row whose action is activity in the plan (the list is PLAN_ACTIVITY_ACTIONS of
-- app/domain/audit-actions.ts as it was then; tests/unit/migrations.test.ts checks each is one).
-- Instants are stored in UTC; the month is the one on an Oslo calendar.
INSERT INTO "PlanActivityMonth" ("planId", "month")
SELECT "id", date_trunc('month', ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')::date FROM "Plan"
UNION
SELECT "id", date_trunc('month', ("lastActivityAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')::date FROM "Plan"
UNION
SELECT a."planId", date_trunc('month', (a."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')::date
FROM "AuditEvent" a
JOIN "Plan" p ON p."id" = a."planId"
WHERE a."action" IN ('plan.update', 'plan.update_about', 'plan.text.edit', 'goal.create', 'goal.update', 'measure.create', 'measure.update', 'evaluation.create', 'comment.create', 'log.create', 'service.add', 'service.remove', 'participant.add', 'participant.update', 'participant.invite', 'participant.invite_accept', 'consent.grant', 'consent.withdraw', 'coordinator.assign', 'meeting.guest.add', 'meeting.guest.consent', 'meeting.create', 'meeting.update', 'meeting.cancel', 'meeting.respond', 'meeting.agenda.add', 'meeting.agenda.update', 'meeting.agenda.remove', 'meeting.agenda.reorder', 'meeting.attendance', 'meeting.task.create', 'meeting.task.complete', 'minutes.approved', 'minutes.correction');
