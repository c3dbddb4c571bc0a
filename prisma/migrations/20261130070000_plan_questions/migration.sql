-- Questions from the coordinating unit to a plan's coordinator, with their answers (issue 14).
CREATE TABLE "PlanQuestion" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "coordinatorId" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "PlanQuestion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PlanQuestionMessage" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanQuestionMessage_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PlanQuestion_planId_askedAt_idx" ON "PlanQuestion"("planId", "askedAt");
CREATE INDEX "PlanQuestionMessage_questionId_createdAt_idx" ON "PlanQuestionMessage"("questionId", "createdAt");

-- One open question per plan: asking again while one is open is refused.
CREATE UNIQUE INDEX "PlanQuestion_one_open_per_plan" ON "PlanQuestion"("planId") WHERE "answeredAt" IS NULL;

ALTER TABLE "PlanQuestion" ADD CONSTRAINT "PlanQuestion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PlanQuestionMessage" ADD CONSTRAINT "PlanQuestionMessage_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PlanQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
