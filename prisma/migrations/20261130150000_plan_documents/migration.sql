-- Documents on a plan (issue 13, docs/decisions/025-plan-documents.md): the type is found from
-- the content, each document is seen by everyone with rights in the plan or only by the user's
-- side and the coordinator, and its bytes are in the row (DATABASE) or in an S3-compatible store.
CREATE TYPE "PlanDocumentVisibility" AS ENUM ('ALL_MEMBERS', 'USER_AND_COORDINATOR');
CREATE TYPE "DocumentStorage" AS ENUM ('DATABASE', 'S3');

CREATE TABLE "PlanDocument" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "visibility" "PlanDocumentVisibility" NOT NULL DEFAULT 'ALL_MEMBERS',
    "storage" "DocumentStorage" NOT NULL DEFAULT 'DATABASE',
    "content" BYTEA,
    "storageKey" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,
    CONSTRAINT "PlanDocument_pkey" PRIMARY KEY ("id"),
    -- The bytes are where the row says they are.
    CONSTRAINT "PlanDocument_storage_check" CHECK (("storage" = 'DATABASE') OR ("storageKey" IS NOT NULL))
);

CREATE INDEX "PlanDocument_planId_createdAt_idx" ON "PlanDocument"("planId", "createdAt");

ALTER TABLE "PlanDocument" ADD CONSTRAINT "PlanDocument_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PlanDocument" ADD CONSTRAINT "PlanDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
