-- Search (issue 13, docs/decisions/026): a plan number people can say, birth dates to find a
-- person by, and the indexes that full text search reads. Plain SQL that PostgreSQL and the
-- embedded PGlite both run: the 'norwegian' and 'simple' text search configurations are built
-- into both; pg_trgm and unaccent are not available on PGlite without loading extensions, so
-- names are folded by search_fold() below instead.

-- Names compared without case and without the accents of other languages (José = jose), but æ,
-- ø and å stay letters of their own; Swedish ä and ö are read as æ and ø. IMMUTABLE so it can be
-- indexed; only pg_catalog functions, so it works under any search_path (restores).
CREATE FUNCTION search_fold(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(lower(coalesce(value, '')),
                   'áàâãāéèêëēíìîïīóòôõōúùûüūýÿçñšžčćđäö',
                   'aaaaaeeeeeiiiiiooooouuuuuyycnszccdæø')
$$;

-- The person's birth date, from their identity number, which is sealed (AES-256-GCM) and so
-- cannot be read here: the application fills it when it stores a number, and once at start for
-- rows stored before this (server/search/birth-dates.ts).
ALTER TABLE "User" ADD COLUMN "birthDate" DATE;
ALTER TABLE "Case" ADD COLUMN "subjectBirthDate" DATE;

CREATE INDEX "User_municipalityId_birthDate_idx" ON "User"("municipalityId", "birthDate");
CREATE INDEX "Case_municipalityId_subjectBirthDate_idx" ON "Case"("municipalityId", "subjectBirthDate");
CREATE INDEX "User_name_search_idx" ON "User" USING gin (to_tsvector('simple', search_fold("name")));
CREATE INDEX "Case_subjectName_search_idx" ON "Case" USING gin (to_tsvector('simple', search_fold("subjectName")));

-- The words of goals and measures, in Norwegian (stemmed: "treningen" finds "trening").
CREATE INDEX "Goal_search_idx" ON "Goal" USING gin (
  to_tsvector('norwegian', "title" || ' ' || "description" || ' ' || coalesce("ownView", '') || ' ' || coalesce("othersInput", ''))
);
CREATE INDEX "Measure_search_idx" ON "Measure" USING gin (
  to_tsvector('norwegian', "title" || ' ' || "description" || ' ' || coalesce("amount", ''))
);

-- The plan's number: "P2026-0042", the year it was made (Oslo) and a running number per
-- municipality and year, given by the database when a plan is inserted (never by the
-- application), so every way a plan is made gets one and two plans made at once never share one.
CREATE TABLE "PlanNumberCounter" (
  "municipalityId" TEXT NOT NULL,
  "year" INTEGER NOT NULL,
  "last" INTEGER NOT NULL,
  CONSTRAINT "PlanNumberCounter_pkey" PRIMARY KEY ("municipalityId", "year"),
  CONSTRAINT "PlanNumberCounter_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE FUNCTION plan_number_format(year INTEGER, n INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT 'P' || year::text || '-' || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END
$$;

ALTER TABLE "Plan" ADD COLUMN "number" TEXT;

WITH numbered AS (
  SELECT id, "municipalityId",
         extract(year FROM ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')::int AS year,
         row_number() OVER (
           PARTITION BY "municipalityId", extract(year FROM ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')
           ORDER BY "createdAt", id
         )::int AS n
    FROM "Plan"
)
UPDATE "Plan" p SET "number" = plan_number_format(numbered.year, numbered.n) FROM numbered WHERE numbered.id = p.id;

INSERT INTO "PlanNumberCounter" ("municipalityId", "year", "last")
SELECT "municipalityId", split_part(substr("number", 2), '-', 1)::int, max(split_part("number", '-', 2)::int)
  FROM "Plan" GROUP BY 1, 2;

CREATE FUNCTION plan_number_assign() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  y INTEGER;
  n INTEGER;
BEGIN
  IF NEW."number" IS NULL THEN
    y := extract(year FROM (NEW."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo')::int;
    INSERT INTO "PlanNumberCounter" ("municipalityId", "year", "last") VALUES (NEW."municipalityId", y, 1)
      ON CONFLICT ("municipalityId", "year") DO UPDATE SET "last" = "PlanNumberCounter"."last" + 1
      RETURNING "last" INTO n;
    NEW."number" := plan_number_format(y, n);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER plan_number_assign BEFORE INSERT ON "Plan" FOR EACH ROW EXECUTE FUNCTION plan_number_assign();

ALTER TABLE "Plan" ALTER COLUMN "number" SET NOT NULL;
CREATE UNIQUE INDEX "Plan_municipalityId_number_key" ON "Plan"("municipalityId", "number");
