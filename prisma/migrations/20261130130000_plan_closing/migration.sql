-- Closing a plan (issue 13): when, by whom and why; the date it ended is the plan's end date.
-- A closed plan is read-only (server/plans/access.ts); reopening clears these.
ALTER TABLE "Plan" ADD COLUMN "closedAt" TIMESTAMP(3);
ALTER TABLE "Plan" ADD COLUMN "closedById" TEXT;
ALTER TABLE "Plan" ADD COLUMN "closedReason" TEXT;
-- Plans closed before this had no reason: say so rather than leave it empty.
UPDATE "Plan" SET "closedAt" = "updatedAt", "closedReason" = 'Avsluttet før avslutning med begrunnelse kom.' WHERE "status" = 'CLOSED';
