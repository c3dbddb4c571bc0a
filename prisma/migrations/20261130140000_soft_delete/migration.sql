-- Deleting plan content is a soft delete (docs/decisions/029): the row stays with who,
-- when and why, is left out of every list and count, and the coordinator can restore it for 30
-- days. Goals and measures also keep an order the group chooses (goal.reorder, measure.reorder).
ALTER TABLE "Goal" ADD COLUMN "deletedAt" TIMESTAMP(3), ADD COLUMN "deletedById" TEXT, ADD COLUMN "deletedReason" TEXT;
ALTER TABLE "Measure" ADD COLUMN "deletedAt" TIMESTAMP(3), ADD COLUMN "deletedById" TEXT, ADD COLUMN "deletedReason" TEXT;
ALTER TABLE "Measure" ADD COLUMN "sortOrder" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "PlanService" ADD COLUMN "deletedAt" TIMESTAMP(3), ADD COLUMN "deletedById" TEXT, ADD COLUMN "deletedReason" TEXT;
ALTER TABLE "LogEntry" ADD COLUMN "deletedAt" TIMESTAMP(3), ADD COLUMN "deletedById" TEXT, ADD COLUMN "deletedReason" TEXT;
ALTER TABLE "PlanComment" ADD COLUMN "deletedAt" TIMESTAMP(3), ADD COLUMN "deletedById" TEXT, ADD COLUMN "deletedReason" TEXT;

-- The order they were written in, numbered among siblings.
UPDATE "Goal" g SET "sortOrder" = o.n FROM (
  SELECT id, (row_number() OVER (PARTITION BY "planId", "parentId" ORDER BY "sortOrder", "createdAt", id) - 1)::int AS n FROM "Goal"
) o WHERE g.id = o.id;
UPDATE "Measure" m SET "sortOrder" = o.n FROM (
  SELECT id, (row_number() OVER (PARTITION BY "goalId" ORDER BY "createdAt", id) - 1)::int AS n FROM "Measure"
) o WHERE m.id = o.id;

-- The summary columns on Plan (migrations 20261130090000 and 20261130110000) skip deleted rows,
-- and follow a delete or restore.
CREATE OR REPLACE FUNCTION plan_open_evaluation_due(plan_id TEXT) RETURNS DATE LANGUAGE sql STABLE AS $$
  SELECT min(due) FROM (
    SELECT min("evaluationDate") AS due FROM "Goal"
     WHERE "planId" = plan_id AND "status" NOT IN ('ACHIEVED', 'DROPPED') AND "deletedAt" IS NULL
    UNION ALL
    SELECT min("evaluationDate") FROM "Measure"
     WHERE "planId" = plan_id AND "status" NOT IN ('COMPLETED', 'CANCELLED') AND "deletedAt" IS NULL
  ) dates
$$;

CREATE OR REPLACE FUNCTION plan_user_written_goals(plan_id TEXT) RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT count(*)::int FROM "Goal" WHERE "planId" = plan_id AND "writtenByUser" AND "deletedAt" IS NULL
$$;

DROP TRIGGER goal_open_evaluation_due ON "Goal";
DROP TRIGGER measure_open_evaluation_due ON "Measure";
DROP TRIGGER goal_user_written_keep ON "Goal";
CREATE TRIGGER goal_open_evaluation_due AFTER INSERT OR DELETE OR UPDATE OF "evaluationDate", "status", "planId", "deletedAt" ON "Goal"
  FOR EACH ROW EXECUTE FUNCTION plan_open_evaluation_due_keep();
CREATE TRIGGER measure_open_evaluation_due AFTER INSERT OR DELETE OR UPDATE OF "evaluationDate", "status", "planId", "deletedAt" ON "Measure"
  FOR EACH ROW EXECUTE FUNCTION plan_open_evaluation_due_keep();
CREATE TRIGGER goal_user_written_keep AFTER INSERT OR DELETE OR UPDATE OF "writtenByUser", "planId", "deletedAt" ON "Goal"
  FOR EACH ROW EXECUTE FUNCTION plan_user_written_goals_keep();

CREATE INDEX "Measure_goalId_sortOrder_idx" ON "Measure"("goalId", "sortOrder");
CREATE INDEX "Goal_planId_sortOrder_idx" ON "Goal"("planId", "sortOrder");
