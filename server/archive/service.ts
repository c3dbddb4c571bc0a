import { randomUUID } from "node:crypto";
import { z } from "zod";
import { osloWallTime } from "../../app/domain/oslo-time.ts";
import { id, PLAN_ARCHIVER_ROLES, type ArchiveReason, type ArchiveStatus } from "../../app/domain/schemas.ts";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { log } from "../ops/log.ts";
import { planPolicy, resolvePlanAccess, type PlanAccess } from "../plans/access.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";
import { buildArchive } from "./build.ts";
import { databaseDelivery, httpDelivery, type ArchiveDelivery } from "./delivery.ts";

// Archive copies of plans (issue 13, docs/decisions/027). A copy is first a PENDING row (for a
// closing, in the closing's own transaction, so it cannot be lost), then built and delivered
// after commit by processArchive; what fails is tried again by the archive job with a growing
// pause. Making one is not work in the plan: it is allowed on a closed plan and never moves
// the plan's last activity.

export interface ArchiveSettings {
  delivery: ArchiveDelivery;
  /** The months (1–12) in which every active plan gets its scheduled copy. */
  months: number[];
}

let settings: ArchiveSettings = { delivery: databaseDelivery, months: [1, 7] };

export function configureArchive(next: Partial<ArchiveSettings>): void {
  settings = { ...settings, ...next };
}

export function archiveSettings(): ArchiveSettings {
  return settings;
}

/** ARCHIVE_MONTHS ("1,7") as month numbers; anything else is a configuration error at start. */
export function parseArchiveMonths(value: string): number[] {
  const months = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (!months.length || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) throw new Error(`ARCHIVE_MONTHS must be months 1–12, comma-separated: "${value}"`);
  return [...new Set(months)].sort((a, b) => a - b);
}

export function configureArchiveFromEnv(env: { ARCHIVE_HTTP_URL?: string; ARCHIVE_HTTP_TOKEN?: string; ARCHIVE_MONTHS: string }): void {
  configureArchive({
    delivery: env.ARCHIVE_HTTP_URL ? httpDelivery({ url: env.ARCHIVE_HTTP_URL, token: env.ARCHIVE_HTTP_TOKEN }) : databaseDelivery,
    months: parseArchiveMonths(env.ARCHIVE_MONTHS),
  });
}

const mayArchive = (access: PlanAccess) => (PLAN_ARCHIVER_ROLES as readonly string[]).includes(access.role);

/** Stores a request for a copy, to be built after commit. For SCHEDULED, one per plan and period. */
export async function requestArchive(tx: Tx, input: { planId: string; reason: ArchiveReason; createdById: string | null; period?: string }): Promise<string | null> {
  const archiveId = randomUUID();
  const inserted = await tx.$executeRaw`
    INSERT INTO "PlanArchive" (id, "planId", reason, period, "createdById", delivery)
    VALUES (${archiveId}, ${input.planId}, ${input.reason}::"ArchiveReason", ${input.period ?? null}, ${input.createdById}, ${settings.delivery.name})
    ON CONFLICT ("planId", period) DO NOTHING`;
  return inserted > 0 ? archiveId : null;
}

/** How long to wait before trying a failed copy again: 1, 2, 4 … minutes, at most 6 hours. */
const retryDelayMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 360) * 60_000;
/** How long one worker may hold a copy before another may take it over (a crashed instance). */
const CLAIM_MS = 10 * 60_000;

/**
 * Builds (if not yet built) and delivers one copy. Claims it first, so two instances never work
 * on the same copy; returns its status afterwards, or null when someone else holds it or it
 * was delivered already. Never throws for a failed build or delivery: that is recorded.
 */
export async function processArchive(prisma: PrismaClient, archiveId: string, options: { delivery?: ArchiveDelivery; now?: Date } = {}): Promise<ArchiveStatus | null> {
  const delivery = options.delivery ?? settings.delivery;
  const now = options.now ?? new Date();
  const claimed = await prisma.$queryRaw<{ id: string; planId: string; reason: ArchiveReason; builtAt: Date | null; createdAt: Date; attempts: number; period: string | null }[]>`
    UPDATE "PlanArchive" SET "lockedUntil" = ${new Date(Date.now() + CLAIM_MS)}
    WHERE id = ${archiveId} AND status <> 'DELIVERED' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${new Date()})
    RETURNING id, "planId", reason, "builtAt", "createdAt", attempts, period`;
  const row = claimed[0];
  if (!row) return null;
  try {
    if (!row.builtAt) {
      // Built in one transaction: the content, the documents and the files are of one moment.
      await prisma.$transaction(
        async (tx) => {
          const plan = await tx.plan.findUniqueOrThrow({ where: { id: row.planId }, select: { municipalityId: true } });
          const built = await buildArchive(tx, { archiveId: row.id, planId: row.planId, reason: row.reason, madeAt: now });
          await tx.$executeRaw`
            UPDATE "PlanArchive" SET
              "builtAt" = ${now},
              pdf = decode(${built.pdf.toString("base64")}, 'base64'),
              "package" = decode(${built.zip.toString("base64")}, 'base64'),
              xml = ${built.xml},
              "pdfSize" = ${built.pdf.length},
              "packageSize" = ${built.zip.length},
              checksum = ${built.checksum},
              delivery = ${delivery.name}
            WHERE id = ${row.id}`;
          // A scheduled copy has no person behind it: the system's read of the plan is recorded here.
          if (row.reason === "SCHEDULED") {
            await recordAudit(tx, {
              action: "plan.archive",
              municipalityId: plan.municipalityId,
              planId: row.planId,
              targetType: "planArchive",
              targetId: row.id,
              details: { reason: row.reason, period: row.period },
            });
          }
        },
        { timeout: 120_000 },
      );
    }
    const [stored] = await prisma.$queryRaw<{ package: string; checksum: string }[]>`SELECT encode("package", 'base64') AS package, checksum FROM "PlanArchive" WHERE id = ${row.id}`;
    const caseRef = await prisma.case.findFirst({ where: { planId: row.planId }, orderBy: [{ outcome: { sort: "asc", nulls: "last" } }, { receivedAt: "desc" }], select: { reference: true } });
    await delivery.deliver({ archiveId: row.id, planId: row.planId, caseReference: caseRef?.reference ?? null, zip: Buffer.from(stored.package.replace(/\s/g, ""), "base64"), checksum: stored.checksum });
    await prisma.planArchive.update({
      where: { id: row.id },
      data: { status: "DELIVERED", deliveredAt: new Date(), attempts: { increment: 1 }, lastError: null, lockedUntil: null, delivery: delivery.name },
    });
    return "DELIVERED";
  } catch (error) {
    const attempts = row.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error, archiveId: row.id, attempts }, "archive copy not delivered");
    await prisma.planArchive.update({
      where: { id: row.id },
      data: { status: "FAILED", attempts, lastError: message.slice(0, 500), nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)), lockedUntil: null },
    });
    return "FAILED";
  }
}

/** processArchive for what closing or "Arkiver nå" just requested: any failure is logged, never thrown. */
export async function processArchiveQuietly(prisma: PrismaClient, archiveId: string | null): Promise<ArchiveStatus | null> {
  if (!archiveId) return null;
  try {
    return await processArchive(prisma, archiveId);
  } catch (error) {
    log.error({ err: error, archiveId }, "archive copy left for the archive job");
    return null;
  }
}

/** Copies waiting or failed whose time has come: built and delivered, at most `limit` per call. */
export async function processDueArchives(prisma: PrismaClient, options: { delivery?: ArchiveDelivery; limit?: number; now?: Date } = {}): Promise<{ delivered: number; failed: number }> {
  const due = await prisma.planArchive.findMany({
    where: { status: { in: ["PENDING", "FAILED"] }, nextAttemptAt: { lte: options.now ?? new Date() }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true },
  });
  let delivered = 0;
  let failed = 0;
  for (const { id: archiveId } of due) {
    const status = await processArchive(prisma, archiveId, options);
    if (status === "DELIVERED") delivered++;
    else if (status === "FAILED") failed++;
  }
  return { delivered, failed };
}

/**
 * The half-year (or as configured) period `now` falls in: the latest configured month at or
 * before now, as "YYYY-MM" (in February with months 1 and 7: "2027-01"; in March with only
 * month 7: the July before).
 */
export function archivePeriod(now: Date, months = settings.months): string {
  const { year, month } = osloWallTime(now);
  const before = months.filter((m) => m <= month);
  const period = before.length ? { year, month: before.at(-1)! } : { year: year - 1, month: months.at(-1)! };
  return `${period.year}-${String(period.month).padStart(2, "0")}`;
}

/**
 * The scheduled copies: every active plan gets one per period (a unique row per plan and period,
 * so any number of runs and instances make one), then as many as `limit` are built and
 * delivered; the rest follow in the next runs.
 */
export async function runScheduledArchives(prisma: PrismaClient, options: { now?: Date; delivery?: ArchiveDelivery; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const period = archivePeriod(now);
  const requested = await prisma.$executeRaw`
    INSERT INTO "PlanArchive" (id, "planId", reason, period, delivery)
    SELECT gen_random_uuid()::text, p.id, 'SCHEDULED'::"ArchiveReason", ${period}, ${(options.delivery ?? settings.delivery).name}
    FROM "Plan" p WHERE p.status = 'ACTIVE'
    ON CONFLICT ("planId", period) DO NOTHING`;
  const processed = await processDueArchives(prisma, options);
  return { period, requested, ...processed };
}

// ---- Procedures ----

export const archivePlanInput = z.object({ planId: id });
export const planArchivesInput = z.object({ planId: id });
export const archiveFileInput = z.object({ planId: id, archiveId: id });

/** plan.archive: "Arkiver nå", for the coordinator or the coordinating unit (with a purpose). */
export async function archivePlan(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof archivePlanInput>, meta: RequestMeta) {
  const archiveId = await write(prisma, actor, meta, planPolicy(input.planId, mayArchive, { forbiddenKey: "archive.notAllowed" }), "plan.archive", async (tx) => {
    const requested = await requestArchive(tx, { planId: input.planId, reason: "ON_DEMAND", createdById: actor.id });
    return { result: requested!, target: { type: "planArchive", id: requested! }, details: { reason: "ON_DEMAND" } };
  });
  const status = await processArchiveQuietly(prisma, archiveId);
  return { id: archiveId, status: status ?? ("PENDING" as const) };
}

/**
 * When the plan was last archived, for everyone who sees the plan; the copies themselves for the
 * coordinator and the coordinating unit. Dates and states only, no content: not a recorded read.
 */
export async function listPlanArchives(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof planArchivesInput>) {
  return prisma.$transaction(async (tx) => archivesOf(tx, await resolvePlanAccess(tx, actor, input.planId)));
}

/** The plan's archive copies as plan.archives answers them, for a caller whose access is resolved. */
export async function archivesOf(tx: Tx, access: PlanAccess) {
  const { archives } = await tx.plan.findUniqueOrThrow({ where: { id: access.planId }, select: { archives: archivesOfPlan(access) } });
  return archivesFrom(tx, access, archives);
}

/** The copies plan.archives lists, for those who may archive. */
const ARCHIVE_COPIES = {
  orderBy: { createdAt: "desc" },
  take: 50,
  select: { id: true, reason: true, period: true, createdAt: true, builtAt: true, status: true, attempts: true, deliveredAt: true, delivery: true, pdfSize: true, packageSize: true },
} satisfies Prisma.Plan$archivesArgs;
type ArchiveCopy = Prisma.PlanArchiveGetPayload<{ select: typeof ARCHIVE_COPIES.select }>;

/** For the others, when the plan was last archived. */
const LAST_BUILT = { where: { builtAt: { not: null } }, orderBy: { builtAt: "desc" }, take: 1, select: { builtAt: true } } satisfies Prisma.Plan$archivesArgs;

/** What of a plan's archive copies the caller is shown: a relation of the plan's read (the plan page's, or one of its own). */
export function archivesOfPlan(access: PlanAccess): typeof ARCHIVE_COPIES | typeof LAST_BUILT {
  return mayArchive(access) ? ARCHIVE_COPIES : LAST_BUILT;
}

/** plan.archives' answer from the rows `archivesOfPlan` reads. */
export async function archivesFrom(tx: Tx, access: PlanAccess, rows: ArchiveCopy[] | { builtAt: Date | null }[]) {
  if (!mayArchive(access)) return { lastArchivedAt: rows[0]?.builtAt ?? null, canArchive: false, copies: null };
  const copies = rows as ArchiveCopy[]; // archivesOfPlan read ARCHIVE_COPIES for those who may archive
  // All the plan's copies are in the list unless it is full: then the last built may be older.
  const last =
    copies.length < ARCHIVE_COPIES.take
      ? latestBuilt(copies)
      : (await tx.planArchive.findFirst({ where: { planId: access.planId, ...LAST_BUILT.where }, orderBy: LAST_BUILT.orderBy, select: LAST_BUILT.select }))?.builtAt;
  return { lastArchivedAt: last ?? null, canArchive: true, copies };
}

function latestBuilt(copies: { builtAt: Date | null }[]): Date | null {
  let latest: Date | null = null;
  for (const { builtAt } of copies) if (builtAt && (!latest || builtAt > latest)) latest = builtAt;
  return latest;
}

/** One copy's PDF or ZIP, for download: the coordinator or the coordinating unit; the read is recorded. */
export async function getArchiveFile(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof archiveFileInput> & { file: "pdf" | "package" }, meta: RequestMeta) {
  return read(prisma, actor, meta, planPolicy(input.planId, mayArchive, { forbiddenKey: "archive.notAllowed" }), "plan.archive.download", async (tx) => {
    const archive = await tx.planArchive.findFirst({ where: { id: input.archiveId, planId: input.planId }, select: { id: true, builtAt: true } });
    if (!archive) throw notFound();
    if (!archive.builtAt) throw new DomainError("CONFLICT", "archive.notReady");
    const [{ content }] =
      input.file === "pdf"
        ? await tx.$queryRaw<{ content: string }[]>`SELECT encode(pdf, 'base64') AS content FROM "PlanArchive" WHERE id = ${archive.id}`
        : await tx.$queryRaw<{ content: string }[]>`SELECT encode("package", 'base64') AS content FROM "PlanArchive" WHERE id = ${archive.id}`;
    const day = archive.builtAt.toISOString().slice(0, 10);
    return {
      result: {
        fileName: input.file === "pdf" ? `plan-arkivkopi-${day}.pdf` : `plan-arkivpakke-${day}.zip`,
        mimeType: input.file === "pdf" ? "application/pdf" : "application/zip",
        // encode() wraps its output every 76 characters.
        contentBase64: content.replace(/\s/g, ""),
      },
      target: { type: "planArchive", id: archive.id },
      details: { archiveId: archive.id, file: input.file },
    };
  });
}
