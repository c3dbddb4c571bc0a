import * as oidc from "openid-client";
import { unseal } from "../../identity/protect.ts";

// The relying party's side of OpenID Connect (openid-client, a certified relying party): the
// provider's configuration from discovery, cached per provider row, so a sign-in costs no extra
// round trip. Plain http is accepted only for a provider on loopback (the local test provider).

export interface ProviderRow {
  id: string;
  slug: string;
  issuer: string;
  clientId: string;
  clientSecretEnc: string | null;
  updatedAt: Date;
}

const CACHE_MS = 60 * 60 * 1000;
let discoveries = 0;

/** How many discoveries have finished in this process: what depends on them can tell it is stale. */
export const discoveryCount = () => discoveries;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration>; resolved?: oidc.Configuration }>();

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** The discovered configuration of a provider; a changed row (new issuer, secret) is discovered again. */
export function configurationOf(provider: ProviderRow): Promise<oidc.Configuration> {
  const key = `${provider.id}:${provider.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  const issuer = new URL(provider.issuer);
  if (issuer.protocol !== "https:" && !isLoopback(issuer)) {
    return Promise.reject(new Error(`identity provider ${provider.slug} must use https`));
  }
  const secret = provider.clientSecretEnc ? unseal(provider.clientSecretEnc) : undefined;
  const config = oidc.discovery(issuer, provider.clientId, secret, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
    execute: issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  const entry: { at: number; config: Promise<oidc.Configuration>; resolved?: oidc.Configuration } = { at: Date.now(), config };
  // A failed discovery is not kept: the next sign-in tries again.
  config
    .then((c) => {
      entry.resolved = c;
      discoveries++;
    })
    .catch(() => cache.delete(key));
  cache.set(key, entry);
  return config;
}

/**
 * The origins a provider's discovered endpoints live on (sign-in and sign-out), if this process
 * has discovered it: ID-porten's sign-out is not on its issuer's origin. Never waits for a
 * discovery, so building a page's headers never does a network call.
 */
export function discoveredOrigins(provider: ProviderRow): string[] {
  const resolved = cache.get(`${provider.id}:${provider.updatedAt.getTime()}`)?.resolved;
  if (!resolved) return [];
  const meta = resolved.serverMetadata();
  return [meta.authorization_endpoint, meta.end_session_endpoint].flatMap((url) => (url ? [new URL(url).origin] : []));
}

export { oidc };
