-- Indexes for the coordinating unit's dashboard that Prisma's schema language cannot express
-- (INCLUDE, partial). Measured with `npm run bench:dashboard` on 20,000 plans: "evaluations
-- overdue" went from about 90 ms to 35 ms with the covering indexes (index-only scans).
CREATE INDEX "Goal_evaluationDate_covering" ON "Goal"("evaluationDate") INCLUDE ("planId", "status");
CREATE INDEX "Measure_evaluationDate_covering" ON "Measure"("evaluationDate") INCLUDE ("planId", "status");
CREATE INDEX "Goal_planId_writtenByUser" ON "Goal"("planId") WHERE "writtenByUser";
