-- The audit rows written before 20261129000000_records: their kind, from the action (the lists are
-- app/domain/audit-actions.ts as it was then; tests/unit/migrations.test.ts checks they agree),
-- and the actor's part in the plan, as far as the plan still tells it. Plain UPDATEs, so new
-- audit rows go on being written while they run; only the index build holds new rows back for
-- the seconds it takes. The kind's temporary default goes last.

UPDATE "AuditEvent" SET "kind" = 'READ' WHERE "action" IN ('plan.view', 'plan.text.open', 'measure.mine.view', 'meeting.view', 'meeting.list', 'meeting.ics', 'meeting.tasks.mine.view', 'audit.view', 'audit.export', 'case.view', 'case.document_view');
UPDATE "AuditEvent" SET "kind" = 'ACCESS' WHERE "action" IN ('participant.add', 'participant.update', 'consent.grant', 'consent.withdraw', 'coordinator.assign', 'meeting.guest.add', 'meeting.guest.consent');
UPDATE "AuditEvent" SET "kind" = 'ADMIN' WHERE "action" IN ('caseType.update');
UPDATE "AuditEvent" SET "kind" = 'SIGN_IN' WHERE "action" IN ('auth.login', 'auth.login_failed', 'auth.login_blocked', 'auth.logout', 'auth.password_changed');

-- The part in the plan: the owner; a representative or participant whose row was there then; the
-- coordinator whose term covered the moment; the coordinating unit reading with a purpose.
UPDATE "AuditEvent" a SET "planRole" = 'OWNER' FROM "Plan" p WHERE a."planId" = p."id" AND a."actorId" = p."ownerId";
UPDATE "AuditEvent" a SET "planRole" = 'REPRESENTATIVE' FROM "PlanParticipant" pp
  WHERE a."planRole" IS NULL AND pp."planId" = a."planId" AND pp."userId" = a."actorId" AND pp."kind" = 'REPRESENTATIVE' AND pp."createdAt" <= a."createdAt";
UPDATE "AuditEvent" a SET "planRole" = 'COORDINATOR' FROM "CoordinatorAssignment" c
  WHERE a."planRole" IS NULL AND c."planId" = a."planId" AND c."coordinatorId" = a."actorId"
    AND c."startedAt" <= a."createdAt" AND (c."endedAt" IS NULL OR c."endedAt" > a."createdAt");
UPDATE "AuditEvent" a SET "planRole" = 'PARTICIPANT' FROM "PlanParticipant" pp
  WHERE a."planRole" IS NULL AND pp."planId" = a."planId" AND pp."userId" = a."actorId" AND pp."createdAt" <= a."createdAt";
UPDATE "AuditEvent" SET "planRole" = 'AUDITOR' WHERE "planRole" IS NULL AND "planId" IS NOT NULL AND "purpose" IS NOT NULL;

-- For "new from the user": each viewer's last view of a plan.
CREATE INDEX "AuditEvent_planId_actorId_action_createdAt_idx" ON "AuditEvent"("planId", "actorId", "action", "createdAt");

ALTER TABLE "AuditEvent" ALTER COLUMN "kind" DROP DEFAULT;
