import { z } from "zod";
import { Role } from "../../../app/domain/schemas.ts";
import type { PrismaClient } from "../../db/database.ts";
import { seal } from "../../identity/protect.ts";
import { discoveredOrigins, discoveryCount } from "./client.ts";

/**
 * The enabled identity providers for the sign-in page: residents' first, then staff. The
 * municipality is named when more than one municipality signs in here.
 */
export async function listSignInProviders(prisma: PrismaClient) {
  const rows = await prisma.identityProvider.findMany({
    where: { enabled: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { slug: true, kind: true, name: true, municipalityId: true, municipality: { select: { name: true } } },
  });
  const several = new Set(rows.map((r) => r.municipalityId)).size > 1;
  return rows.map((r) => ({ slug: r.slug, kind: r.kind, name: r.name, municipality: several ? r.municipality.name : null }));
}

const environmentProvider = z.object({
  /** The municipality's number (kommunenummer). */
  municipality: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9-]{2,40}$/),
  kind: z.enum(["RESIDENT", "STAFF"]),
  name: z.string().min(1).max(80),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  scopes: z.string().default("openid profile"),
  acrValues: z.array(z.string()).default([]),
  requiredAcr: z.string().nullable().default(null),
  identityClaim: z.string().default("pid"),
  roleClaim: z.string().nullable().default(null),
  roleMap: z.record(z.string(), Role).nullable().default(null),
});

/**
 * Identity providers from OIDC_PROVIDERS (a JSON list), written over their rows at every start,
 * so the operators' configuration is the truth for them. A mistake stops the start, clearly.
 */
export async function upsertEnvironmentProviders(prisma: PrismaClient, json: string | undefined): Promise<number> {
  if (!json) return 0;
  let list: z.infer<typeof environmentProvider>[];
  try {
    list = z.array(environmentProvider).parse(JSON.parse(json));
  } catch (error) {
    throw new Error(`OIDC_PROVIDERS er ikke gyldig: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  for (const { municipality: number, clientSecret, roleMap, ...provider } of list) {
    const municipality = await prisma.municipality.findUnique({ where: { number }, select: { id: true } });
    if (!municipality) throw new Error(`OIDC_PROVIDERS: kommunenummer ${number} finnes ikke.`);
    const data = {
      ...provider,
      municipalityId: municipality.id,
      clientSecretEnc: clientSecret ? seal(clientSecret) : null,
      roleMap: roleMap ?? undefined,
      source: "env",
      enabled: true,
    };
    await prisma.identityProvider.upsert({ where: { slug: provider.slug }, create: data, update: data });
  }
  forgetProviderOrigins();
  return list.length;
}

let origins: { at: number; discoveries: number; value: Promise<string[]> } | null = null;

/**
 * The identity providers' origins, for the Content-Security-Policy's form-action: signing out
 * without JavaScript posts a form whose answer redirects to the provider's sign-out. Read again
 * after a minute, so a new provider is allowed without a restart.
 */
export function providerOrigins(prisma: PrismaClient): Promise<string[]> {
  if (!origins || Date.now() - origins.at > 60_000 || origins.discoveries !== discoveryCount()) {
    const value = prisma.identityProvider
      .findMany({ where: { enabled: true } })
      .then((rows) => [...new Set(rows.flatMap((r) => [new URL(r.issuer).origin, ...discoveredOrigins(r)]))])
      .catch((): string[] => {
        // The database was away: none for this request, and asked again by the next one.
        origins = null;
        return [];
      });
    origins = { at: Date.now(), discoveries: discoveryCount(), value };
  }
  return origins.value;
}

/** After providers change here (the environment, the test provider, the administrator): read them again. */
export function forgetProviderOrigins(): void {
  origins = null;
}
