-- Kartlegging (issue 15, docs/decisions/030): assessments scored per variable on the IPLOS scale,
-- the person's own view beside them, goals tied to variables, and the municipality's code list.
-- The new agenda kind is only added here, not used, so it may be added inside the migration's transaction.
-- CreateEnum
CREATE TYPE "AssessmentMethod" AS ENUM ('CONVERSATION', 'OBSERVATION', 'RELATIVE_PRESENT', 'OTHER');

-- AlterEnum
ALTER TYPE "AgendaKind" ADD VALUE 'ASSESSMENT_DIFFERENCE';

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "assessmentMaxAgeMonths" INTEGER NOT NULL DEFAULT 12;

-- CreateTable
CREATE TABLE "AssessmentCodeList" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentCodeList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "codeListVersion" INTEGER NOT NULL,
    "assessedOn" DATE NOT NULL,
    "assessedById" TEXT NOT NULL,
    "methods" "AssessmentMethod"[],
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "variable" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "score" INTEGER NOT NULL,

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentOwnView" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "variable" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "score" INTEGER,
    "words" TEXT NOT NULL DEFAULT '',
    "givenById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentOwnView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalVariable" (
    "goalId" TEXT NOT NULL,
    "variable" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "baselineScore" INTEGER,
    "baselineAssessmentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalVariable_pkey" PRIMARY KEY ("goalId","variable")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentCodeList_municipalityId_version_key" ON "AssessmentCodeList"("municipalityId", "version");

-- CreateIndex
CREATE INDEX "Assessment_planId_assessedOn_idx" ON "Assessment"("planId", "assessedOn");

-- CreateIndex
CREATE INDEX "AssessmentScore_planId_variable_idx" ON "AssessmentScore"("planId", "variable");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_assessmentId_variable_key" ON "AssessmentScore"("assessmentId", "variable");

-- CreateIndex
CREATE INDEX "AssessmentOwnView_planId_variable_createdAt_idx" ON "AssessmentOwnView"("planId", "variable", "createdAt");

-- AddForeignKey
ALTER TABLE "AssessmentCodeList" ADD CONSTRAINT "AssessmentCodeList_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentOwnView" ADD CONSTRAINT "AssessmentOwnView_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalVariable" ADD CONSTRAINT "GoalVariable_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Scores are 1-5 or 9 (not relevant); an own view may give words without a score.
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_score_check" CHECK ("score" IN (1, 2, 3, 4, 5, 9));
ALTER TABLE "AssessmentOwnView" ADD CONSTRAINT "AssessmentOwnView_score_check" CHECK ("score" IS NULL OR "score" IN (1, 2, 3, 4, 5, 9));
ALTER TABLE "GoalVariable" ADD CONSTRAINT "GoalVariable_baselineScore_check" CHECK ("baselineScore" IS NULL OR "baselineScore" IN (1, 2, 3, 4, 5, 9));
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_assessmentMaxAgeMonths_check" CHECK ("assessmentMaxAgeMonths" BETWEEN 1 AND 60);

-- A difference is on a meeting's agenda once, however many saves flag it at the same moment.
CREATE UNIQUE INDEX "AgendaItem_one_assessment_difference" ON "AgendaItem"("meetingId", "sourceId") WHERE "sourceType" = 'assessment';
