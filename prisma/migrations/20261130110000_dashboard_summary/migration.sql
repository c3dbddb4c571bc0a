-- The dashboard at 100,000 plans (docs/decisions/023): how many goals the user wrote, kept on the
-- plan by a trigger like the other summary columns, and indexes that let each figure count from
-- an index alone.
ALTER TABLE "Plan" ADD COLUMN "userWrittenGoals" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION plan_user_written_goals(plan_id TEXT) RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT count(*)::int FROM "Goal" WHERE "planId" = plan_id AND "writtenByUser"
$$;

CREATE FUNCTION plan_user_written_goals_keep() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Plan" SET "userWrittenGoals" = plan_user_written_goals(OLD."planId")
     WHERE id = OLD."planId" AND "userWrittenGoals" <> plan_user_written_goals(OLD."planId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."planId" IS DISTINCT FROM OLD."planId") THEN
    UPDATE "Plan" SET "userWrittenGoals" = plan_user_written_goals(NEW."planId")
     WHERE id = NEW."planId" AND "userWrittenGoals" <> plan_user_written_goals(NEW."planId");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER goal_user_written_keep AFTER INSERT OR DELETE OR UPDATE OF "writtenByUser", "planId" ON "Goal"
  FOR EACH ROW EXECUTE FUNCTION plan_user_written_goals_keep();

UPDATE "Plan" SET "userWrittenGoals" = plan_user_written_goals(id);

CREATE INDEX "Plan_municipalityId_status_lastActivityAt_idx" ON "Plan"("municipalityId", "status", "lastActivityAt");
CREATE INDEX "Plan_municipalityId_status_nextReviewAt_idx" ON "Plan"("municipalityId", "status", "nextReviewAt");
CREATE INDEX "Plan_municipalityId_status_userWrittenGoals_idx" ON "Plan"("municipalityId", "status", "userWrittenGoals");
-- Partial (not in schema.prisma, which cannot say it): the few plans that have changed coordinator.
CREATE INDEX "Plan_coordinatorChanges_idx" ON "Plan"("municipalityId") INCLUDE ("coordinatorChanges") WHERE "coordinatorChanges" > 0;
