-- The coordinating unit's stated purpose for reading a plan, per session and plan (decision 013).

-- CreateTable
CREATE TABLE "PurposeStatement" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurposeStatement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PurposeStatement_sessionId_planId_expiresAt_idx" ON "PurposeStatement"("sessionId", "planId", "expiresAt");

-- AddForeignKey
ALTER TABLE "PurposeStatement" ADD CONSTRAINT "PurposeStatement_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

