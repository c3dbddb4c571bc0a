-- A plan's current coordinator and how many times it has changed coordinator, kept by a trigger
-- in the same transaction as every change to its coordinator terms (docs/decisions/023). The
-- dashboard's unit filter, "without coordinator", the load per coordinator and the count of
-- changes then read the plan row alone instead of joining every term.
ALTER TABLE "Plan" ADD COLUMN "currentCoordinatorId" TEXT;
ALTER TABLE "Plan" ADD COLUMN "coordinatorChanges" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_currentCoordinatorId_fkey" FOREIGN KEY ("currentCoordinatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE FUNCTION plan_coordinator_refresh(plan_id TEXT) RETURNS VOID LANGUAGE sql AS $$
  UPDATE "Plan" p
     SET "currentCoordinatorId" = now."coordinatorId", "coordinatorChanges" = now.changes
    FROM (
      SELECT (SELECT "coordinatorId" FROM "CoordinatorAssignment"
               WHERE "planId" = plan_id AND "endedAt" IS NULL
               ORDER BY "startedAt" DESC, id DESC LIMIT 1) AS "coordinatorId",
             (SELECT greatest(count(*) - 1, 0) FROM "CoordinatorAssignment" WHERE "planId" = plan_id)::int AS changes
    ) now
   WHERE p.id = plan_id
     AND (p."currentCoordinatorId" IS DISTINCT FROM now."coordinatorId" OR p."coordinatorChanges" <> now.changes)
$$;

CREATE FUNCTION plan_coordinator_keep() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM plan_coordinator_refresh(OLD."planId"); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."planId" IS DISTINCT FROM OLD."planId") THEN PERFORM plan_coordinator_refresh(NEW."planId"); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER coordinator_assignment_keep AFTER INSERT OR DELETE OR UPDATE OF "endedAt", "coordinatorId", "planId", "startedAt" ON "CoordinatorAssignment"
  FOR EACH ROW EXECUTE FUNCTION plan_coordinator_keep();

SELECT plan_coordinator_refresh(id) FROM "Plan";

CREATE INDEX "Plan_municipalityId_status_currentCoordinatorId_idx" ON "Plan"("municipalityId", "status", "currentCoordinatorId");
