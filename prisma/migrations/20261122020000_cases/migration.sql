-- CreateEnum
CREATE TYPE "CaseType" AS ENUM ('IP_APPLICATION', 'COORDINATOR_REQUEST', 'NEED_NOTICE', 'COORDINATOR_CHANGE', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "CaseChannel" AS ENUM ('PORTAL', 'PAPER', 'PHONE');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('RECEIVED', 'IN_PROGRESS', 'DECIDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseOutcome" AS ENUM ('GRANTED', 'PARTLY_GRANTED', 'REFUSED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "DeadlineUnit" AS ENUM ('CALENDAR_DAYS', 'WORKING_DAYS');

-- CreateTable
CREATE TABLE "CaseTypeSetting" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "type" "CaseType" NOT NULL,
    "deadlineAmount" INTEGER NOT NULL,
    "deadlineUnit" "DeadlineUnit" NOT NULL,
    "formalDecision" BOOLEAN NOT NULL DEFAULT true,
    "reminderWorkingDays" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseTypeSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "CaseType" NOT NULL,
    "channel" "CaseChannel" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'RECEIVED',
    "subjectUserId" TEXT,
    "subjectName" TEXT NOT NULL,
    "submittedById" TEXT,
    "planId" TEXT,
    "description" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "assignedToId" TEXT,
    "interimReplyDue" DATE NOT NULL,
    "decisionDue" DATE NOT NULL,
    "interimReplySentAt" TIMESTAMP(3),
    "interimReplyText" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "outcome" "CaseOutcome",
    "formalDecision" BOOLEAN NOT NULL DEFAULT true,
    "decisionGrounds" TEXT,
    "complaintInfo" TEXT,
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseTypeSetting_municipalityId_type_key" ON "CaseTypeSetting"("municipalityId", "type");

-- CreateIndex
CREATE INDEX "Case_municipalityId_status_decisionDue_idx" ON "Case"("municipalityId", "status", "decisionDue");

-- CreateIndex
CREATE INDEX "Case_municipalityId_status_interimReplyDue_idx" ON "Case"("municipalityId", "status", "interimReplyDue");

-- CreateIndex
CREATE INDEX "Case_assignedToId_status_idx" ON "Case"("assignedToId", "status");

-- CreateIndex
CREATE INDEX "Case_subjectUserId_idx" ON "Case"("subjectUserId");

-- CreateIndex
CREATE INDEX "Case_submittedById_idx" ON "Case"("submittedById");

-- CreateIndex
CREATE UNIQUE INDEX "Case_municipalityId_reference_key" ON "Case"("municipalityId", "reference");

-- CreateIndex
CREATE INDEX "CaseNote_caseId_createdAt_idx" ON "CaseNote"("caseId", "createdAt");

-- AddForeignKey
ALTER TABLE "CaseTypeSetting" ADD CONSTRAINT "CaseTypeSetting_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

