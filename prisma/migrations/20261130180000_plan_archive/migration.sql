-- Archive copies of plans (issue 13, docs/decisions/027): the plan as PDF/A-2b, its documents and
-- Noark 5 metadata in a ZIP, kept here and/or posted to the municipality's archive. A scheduled
-- copy names its period, unique per plan (NULLs are distinct, so other copies are not limited).
CREATE TYPE "ArchiveReason" AS ENUM ('CLOSED', 'ON_DEMAND', 'SCHEDULED');
CREATE TYPE "ArchiveStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

CREATE TABLE "PlanArchive" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "reason" "ArchiveReason" NOT NULL,
    "period" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "builtAt" TIMESTAMP(3),
    "pdf" BYTEA,
    "package" BYTEA,
    "xml" TEXT,
    "pdfSize" INTEGER,
    "packageSize" INTEGER,
    "checksum" TEXT,
    "delivery" TEXT NOT NULL DEFAULT 'database',
    "status" "ArchiveStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    CONSTRAINT "PlanArchive_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PlanArchive_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "PlanArchive_planId_period_key" ON "PlanArchive"("planId", "period");
CREATE INDEX "PlanArchive_planId_createdAt_idx" ON "PlanArchive"("planId", "createdAt");
CREATE INDEX "PlanArchive_status_nextAttemptAt_idx" ON "PlanArchive"("status", "nextAttemptAt");
