-- Records people can trust (docs/decisions/012-one-write-path.md): every audit row carries its
-- kind (app/domain/audit-actions.ts) and, in a plan, the actor's part in it; notification
-- preferences and the daily digest.

-- CreateEnum
CREATE TYPE "AuditKind" AS ENUM ('READ', 'CHANGE', 'ACCESS', 'ADMIN', 'SIGN_IN');

-- CreateEnum
CREATE TYPE "PlanRole" AS ENUM ('OWNER', 'REPRESENTATIVE', 'COORDINATOR', 'PARTICIPANT', 'AUDITOR');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "kind" "AuditKind",
ADD COLUMN     "planRole" "PlanRole";

-- Rows written before: the kind from the action (anything else was a change).
UPDATE "AuditEvent" SET "kind" = CASE
  WHEN "action" IN ('plan.view', 'plan.text.open', 'measure.mine.view', 'meeting.view', 'meeting.list', 'meeting.ics', 'meeting.tasks.mine.view', 'audit.view', 'audit.export', 'case.view', 'case.document_view') THEN 'READ'::"AuditKind"
  WHEN "action" IN ('participant.add', 'participant.update', 'consent.grant', 'consent.withdraw', 'coordinator.assign', 'meeting.guest.add', 'meeting.guest.consent') THEN 'ACCESS'::"AuditKind"
  WHEN "action" IN ('caseType.update') THEN 'ADMIN'::"AuditKind"
  WHEN "action" IN ('auth.login', 'auth.login_failed', 'auth.login_blocked', 'auth.logout', 'auth.password_changed') THEN 'SIGN_IN'::"AuditKind"
  ELSE 'CHANGE'::"AuditKind"
END;

-- ... and the actor's part in the plan, as far as the plan still tells it.
UPDATE "AuditEvent" a SET "planRole" = 'OWNER' FROM "Plan" p WHERE a."planId" = p."id" AND a."actorId" = p."ownerId";
UPDATE "AuditEvent" a SET "planRole" = 'REPRESENTATIVE' FROM "PlanParticipant" pp
  WHERE a."planRole" IS NULL AND pp."planId" = a."planId" AND pp."userId" = a."actorId" AND pp."kind" = 'REPRESENTATIVE';
UPDATE "AuditEvent" a SET "planRole" = 'COORDINATOR' FROM "CoordinatorAssignment" c
  WHERE a."planRole" IS NULL AND c."planId" = a."planId" AND c."coordinatorId" = a."actorId"
    AND c."startedAt" <= a."createdAt" AND (c."endedAt" IS NULL OR c."endedAt" > a."createdAt");
UPDATE "AuditEvent" a SET "planRole" = 'PARTICIPANT' FROM "PlanParticipant" pp
  WHERE a."planRole" IS NULL AND pp."planId" = a."planId" AND pp."userId" = a."actorId";
UPDATE "AuditEvent" SET "planRole" = 'AUDITOR' WHERE "planRole" IS NULL AND "planId" IS NOT NULL AND "purpose" IS NOT NULL;

ALTER TABLE "AuditEvent" ALTER COLUMN "kind" SET NOT NULL;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "actorId" TEXT;

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "emailKinds" TEXT[],
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "NotificationDigest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDigest_userId_day_key" ON "NotificationDigest"("userId", "day");

-- CreateIndex
CREATE INDEX "AuditEvent_planId_actorId_action_createdAt_idx" ON "AuditEvent"("planId", "actorId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_createdAt_idx" ON "Notification"("emailedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
