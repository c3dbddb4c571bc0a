-- Records people can trust (docs/decisions/012-one-write-path.md): every audit row carries its
-- kind (app/domain/audit-actions.ts) and, in a plan, the actor's part in it; notification
-- preferences and the daily digest. Only quick changes here: the audit rows written before are
-- filled in by 20261129000100_records_backfill, with plain UPDATEs.

-- CreateEnum
CREATE TYPE "AuditKind" AS ENUM ('READ', 'CHANGE', 'ACCESS', 'ADMIN', 'SIGN_IN');

-- CreateEnum
CREATE TYPE "PlanRole" AS ENUM ('OWNER', 'REPRESENTATIVE', 'COORDINATOR', 'PARTICIPANT', 'AUDITOR');

-- AlterTable: a constant default makes both columns metadata-only (no rewrite, no long lock);
-- the next migration sets the kinds of older rows and drops the default.
ALTER TABLE "AuditEvent" ADD COLUMN     "kind" "AuditKind" NOT NULL DEFAULT 'CHANGE',
ADD COLUMN     "planRole" "PlanRole";

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
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_createdAt_idx" ON "Notification"("emailedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
