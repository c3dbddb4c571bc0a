import type { PrismaClient } from "../server/db/database.ts";
import type { AccessLevel, LifeArea, ParticipantKind, PlanStatus, PlanType, Role } from "../server/db/generated/enums.ts";
import { hashPassword } from "../server/auth/password.ts";

// Builders for the demo municipality and the tests: one place that knows how to make a
// valid municipality, unit, account and plan.

const hashCache = new Map<string, Promise<string>>();
/** argon2 is slow on purpose; the same password hashes once per process. */
function cachedHash(password: string): Promise<string> {
  let hashed = hashCache.get(password);
  if (!hashed) {
    hashed = hashPassword(password);
    hashCache.set(password, hashed);
  }
  return hashed;
}

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * A municipality for tests. Like the demo municipality it signs in with a password in one step
 * unless `demo: false`, so tests of other things can sign in simply; the second factor's tests
 * make theirs with `demo: false`.
 */
export async function createMunicipality(prisma: PrismaClient, data: { name?: string; number?: string; demo?: boolean } = {}) {
  const suffix = next();
  return prisma.municipality.create({
    data: { name: data.name ?? `Testkommune ${suffix}`, number: data.number ?? `T${suffix}`, demo: data.demo ?? true },
  });
}

export async function createUnit(prisma: PrismaClient, municipalityId: string, name = `Enhet ${next()}`) {
  return prisma.unit.create({ data: { municipalityId, name } });
}

export interface UserSpec {
  municipalityId: string;
  roles: Role[];
  email?: string;
  name?: string;
  password?: string;
  unitId?: string | null;
  /** The unit a UNIT_LEADER leads. */
  leadsUnitId?: string;
  phone?: string;
  title?: string;
  active?: boolean;
}

export const TEST_PASSWORD = "riktig-passord-123";

export async function createUser(prisma: PrismaClient, spec: UserSpec) {
  const email = (spec.email ?? `person-${next()}@test.no`).toLowerCase();
  const user = await prisma.user.create({
    data: {
      municipalityId: spec.municipalityId,
      email,
      name: spec.name ?? `Person ${next()}`,
      phone: spec.phone,
      title: spec.title,
      unitId: spec.unitId ?? null,
      active: spec.active ?? true,
      passwordHash: await cachedHash(spec.password ?? TEST_PASSWORD),
      roles: {
        create: spec.roles.map((role) => ({ role, unitId: role === "UNIT_LEADER" ? (spec.leadsUnitId ?? null) : null })),
      },
    },
    include: { roles: true },
  });
  // Made with an e-mail address, so tests can sign in with it.
  return { ...user, email };
}

export interface PlanSpec {
  municipalityId: string;
  ownerId: string;
  status?: PlanStatus;
  /** IP unless said (docs/decisions/028). */
  type?: PlanType;
  coordinatorId?: string;
  startDate?: Date;
  endDate?: Date;
  nextReviewAt?: Date;
  /** The user's consent to the plan; given unless false. */
  userConsent?: boolean;
  participants?: {
    userId?: string;
    kind: ParticipantKind;
    displayName?: string;
    organisation?: string;
    contribution?: string;
    access?: AccessLevel;
    legalBasis?: string;
    /** A consent to share information with this participant: valid from now, until `validTo` if given. */
    consent?: boolean | { validTo?: Date };
  }[];
}

export async function createPlan(prisma: PrismaClient, spec: PlanSpec) {
  return prisma.plan.create({
    data: {
      municipalityId: spec.municipalityId,
      ownerId: spec.ownerId,
      type: spec.type,
      status: spec.status ?? "ACTIVE",
      startDate: spec.startDate,
      endDate: spec.endDate,
      nextReviewAt: spec.nextReviewAt,
      consentGivenAt: spec.userConsent === false ? null : new Date(),
      consentGivenBy: spec.userConsent === false ? null : spec.ownerId,
      coordinators: spec.coordinatorId ? { create: { coordinatorId: spec.coordinatorId } } : undefined,
      participants: spec.participants
        ? {
            create: spec.participants.map(({ consent, ...participant }) => ({
              ...participant,
              consents: consent
                ? { create: { grantedById: spec.ownerId, validTo: typeof consent === "object" ? (consent.validTo ?? null) : null } }
                : undefined,
            })),
          }
        : undefined,
    },
  });
}

export async function createGoal(
  prisma: PrismaClient,
  spec: { planId: string; createdById: string; title?: string; lifeArea?: LifeArea; writtenByUser?: boolean; evaluationDate?: Date; parentId?: string },
) {
  return prisma.goal.create({
    data: {
      planId: spec.planId,
      createdById: spec.createdById,
      title: spec.title ?? `Mål ${next()}`,
      lifeArea: spec.lifeArea ?? "DAILY_LIVING",
      writtenByUser: spec.writtenByUser ?? false,
      evaluationDate: spec.evaluationDate,
      parentId: spec.parentId,
    },
  });
}

export async function createMeasure(
  prisma: PrismaClient,
  spec: { planId: string; goalId: string; createdById: string; title?: string; responsibleUserId?: string; evaluationDate?: Date },
) {
  return prisma.measure.create({
    data: {
      planId: spec.planId,
      goalId: spec.goalId,
      createdById: spec.createdById,
      title: spec.title ?? `Tiltak ${next()}`,
      responsibleUserId: spec.responsibleUserId,
      evaluationDate: spec.evaluationDate,
    },
  });
}
