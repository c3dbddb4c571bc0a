-- Plan types and their templates (issue 13, docs/decisions/028).
--
-- The plan types: individuell plan (IP), oppfølgingsplan/stafettlogg (STAFETTLOGG) and
-- individuell opplæringsplan (IOP). OTHER stays for plans that already have it.
-- A migration runs as one transaction, and PostgreSQL refuses to use a value added to an existing
-- enum (ALTER TYPE ... ADD VALUE) in the transaction that added it, so the type is made anew and
-- the column moved to it; the one index that names a type is made again with it.
DROP INDEX IF EXISTS "Plan_one_open_ip_per_owner";
ALTER TYPE "PlanType" RENAME TO "PlanType_before_templates";
CREATE TYPE "PlanType" AS ENUM ('IP', 'STAFETTLOGG', 'IOP', 'OTHER');
ALTER TABLE "Plan" ALTER COLUMN "type" DROP DEFAULT;
ALTER TABLE "Plan" ALTER COLUMN "type" TYPE "PlanType" USING ("type"::text::"PlanType");
ALTER TABLE "Plan" ALTER COLUMN "type" SET DEFAULT 'IP';
DROP TYPE "PlanType_before_templates";
CREATE UNIQUE INDEX "Plan_one_open_ip_per_owner" ON "Plan"("ownerId") WHERE type = 'IP' AND status IN ('DRAFT', 'ACTIVE');

-- One template per municipality and plan type.
CREATE TABLE "PlanTemplate" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "type" "PlanType" NOT NULL,
    "lifeAreas" "LifeArea"[],
    "lifeAreaLabels" JSONB NOT NULL DEFAULT '{}',
    "headings" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT,
    CONSTRAINT "PlanTemplate_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PlanTemplate_municipalityId_type_key" ON "PlanTemplate"("municipalityId", "type");
ALTER TABLE "PlanTemplate" ADD CONSTRAINT "PlanTemplate_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default templates, the one place they are written: for every municipality now, and by the
-- trigger below for every municipality made later, wherever it is made. An existing template is
-- left as it is. Sections are PLAN_SECTIONS in app/domain/lists.ts.
CREATE OR REPLACE FUNCTION plan_template_defaults(municipality_id TEXT) RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO "PlanTemplate" ("id", "municipalityId", "type", "lifeAreas", "lifeAreaLabels", "headings")
  VALUES
    (gen_random_uuid()::text, municipality_id, 'IP',
     ARRAY['DAILY_LIVING', 'HEALTH', 'HOUSING', 'SCHOOL_WORK', 'SOCIAL', 'FAMILY', 'LEISURE', 'ECONOMY', 'OTHER']::"LifeArea"[],
     '{}'::jsonb,
     '[
       {"section": "ABOUT_ME", "title": "Om meg", "guidance": "Hvem er jeg, hva liker jeg og hva er jeg god til? Skrives med brukerens egne ord."},
       {"section": "WHAT_MATTERS", "title": "Hva er viktig for meg", "guidance": "Det som betyr mest i hverdagen nå, og det jeg ønsker meg framover."},
       {"section": "GOALS", "title": "Mål", "guidance": "Brukerens mål, helst med egne ord: hva skal bli annerledes, og når ser vi om vi er der?"},
       {"section": "MEASURES", "title": "Tiltak", "guidance": "Hva gjøres for å nå målet, hvem har ansvaret, og fra når til når."},
       {"section": "SERVICES", "title": "Tjenester", "guidance": "Tjenestene brukeren har, og hvem som gir dem."},
       {"section": "GROUP", "title": "Ansvarsgruppe", "guidance": "Hvem er med i arbeidet med planen, hva bidrar de med, og hvordan nås de."}
     ]'::jsonb),
    (gen_random_uuid()::text, municipality_id, 'STAFETTLOGG',
     ARRAY['DAILY_LIVING', 'HEALTH', 'SCHOOL_WORK', 'SOCIAL', 'FAMILY', 'LEISURE', 'OTHER']::"LifeArea"[],
     '{"SCHOOL_WORK": "Barnehage og skole"}'::jsonb,
     '[
       {"section": "ABOUT_ME", "title": "Bekymring/utgangspunkt", "guidance": "Hva er bekymringen, hvem meldte den, og hva sier barnet og foreldrene selv?"},
       {"section": "GOALS", "title": "Mål", "guidance": "Hva vil vi oppnå for barnet, og innen når? Korte og konkrete mål."},
       {"section": "MEASURES", "title": "Tiltak", "guidance": "Hva skal gjøres, av hvem og når? Sett en dato for evaluering på hvert tiltak."},
       {"section": "EVALUATION", "title": "Evaluering", "guidance": "Virket tiltaket? Skriv hva som er prøvd, hva det førte til, og neste steg: ny stafett eller avslutning."}
     ]'::jsonb),
    (gen_random_uuid()::text, municipality_id, 'IOP',
     ARRAY['SCHOOL_WORK', 'SOCIAL', 'DAILY_LIVING', 'HEALTH', 'OTHER']::"LifeArea"[],
     '{"SCHOOL_WORK": "Fag og læring", "SOCIAL": "Sosiale ferdigheter", "DAILY_LIVING": "Dagliglivets ferdigheter"}'::jsonb,
     '[
       {"section": "GOALS", "title": "Opplæringsmål", "guidance": "Hva skal eleven lære, og hvordan ser vi at målet er nådd? Ta utgangspunkt i vedtaket om spesialundervisning."},
       {"section": "MEASURES", "title": "Organisering", "guidance": "Hvordan opplæringen gis: omfang, hvem som gir den, i eller utenfor gruppen, og hjelpemidler."},
       {"section": "EVALUATION", "title": "Evaluering", "guidance": "Hva eleven har lært i perioden, og hva som bør endres. Grunnlag for halvårsrapporten."}
     ]'::jsonb)
  ON CONFLICT ("municipalityId", "type") DO NOTHING;
$$;

SELECT plan_template_defaults("id") FROM "Municipality";

CREATE OR REPLACE FUNCTION plan_template_defaults_on_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM plan_template_defaults(NEW."id");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Municipality_plan_templates" AFTER INSERT ON "Municipality"
  FOR EACH ROW EXECUTE FUNCTION plan_template_defaults_on_insert();
