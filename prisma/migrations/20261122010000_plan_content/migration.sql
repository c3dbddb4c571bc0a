-- CreateEnum
CREATE TYPE "AccessLevel" AS ENUM ('READ', 'COMMENT', 'EDIT_OWN_MEASURES', 'EDIT_PLAN');

-- CreateEnum
CREATE TYPE "LifeArea" AS ENUM ('DAILY_LIVING', 'HEALTH', 'HOUSING', 'SCHOOL_WORK', 'SOCIAL', 'FAMILY', 'LEISURE', 'ECONOMY', 'OTHER');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'ACHIEVED', 'PAUSED', 'DROPPED');

-- CreateEnum
CREATE TYPE "Attainment" AS ENUM ('YES', 'PARTLY', 'NO');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('PLANNED', 'ACTIVE', 'COMPLETED', 'PAUSED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "aboutMe" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "consentGivenAt" TIMESTAMP(3),
ADD COLUMN     "consentGivenBy" TEXT,
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "resources" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "whatMatters" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "wishes" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "PlanParticipant" ADD COLUMN     "access" "AccessLevel" NOT NULL DEFAULT 'READ',
ADD COLUMN     "email" TEXT,
ADD COLUMN     "legalBasis" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "CoordinatorAssignment" ADD COLUMN     "assignedById" TEXT;

-- CreateTable
CREATE TABLE "ParticipantConsent" (
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validTo" TIMESTAMP(3),
    "grantedById" TEXT NOT NULL,
    "note" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipantConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "parentId" TEXT,
    "lifeArea" "LifeArea" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "GoalStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "writtenByUser" BOOLEAN NOT NULL DEFAULT false,
    "ownView" TEXT,
    "othersInput" TEXT,
    "baselineScore" INTEGER,
    "targetScore" INTEGER,
    "evaluationDate" DATE,
    "newScore" INTEGER,
    "attained" "Attainment",
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "amount" TEXT,
    "responsibleUserId" TEXT,
    "responsibleParticipantId" TEXT,
    "unitId" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "status" "MeasureStatus" NOT NULL DEFAULT 'PLANNED',
    "evaluationDate" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "goalId" TEXT,
    "measureId" TEXT,
    "date" DATE NOT NULL,
    "participants" TEXT NOT NULL,
    "achieved" TEXT NOT NULL,
    "nextStep" TEXT NOT NULL DEFAULT '',
    "newScore" INTEGER,
    "attained" "Attainment",
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogEntry" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanService" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "fromDate" DATE,
    "toDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanComment" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoordinatorChangeRequest" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "CoordinatorChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParticipantConsent_participantId_withdrawnAt_idx" ON "ParticipantConsent"("participantId", "withdrawnAt");

-- CreateIndex
CREATE INDEX "Goal_planId_idx" ON "Goal"("planId");

-- CreateIndex
CREATE INDEX "Goal_evaluationDate_idx" ON "Goal"("evaluationDate");

-- CreateIndex
CREATE INDEX "Measure_planId_idx" ON "Measure"("planId");

-- CreateIndex
CREATE INDEX "Measure_goalId_idx" ON "Measure"("goalId");

-- CreateIndex
CREATE INDEX "Measure_responsibleUserId_idx" ON "Measure"("responsibleUserId");

-- CreateIndex
CREATE INDEX "Measure_evaluationDate_idx" ON "Measure"("evaluationDate");

-- CreateIndex
CREATE INDEX "Evaluation_planId_date_idx" ON "Evaluation"("planId", "date");

-- CreateIndex
CREATE INDEX "Evaluation_goalId_idx" ON "Evaluation"("goalId");

-- CreateIndex
CREATE INDEX "Evaluation_measureId_idx" ON "Evaluation"("measureId");

-- CreateIndex
CREATE INDEX "LogEntry_planId_createdAt_idx" ON "LogEntry"("planId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanService_planId_idx" ON "PlanService"("planId");

-- CreateIndex
CREATE INDEX "PlanComment_planId_targetType_targetId_idx" ON "PlanComment"("planId", "targetType", "targetId");

-- CreateIndex
CREATE INDEX "CoordinatorChangeRequest_planId_idx" ON "CoordinatorChangeRequest"("planId");

-- CreateIndex
CREATE INDEX "Plan_municipalityId_lastActivityAt_idx" ON "Plan"("municipalityId", "lastActivityAt");

-- AddForeignKey
ALTER TABLE "ParticipantConsent" ADD CONSTRAINT "ParticipantConsent_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "PlanParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_responsibleUserId_fkey" FOREIGN KEY ("responsibleUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogEntry" ADD CONSTRAINT "LogEntry_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanService" ADD CONSTRAINT "PlanService_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanComment" ADD CONSTRAINT "PlanComment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinatorChangeRequest" ADD CONSTRAINT "CoordinatorChangeRequest_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A plan has at most one current coordinator: a handover must close the old term in the
-- same transaction as it opens the new one, and two concurrent assignments cannot both win.
CREATE UNIQUE INDEX "CoordinatorAssignment_one_current_per_plan" ON "CoordinatorAssignment"("planId") WHERE "endedAt" IS NULL;
