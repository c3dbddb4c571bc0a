-- A plan's earliest evaluation date among its unfinished goals and measures, kept by triggers in
-- the same transaction as every change to them (docs/decisions/023): "evaluations overdue" on the
-- dashboard becomes one indexed comparison instead of two semi-joins over every goal and measure.
-- The finished statuses are those of app/domain/lists.ts (FINISHED_GOAL_STATUSES and
-- FINISHED_MEASURE_STATUSES); tests/integration/dashboard-figures.test.ts checks the two agree.
ALTER TABLE "Plan" ADD COLUMN "openEvaluationDue" DATE;

CREATE FUNCTION plan_open_evaluation_due(plan_id TEXT) RETURNS DATE LANGUAGE sql STABLE AS $$
  SELECT min(due) FROM (
    SELECT min("evaluationDate") AS due FROM "Goal"
     WHERE "planId" = plan_id AND "status" NOT IN ('ACHIEVED', 'DROPPED')
    UNION ALL
    SELECT min("evaluationDate") FROM "Measure"
     WHERE "planId" = plan_id AND "status" NOT IN ('COMPLETED', 'CANCELLED')
  ) dates
$$;

CREATE FUNCTION plan_open_evaluation_due_keep() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Plan" SET "openEvaluationDue" = plan_open_evaluation_due(OLD."planId")
     WHERE id = OLD."planId" AND "openEvaluationDue" IS DISTINCT FROM plan_open_evaluation_due(OLD."planId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."planId" IS DISTINCT FROM OLD."planId") THEN
    UPDATE "Plan" SET "openEvaluationDue" = plan_open_evaluation_due(NEW."planId")
     WHERE id = NEW."planId" AND "openEvaluationDue" IS DISTINCT FROM plan_open_evaluation_due(NEW."planId");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER goal_open_evaluation_due AFTER INSERT OR DELETE OR UPDATE OF "evaluationDate", "status", "planId" ON "Goal"
  FOR EACH ROW EXECUTE FUNCTION plan_open_evaluation_due_keep();
CREATE TRIGGER measure_open_evaluation_due AFTER INSERT OR DELETE OR UPDATE OF "evaluationDate", "status", "planId" ON "Measure"
  FOR EACH ROW EXECUTE FUNCTION plan_open_evaluation_due_keep();

UPDATE "Plan" SET "openEvaluationDue" = plan_open_evaluation_due(id);

CREATE INDEX "Plan_municipalityId_status_openEvaluationDue_idx" ON "Plan"("municipalityId", "status", "openEvaluationDue");
