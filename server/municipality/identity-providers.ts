import { forgetProviderOrigins } from "../auth/oidc/providers.ts";
import { z } from "zod";
import { id, Role } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { DomainError, notFound } from "../errors.ts";
import { events } from "../events.ts";
import { seal } from "../identity/protect.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { uniqueViolation } from "../db/unique.ts";

// The municipality's OpenID Connect providers, as the administrator sets them up: one for
// residents (ID-porten), one or more for staff (HelseID, Entra ID) with a claim that maps to our
// roles. The client secret is write-only: stored sealed (AES-256-GCM), never sent back, not in
// the audit row. Rows that come from the environment or the local test provider are changed
// there, not here.

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

const issuer = z.string().trim().max(500).url();

/** https, or http on this machine outside production (a local provider while developing). */
function isSafeIssuer(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) && process.env.NODE_ENV !== "production";
}

const claim = z.string().trim().min(1).max(100);

const providerFields = {
  kind: z.enum(["RESIDENT", "STAFF"]),
  name: z.string().trim().min(2).max(100),
  issuer,
  clientId: z.string().trim().min(1).max(200),
  scopes: z.string().trim().min(6).max(500),
  acrValues: z.array(z.string().trim().min(1).max(100)).max(10),
  requiredAcr: z.string().trim().min(1).max(100).nullable(),
  identityClaim: claim,
  roleClaim: claim.nullable(),
  /** Staff providers: a value of the role claim → one of our roles. */
  roleMap: z.record(z.string().trim().min(1).max(200), Role).nullable(),
  enabled: z.boolean(),
};

export const createProviderInput = z.object({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
  ...providerFields,
  clientSecret: z.string().min(1).max(500).nullable(),
});
export type CreateProviderInput = z.infer<typeof createProviderInput>;

export const updateProviderInput = z.object({
  providerId: id,
  ...providerFields,
  /** A new secret; absent keeps the stored one. */
  clientSecret: z.string().min(1).max(500).nullable().optional(),
  /** Turns the client into a public one (PKCE only). */
  removeClientSecret: z.boolean().optional(),
});
export type UpdateProviderInput = z.infer<typeof updateProviderInput>;

const SELECT = {
  id: true,
  slug: true,
  kind: true,
  name: true,
  issuer: true,
  clientId: true,
  clientSecretEnc: true,
  scopes: true,
  acrValues: true,
  requiredAcr: true,
  identityClaim: true,
  roleClaim: true,
  roleMap: true,
  enabled: true,
  source: true,
} as const;

type Row = { clientSecretEnc: string | null; roleMap: unknown } & Record<string, unknown>;

/** A row as the administrator sees it: whether there is a secret, never the secret. */
function shown<R extends Row>({ clientSecretEnc, roleMap, ...row }: R) {
  return { ...row, hasClientSecret: clientSecretEnc !== null, roleMap: (roleMap ?? null) as Record<string, Role> | null };
}

export async function listProviders(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await ADMIN_ONLY.resolve(prisma, actor);
  const rows = await prisma.identityProvider.findMany({ where: { municipalityId }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: SELECT });
  return rows.map(shown);
}

function checkProvider(input: { issuer: string; acrValues: string[]; requiredAcr: string | null; scopes: string; roleClaim: string | null; roleMap: unknown }) {
  if (!isSafeIssuer(input.issuer)) throw new DomainError("BAD_REQUEST", "adm.idp.httpsOnly");
  if (!input.scopes.split(/\s+/).includes("openid")) throw new DomainError("BAD_REQUEST", "adm.idp.openidScope");
  if (input.requiredAcr && !input.acrValues.includes(input.requiredAcr)) throw new DomainError("BAD_REQUEST", "adm.idp.requiredAcrListed");
  if (input.roleMap && Object.keys(input.roleMap).length && !input.roleClaim) throw new DomainError("BAD_REQUEST", "adm.idp.roleClaimNeeded");
}

async function refuseTakenSlug(tx: Tx, slug: string) {
  if (await tx.identityProvider.findUnique({ where: { slug }, select: { id: true } })) throw new DomainError("CONFLICT", "adm.idp.slugTaken", { slug });
}

export async function createProvider(prisma: PrismaClient, actor: SessionUser, input: CreateProviderInput, meta: RequestMeta) {
  checkProvider(input);
  const created = await write(prisma, actor, meta, ADMIN_ONLY, "identityProvider.create", async (tx, { municipalityId }) => {
    await refuseTakenSlug(tx, input.slug);
    const { clientSecret, roleMap, ...fields } = input;
    const row = await tx.identityProvider
      .create({
        data: { ...fields, municipalityId, roleMap: roleMap ?? Prisma.DbNull, clientSecretEnc: clientSecret ? seal(clientSecret) : null, source: "admin" },
        select: SELECT,
      })
      .catch((error: unknown) => {
        if (uniqueViolation(error)) throw new DomainError("CONFLICT", "adm.idp.slugTaken", { slug: input.slug });
        throw error;
      });
    return { result: shown(row), target: { type: "identityProvider", id: row.id }, details: { slug: row.slug, kind: row.kind, enabled: row.enabled } };
  });
  // The sign-in page's Content-Security-Policy names the providers' origins.
  forgetProviderOrigins();
  return created;
}

export async function updateProvider(prisma: PrismaClient, actor: SessionUser, input: UpdateProviderInput, meta: RequestMeta) {
  checkProvider(input);
  const updated = await write(prisma, actor, meta, ADMIN_ONLY, "identityProvider.update", async (tx, { municipalityId }) => {
    const before = await tx.identityProvider.findFirst({ where: { id: input.providerId, municipalityId }, select: SELECT });
    if (!before) throw notFound();
    if (before.source !== "admin") throw new DomainError("BAD_REQUEST", "adm.idp.fromEnvironment");
    const { providerId, clientSecret, removeClientSecret, roleMap, ...fields } = input;
    const secret = removeClientSecret ? { clientSecretEnc: null } : clientSecret ? { clientSecretEnc: seal(clientSecret) } : {};
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(fields[key]));
    if (JSON.stringify(before.roleMap ?? null) !== JSON.stringify(roleMap ?? null)) changed.push("roleMap" as never);
    if ("clientSecretEnc" in secret) changed.push("clientSecret" as never);
    const row = await tx.identityProvider.update({
      where: { id: providerId },
      data: { ...fields, roleMap: roleMap ?? Prisma.DbNull, ...secret },
      select: SELECT,
    });
    // Another issuer or client is another provider: its subjects may name other people, so the
    // bindings made through the old one go, and so do the sessions it opened (but the one
    // making the change).
    const anotherProvider = before.issuer !== row.issuer || before.clientId !== row.clientId;
    const ended = anotherProvider ? await endProviderSessions(tx, row.id, actor.sessionId) : [];
    const unbound = anotherProvider ? (await tx.userIdentity.deleteMany({ where: { providerId: row.id } })).count : 0;
    return {
      result: { row: shown(row), ended },
      target: { type: "identityProvider", id: row.id },
      details: { slug: row.slug, fields: changed as string[], ...(anotherProvider ? { bindingsRemoved: unbound, sessionsEnded: ended.reduce((n, e) => n + e.sessionIds.length, 0) } : {}) },
    };
  });
  // The sign-in page's Content-Security-Policy names the providers' origins.
  forgetProviderOrigins();
  for (const e of updated.ended) events.emit("auth.sessionsEnded", e);
  return updated.row;
}

/** Deletes the sessions opened through the provider and says whose, for the events after commit. */
async function endProviderSessions(tx: Tx, providerId: string, keepSessionId: string | null): Promise<{ userId: string; sessionIds: string[] }[]> {
  const sessions = await tx.session.findMany({ where: { providerId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) }, select: { id: true, userId: true } });
  await tx.session.deleteMany({ where: { id: { in: sessions.map((s) => s.id) } } });
  const byUser = new Map<string, string[]>();
  for (const session of sessions) byUser.set(session.userId, [...(byUser.get(session.userId) ?? []), session.id]);
  return [...byUser].map(([userId, sessionIds]) => ({ userId, sessionIds }));
}
