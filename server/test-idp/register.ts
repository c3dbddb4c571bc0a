import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/database.ts";
import { forgetProviderOrigins } from "../auth/oidc/providers.ts";
import { seal } from "../identity/protect.ts";
import { DEMO_ROLE_MAP } from "./persons.ts";
import { ID_PORTEN_ACR, startTestIdp, type TestClient, type TestIdp } from "./provider.ts";

// Starts the local test provider and registers it as a municipality's two identity providers:
// "ID-porten (test)" for residents and "Ansatt (test)" for staff. The rows are updated at every
// start (the provider's port and client secrets are new each time).

export interface TestProviders {
  idp: TestIdp;
  slugs: { resident: string; staff: string };
}

/** The two clients of a municipality's test providers, for the portal's addresses. */
export function testClients(portalOrigins: string[], slugs: { resident: string; staff: string }, secrets: { resident: string; staff: string }): TestClient[] {
  const client = (kind: "resident" | "staff"): TestClient => ({
    clientId: `portal-${slugs[kind]}`,
    clientSecret: secrets[kind],
    kind: kind === "resident" ? "RESIDENT" : "STAFF",
    redirectUris: portalOrigins.map((origin) => `${origin}/auth/oidc/${slugs[kind]}/callback`),
    postLogoutRedirectUris: portalOrigins.map((origin) => `${origin}/login?utlogget=1`),
  });
  return [client("resident"), client("staff")];
}

export async function startTestProviders(
  prisma: PrismaClient,
  options: { municipalityId: string; portalOrigins: string[]; slugs?: { resident: string; staff: string }; port?: number },
): Promise<TestProviders> {
  const slugs = options.slugs ?? { resident: "idporten", staff: "ansatt" };
  const secrets = { resident: randomBytes(24).toString("base64url"), staff: randomBytes(24).toString("base64url") };
  const idp = await startTestIdp({ clients: testClients(options.portalOrigins, slugs, secrets), port: options.port });
  await registerTestProviders(prisma, { municipalityId: options.municipalityId, issuer: idp.issuer, slugs, secrets });
  return { idp, slugs };
}

/** Upserts a municipality's two provider rows for a test provider at `issuer`. */
export async function registerTestProviders(
  prisma: PrismaClient,
  { municipalityId, issuer, slugs, secrets }: { municipalityId: string; issuer: string; slugs: { resident: string; staff: string }; secrets: { resident: string; staff: string } },
): Promise<void> {
  const common = { municipalityId, issuer, source: "test", enabled: true, identityClaim: "pid" };
  const resident = {
    ...common,
    kind: "RESIDENT" as const,
    name: "ID-porten (test)",
    clientId: `portal-${slugs.resident}`,
    clientSecretEnc: seal(secrets.resident),
    scopes: "openid profile",
    acrValues: [...ID_PORTEN_ACR],
    requiredAcr: "idporten-loa-high",
    roleClaim: null,
    roleMap: undefined,
  };
  const staff = {
    ...common,
    kind: "STAFF" as const,
    name: "Ansatt (test)",
    clientId: `portal-${slugs.staff}`,
    clientSecretEnc: seal(secrets.staff),
    scopes: "openid profile email roles",
    acrValues: [],
    requiredAcr: null,
    roleClaim: "roles",
    roleMap: { ...DEMO_ROLE_MAP },
  };
  await prisma.identityProvider.upsert({ where: { slug: slugs.resident }, create: { slug: slugs.resident, ...resident }, update: resident });
  await prisma.identityProvider.upsert({ where: { slug: slugs.staff }, create: { slug: slugs.staff, ...staff }, update: staff });
  forgetProviderOrigins();
}
