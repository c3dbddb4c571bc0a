import { z } from "zod";
import { KE_ROLES, LIFE_AREAS, LifeArea, PlanSection, STAFF_ROLES, TEMPLATE_PLAN_TYPES, TemplatePlanType, isOneOf, type PlanType } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { version } from "./schemas.ts";
import { applyVersioned, assertCurrentVersion } from "./versioned.ts";

// The templates of the plan types (docs/decisions/028): per municipality and type, the life areas
// offered for goals (an ordered subset of LIFE_AREAS, with a label of the municipality's own if it
// wants one) and the plan's headings with guidance for those who write. The defaults are made by
// the database for every municipality (migration 20261130170000); the administrator edits them.
// A plan uses its type's template: the goal form offers its life areas, and a new goal, or a goal
// moved to another area, must be in one of them; goals already in an area stay as they are.

/** Who reads templates outside a plan: the administrator who edits them and staff who make plans. */
const READERS = rolePolicy(["ADMIN", ...KE_ROLES, ...STAFF_ROLES]);
const ADMIN_ONLY = rolePolicy(["ADMIN"]);

export interface TemplateLifeArea {
  area: LifeArea;
  /** The municipality's own name for the area; null: the portal's. */
  label: string | null;
}

export interface TemplateHeading {
  section: PlanSection;
  title: string;
  guidance: string;
}

export interface PlanTemplateView {
  type: PlanType;
  lifeAreas: TemplateLifeArea[];
  headings: TemplateHeading[];
  /** 0: not stored (a plan of type OTHER): every life area, no headings. */
  version: number;
  updatedAt: Date | null;
  updatedBy: { id: string; name: string } | null;
}

const storedHeadings = z.array(z.object({ section: PlanSection, title: z.string(), guidance: z.string().default("") }));
const storedLabels = z.record(z.string(), z.string());

/** Plans of type OTHER, and a template that is somehow missing: every life area, no headings. */
function fallback(type: PlanType): PlanTemplateView {
  return { type, lifeAreas: LIFE_AREAS.map((area) => ({ area, label: null })), headings: [], version: 0, updatedAt: null, updatedBy: null };
}

type Row = { type: PlanType; lifeAreas: LifeArea[]; lifeAreaLabels: unknown; headings: unknown; version: number; updatedAt: Date; updatedById: string | null };

/** A stored row as the pages read it. JSON the portal did not write is read as far as it is valid. */
function viewOf(row: Row, updatedBy: { id: string; name: string } | null): PlanTemplateView {
  const labels = storedLabels.safeParse(row.lifeAreaLabels);
  const headings = storedHeadings.safeParse(row.headings);
  return {
    type: row.type,
    lifeAreas: row.lifeAreas.map((area) => ({ area, label: (labels.success ? labels.data[area] : undefined)?.trim() || null })),
    headings: headings.success ? headings.data : [],
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy,
  };
}

const SELECT = { type: true, lifeAreas: true, lifeAreaLabels: true, headings: true, version: true, updatedAt: true, updatedById: true } as const;

async function withEditors(tx: Tx, municipalityId: string, rows: Row[]): Promise<PlanTemplateView[]> {
  const ids = [...new Set(rows.map((r) => r.updatedById).filter((v): v is string => Boolean(v)))];
  const people = ids.length ? await tx.user.findMany({ where: { id: { in: ids }, municipalityId }, select: { id: true, name: true } }) : [];
  return rows.map((row) => viewOf(row, people.find((p) => p.id === row.updatedById) ?? null));
}

/** The template a plan of this type in this municipality follows. */
export async function templateOf(tx: Tx, municipalityId: string, type: PlanType): Promise<PlanTemplateView> {
  if (!isOneOf(TEMPLATE_PLAN_TYPES, type)) return fallback(type);
  const row = await tx.planTemplate.findUnique({ where: { municipalityId_type: { municipalityId, type } }, select: SELECT });
  return templateFrom(type, row ? [row] : []);
}

/** What a plan read selects of its municipality's templates for `templateFrom` (a few small rows). */
export const templatesOfMunicipality = { where: { type: { in: [...TEMPLATE_PLAN_TYPES] } }, select: SELECT };

/** The template of this plan type among the municipality's stored ones, as `templateOf` answers. */
export function templateFrom(type: PlanType, rows: Row[]): PlanTemplateView {
  const row = isOneOf(TEMPLATE_PLAN_TYPES, type) ? rows.find((r) => r.type === type) : undefined;
  return row ? viewOf(row, null) : fallback(type);
}

/**
 * A new goal, or a goal moved to another life area, must be in an area the plan's template
 * offers. Existing goals in other areas are not touched by this.
 */
export async function assertLifeAreaOffered(tx: Tx, planId: string, area: LifeArea): Promise<void> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { municipalityId: true, type: true } });
  const template = await templateOf(tx, plan.municipalityId, plan.type);
  if (!template.lifeAreas.some((a) => a.area === area)) throw new DomainError("BAD_REQUEST", "planTemplate.lifeAreaNotOffered");
}

/** Every plan type's template in the caller's municipality, in the order of TEMPLATE_PLAN_TYPES. */
export async function listTemplates(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await READERS.resolve(prisma, actor);
  const rows = await prisma.planTemplate.findMany({ where: { municipalityId, type: { in: [...TEMPLATE_PLAN_TYPES] } }, select: SELECT });
  const views = await withEditors(prisma, municipalityId, rows);
  return TEMPLATE_PLAN_TYPES.map((type) => views.find((v) => v.type === type) ?? fallback(type));
}

export const templateByTypeInput = z.object({ type: TemplatePlanType });

export async function templateByType(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof templateByTypeInput>) {
  const { municipalityId } = await READERS.resolve(prisma, actor);
  const row = await prisma.planTemplate.findUnique({ where: { municipalityId_type: { municipalityId, type: input.type } }, select: SELECT });
  return row ? (await withEditors(prisma, municipalityId, [row]))[0]! : fallback(input.type);
}

export const updateTemplateInput = z.object({
  type: TemplatePlanType,
  version,
  /** The life areas offered for goals, in order; at least one. */
  lifeAreas: z
    .array(z.object({ area: LifeArea, label: z.string().trim().max(80).nullable().optional() }))
    .min(1)
    .max(LIFE_AREAS.length)
    // A life area twice: refused (the page never sends it).
    .refine((areas) => new Set(areas.map((a) => a.area)).size === areas.length),
  /** The plan's headings in order, each with guidance for those who write it. */
  headings: z
    .array(z.object({ section: PlanSection, title: z.string().trim().min(1).max(120), guidance: z.string().trim().max(1000) }))
    .max(20),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

/** The administrator saves a plan type's template: on the version it was based on (decision 006). */
export async function updateTemplate(prisma: PrismaClient, actor: SessionUser, input: UpdateTemplateInput, meta: RequestMeta) {
  return write(prisma, actor, meta, ADMIN_ONLY, "planTemplate.update", async (tx, { municipalityId }) => {
    const where = { municipalityId_type: { municipalityId, type: input.type } };
    const current = await tx.planTemplate.findUnique({ where, select: { id: true, ...SELECT } });
    if (!current) throw new DomainError("NOT_FOUND", "errors.code.NOT_FOUND");
    const reread = async () => (await withEditors(tx, municipalityId, [await tx.planTemplate.findUniqueOrThrow({ where, select: SELECT })]))[0]!;
    assertCurrentVersion(viewOf(current, null), input.version);
    const labels = Object.fromEntries(input.lifeAreas.filter((a) => a.label).map((a) => [a.area, a.label!]));
    await applyVersioned(
      tx.planTemplate.updateMany({
        where: { id: current.id, version: input.version },
        data: {
          lifeAreas: input.lifeAreas.map((a) => a.area),
          lifeAreaLabels: labels,
          headings: input.headings,
          updatedById: actor.id,
          version: { increment: 1 },
        },
      }),
      reread,
    );
    const saved = await reread();
    const before = viewOf(current, null);
    return {
      result: saved,
      target: { type: "planTemplate", id: current.id },
      details: {
        type: input.type,
        lifeAreas: saved.lifeAreas.map((a) => a.area),
        removedLifeAreas: before.lifeAreas.filter((a) => !saved.lifeAreas.some((s) => s.area === a.area)).map((a) => a.area),
        headings: saved.headings.length,
      },
    };
  });
}
