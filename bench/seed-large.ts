// `npm run db:seed:large`: a large municipality for the dashboard benchmark, written with
// set-based SQL (generate_series) so it takes a minute or two, not hours. PostgreSQL only:
// DATABASE_URL (or BENCH_DATABASE_URL) must point at a database you can fill, e.g.
//   createdb ip_bench && DATABASE_URL=postgresql://postgres@127.0.0.1/ip_bench npm run db:seed:large
// Sizes: 20,000 plans, 200,000 goals and measures, 50,000 cases, 2,000,000 audit events; with
// `-- --plans 100000` everything grows in proportion (cases 2.5 and audit events 100 per plan).
// Deadlines here are calendar-day approximations; the real ones come from server/cases/deadlines.ts.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { connectPostgres } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";

const { values: args } = parseArgs({ options: { plans: { type: "string", default: "20000" } } });
const plans = Number(args.plans);
if (!Number.isInteger(plans) || plans < 100 || plans > 1_000_000) {
  console.error("--plans must be a whole number from 100 to 1000000.");
  process.exit(1);
}
const LARGE = { number: "L001", plans, goalsPerPlan: 5, measuresPerPlan: 5, cases: plans * 2.5, audits: plans * 100, coordinators: Math.max(10, plans / 50) };

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (or BENCH_DATABASE_URL) to a PostgreSQL database to fill.");
  process.exit(1);
}
const db = connectPostgres(url);
const uuid = (prefix: string, expr: string) => `'${prefix}000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0')`;

async function step(label: string, sql: string) {
  const start = performance.now();
  await db.exec(sql);
  console.log(`${label.padEnd(28)} ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

try {
  await migrate(db);
  const existing = await db.query<{ id: string }>(`SELECT id FROM "Municipality" WHERE number = $1`, [LARGE.number]);
  if (existing.length) {
    console.log("Stor kommune finnes allerede; ingenting endret (bruk en tom database for en annen størrelse).");
  } else {
    const m = "'l0000000-0000-4000-8000-000000000001'";
    const hash = "'$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtbG9naW4$0000000000000000000000000000000000000000000'";
    await step("municipality and units", `
      INSERT INTO "Municipality" (id, name, number) VALUES (${m}, 'Stor kommune', '${LARGE.number}');
      INSERT INTO "Unit" (id, "municipalityId", name) SELECT ${uuid("u1", "i")}, ${m}, 'Enhet ' || i FROM generate_series(1, 20) i;`);
    await step("staff and service users", `
      INSERT INTO "User" (id, "municipalityId", email, name, "unitId", "passwordHash", "updatedAt")
        SELECT ${uuid("c1", "i")}, ${m}, 'koordinator' || i || '@stor.no', 'Koordinator ' || i, ${uuid("u1", "1 + i % 20")}, ${hash}, now()
        FROM generate_series(1, ${LARGE.coordinators}) i;
      INSERT INTO "UserRole" (id, "userId", role) SELECT gen_random_uuid()::text, ${uuid("c1", "i")}, 'COORDINATOR' FROM generate_series(1, ${LARGE.coordinators}) i;
      INSERT INTO "User" (id, "municipalityId", email, name, "passwordHash", "updatedAt")
        SELECT ${uuid("k1", "i")}, ${m}, 'saksbehandler' || i || '@stor.no', 'Saksbehandler ' || i, ${hash}, now() FROM generate_series(1, 10) i;
      INSERT INTO "UserRole" (id, "userId", role) SELECT gen_random_uuid()::text, ${uuid("k1", "i")}, CASE WHEN i = 1 THEN 'KE_LEADER'::"Role" ELSE 'KE_CASE_OFFICER'::"Role" END FROM generate_series(1, 10) i;
      INSERT INTO "User" (id, "municipalityId", email, name, "passwordHash", "updatedAt")
        SELECT ${uuid("b1", "i")}, ${m}, 'bruker' || i || '@stor.no', 'Bruker ' || i, ${hash}, now() FROM generate_series(1, ${LARGE.plans}) i;
      INSERT INTO "UserRole" (id, "userId", role) SELECT gen_random_uuid()::text, ${uuid("b1", "i")}, 'USER' FROM generate_series(1, ${LARGE.plans}) i;`);
    await step("plans", `
      INSERT INTO "Plan" (id, "municipalityId", "ownerId", status, "startDate", "nextReviewAt", "consentGivenAt", "lastActivityAt", "createdAt", "updatedAt")
        SELECT ${uuid("p1", "i")}, ${m}, ${uuid("b1", "i")},
               CASE WHEN i % 20 = 0 THEN 'CLOSED'::"PlanStatus" WHEN i % 10 = 0 THEN 'DRAFT'::"PlanStatus" ELSE 'ACTIVE'::"PlanStatus" END,
               (now() - (i % 1000) * interval '1 day')::date, (now() + ((i % 400) - 60) * interval '1 day')::date, now(),
               now() - ((i * 7919) % 730) * interval '1 day', now() - (1000 + i % 365) * interval '1 day', now()
        FROM generate_series(1, ${LARGE.plans}) i;`);
    await step("coordinator terms", `
      INSERT INTO "CoordinatorAssignment" (id, "planId", "coordinatorId", "startedAt", "endedAt")
        SELECT gen_random_uuid()::text, ${uuid("p1", "i")}, ${uuid("c1", "1 + (i * 31) % " + LARGE.coordinators)}, now() - interval '800 days', now() - interval '300 days'
        FROM generate_series(1, ${LARGE.plans}) i WHERE i % 7 = 0;
      INSERT INTO "CoordinatorAssignment" (id, "planId", "coordinatorId", "startedAt")
        SELECT gen_random_uuid()::text, ${uuid("p1", "i")}, ${uuid("c1", "1 + i % " + LARGE.coordinators)}, now() - interval '300 days'
        FROM generate_series(1, ${LARGE.plans}) i WHERE i % 33 <> 0;`);
    // Triggers off while filling (one plan update per row would take minutes); the plans'
    // earliest open evaluation date is then set in one statement, as the migration does.
    await step("goals and measures", `
      SET session_replication_role = replica;
      INSERT INTO "Goal" (id, "planId", "lifeArea", title, status, "writtenByUser", "evaluationDate", "createdById", "updatedAt")
        SELECT ${uuid("g1", "i")}, ${uuid("p1", "1 + (i - 1) / " + LARGE.goalsPerPlan)},
               (ARRAY['DAILY_LIVING','HEALTH','HOUSING','SCHOOL_WORK','SOCIAL','FAMILY']::"LifeArea"[])[1 + i % 6], 'Mål ' || i,
               (ARRAY['NOT_STARTED','IN_PROGRESS','ACHIEVED']::"GoalStatus"[])[1 + i % 3], i % 3 = 0,
               (now() + ((i * 13) % 300 - 150) * interval '1 day')::date, ${uuid("b1", "1 + (i - 1) / " + LARGE.goalsPerPlan)}, now()
        FROM generate_series(1, ${LARGE.plans * LARGE.goalsPerPlan}) i;
      INSERT INTO "Measure" (id, "planId", "goalId", title, status, "responsibleUserId", "evaluationDate", "createdById", "updatedAt")
        SELECT gen_random_uuid()::text, ${uuid("p1", "1 + (i - 1) / " + LARGE.measuresPerPlan)}, ${uuid("g1", "i")}, 'Tiltak ' || i,
               (ARRAY['PLANNED','ACTIVE','COMPLETED']::"MeasureStatus"[])[1 + i % 3], ${uuid("c1", "1 + i % " + LARGE.coordinators)},
               (now() + ((i * 17) % 300 - 150) * interval '1 day')::date, ${uuid("c1", "1 + i % " + LARGE.coordinators)}, now()
        FROM generate_series(1, ${LARGE.plans * LARGE.measuresPerPlan}) i;
      SET session_replication_role = DEFAULT;
      -- Fresh statistics first: without them the planner takes the new tables for empty.
      ANALYZE "Goal";
      ANALYZE "Measure";
      UPDATE "Plan" SET "openEvaluationDue" = plan_open_evaluation_due(id), "userWrittenGoals" = plan_user_written_goals(id) WHERE "municipalityId" = ${m};`);
    // Two meetings per plan in four of five: one held (some without approved minutes) and one ahead.
    await step("meetings", `
      INSERT INTO "Meeting" (id, "municipalityId", "planId", "startsAt", "durationMinutes", status, "organizerId", "attendanceRecordedAt", "minutesApprovedAt", "updatedAt")
        SELECT gen_random_uuid()::text, ${m}, ${uuid("p1", "i")}, r.at, 60,
               CASE WHEN i % 6 = 0 THEN 'PLANNED'::"MeetingStatus" WHEN i % 4 = 0 THEN 'HELD'::"MeetingStatus" ELSE 'APPROVED'::"MeetingStatus" END, ${uuid("c1", "1 + i % " + LARGE.coordinators)},
               CASE WHEN i % 6 <> 0 THEN r.at END, CASE WHEN i % 6 <> 0 AND i % 4 <> 0 THEN r.at + interval '2 days' END, now()
        FROM generate_series(1, ${LARGE.plans}) i, LATERAL (SELECT now() - ((i * 11) % 400) * interval '1 day' AS at) r WHERE i % 5 <> 0;
      INSERT INTO "Meeting" (id, "municipalityId", "planId", "startsAt", "durationMinutes", status, "organizerId", "updatedAt")
        SELECT gen_random_uuid()::text, ${m}, ${uuid("p1", "i")}, now() + ((i % 90) + 1) * interval '1 day', 60, 'PLANNED'::"MeetingStatus",
               ${uuid("c1", "1 + i % " + LARGE.coordinators)}, now()
        FROM generate_series(1, ${LARGE.plans}) i WHERE i % 5 <> 0;`);
    await step("cases", `
      INSERT INTO "Case" (id, "municipalityId", reference, type, channel, status, "subjectName", description, "receivedAt",
                          "assignedToId", "interimReplyDue", "decisionDue", "interimReplySentAt", "decidedAt", outcome, "updatedAt")
        SELECT gen_random_uuid()::text, ${m}, 'L-' || i,
               (ARRAY['IP_APPLICATION','COORDINATOR_REQUEST','NEED_NOTICE','COORDINATOR_CHANGE','COMPLAINT']::"CaseType"[])[1 + i % 5], 'PORTAL',
               CASE WHEN i % 10 = 0 THEN 'IN_PROGRESS'::"CaseStatus" ELSE 'DECIDED'::"CaseStatus" END,
               'Person ' || i, 'Sak', r.received, ${uuid("k1", "1 + i % 10")},
               (r.received + interval '1 month')::date, (r.received + interval '28 days')::date,
               CASE WHEN i % 3 = 0 THEN r.received + interval '30 days' END,
               CASE WHEN i % 10 <> 0 THEN r.received + ((i % 85) + 5) * interval '1 day' END,
               CASE WHEN i % 10 <> 0 THEN 'GRANTED'::"CaseOutcome" END, now()
        FROM generate_series(1, ${LARGE.cases}) i, LATERAL (SELECT now() - ((i * 7) % 1095) * interval '1 day' AS received) r;`);
    // The months each plan had activity (the trend "plans without activity over time"): the month of
    // its last activity and some before it, every 45 days back to its start.
    await step("activity months", `
      INSERT INTO "PlanActivityMonth" ("planId", month)
        SELECT DISTINCT p.id, date_trunc('month', (p."lastActivityAt" - k * interval '45 days') AT TIME ZONE 'Europe/Oslo')::date
        FROM "Plan" p, generate_series(0, 8) k
        WHERE p."municipalityId" = ${m} AND p."lastActivityAt" - k * interval '45 days' >= p."createdAt"
      ON CONFLICT DO NOTHING;`);
    await step("audit events", `
      INSERT INTO "AuditEvent" (id, "municipalityId", "actorId", action, kind, "planRole", "planId", "createdAt")
        SELECT gen_random_uuid()::text, ${m}, ${uuid("c1", "1 + i % " + LARGE.coordinators)},
               (ARRAY['plan.view','goal.update','measure.update','log.create','evaluation.create'])[1 + i % 5],
               (CASE WHEN i % 5 = 0 THEN 'READ' ELSE 'CHANGE' END)::"AuditKind", 'COORDINATOR'::"PlanRole",
               ${uuid("p1", "1 + i % " + LARGE.plans)}, now() - (i % 730) * interval '1 day'
        FROM generate_series(1, ${LARGE.audits}) i;`);
    // As autovacuum would leave it: visibility maps set, so index-only scans need no heap visits.
    await step("vacuum and analyze", `VACUUM ANALYZE`);
  }
} finally {
  await db.close();
}
