import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import { parseIdentityNumber } from "../../../app/domain/identity-number.ts";
import type { SignInRefusal } from "../../../app/domain/sign-in.ts";
import { safeRedirect } from "../../../app/lib/roles.ts";
import { Role as RoleSchema, type Role } from "../../../app/domain/schemas.ts";
import { recordAudit, type RequestMeta } from "../../audit/audit.ts";
import type { PrismaClient } from "../../db/database.ts";
import type { Tx } from "../../db/types.ts";
import { allowSyntheticNumbers, identityHash, protectIdentityNumber } from "../../identity/protect.ts";
import { log } from "../../ops/log.ts";
import { publish, recordChange } from "../../records/write.ts";
import { events } from "../../events.ts";
import { createSession, invalidateUserSessions, sessionUserOf } from "../sessions.ts";
import { configurationOf, oidc } from "./client.ts";

// Signing in through an OpenID provider (decision 015): authorization code flow with PKCE,
// `state` (also in a cookie, against login CSRF) and `nonce`, the level of assurance asked for
// and checked, the person found by their identity number (`pid`), and the provider's tokens
// dropped as soon as the session is made. Whatever goes wrong, the person reads one of a few
// plain messages (SignInRefused) and no session is made; the log and the audit row say why.

const LOGIN_TTL_MS = 10 * 60 * 1000;

/** Accounts a staff provider may find by e-mail: anyone who works in the municipality. */
const STAFF_ROLES: readonly Role[] = ["STAFF", "COORDINATOR", "KE_CASE_OFFICER", "KE_LEADER", "UNIT_LEADER", "ADMIN"];

export class SignInRefused extends Error {
  constructor(
    readonly reason: SignInRefusal,
    /** For the log and the audit row; never shown, never holds a token or an identity number. */
    readonly why: string,
  ) {
    super(`${reason}: ${why}`);
    this.name = "SignInRefused";
  }
}

const stateId = (state: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(state)));

async function enabledProvider(prisma: PrismaClient | Tx, slug: string) {
  const provider = await prisma.identityProvider.findUnique({ where: { slug }, include: { municipality: { select: { name: true } } } });
  if (!provider?.enabled) throw new SignInRefused("unknownProvider", `no enabled provider "${slug.slice(0, 40)}"`);
  return provider;
}

/** The first step: where to send the browser, and the `state` its cookie must hold. */
export async function startSignIn(prisma: PrismaClient, slug: string, { redirectUri, redirectTo }: { redirectUri: string; redirectTo?: string | null }) {
  const provider = await enabledProvider(prisma, slug);
  const config = await configurationOf(provider).catch((error: unknown) => {
    throw new SignInRefused("failed", `discovery failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  await prisma.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await prisma.oidcLogin.create({
    data: { id: stateId(state), providerId: provider.id, codeVerifier, nonce, redirectTo: redirectTo ? safeRedirect(redirectTo, "/") : null, expiresAt: new Date(now + LOGIN_TTL_MS) },
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ui_locales: "nb",
    ...(provider.requiredAcr ? { acr_values: provider.requiredAcr } : {}),
  });
  return { url: url.toString(), state };
}

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(255),
    acr: z.string().max(200).optional(),
    name: z.string().max(200).optional(),
    given_name: z.string().max(100).optional(),
    family_name: z.string().max(100).optional(),
    email: z.string().email().max(254).optional(),
    email_verified: z.boolean().optional(),
  })
  .passthrough();

/** A provider's acceptable levels: the required one and those listed after it (low to high). */
export function acceptableAcr(acrValues: string[], required: string | null): string[] | null {
  if (!required) return null;
  const at = acrValues.indexOf(required);
  return at === -1 ? [required] : acrValues.slice(at);
}

/** Our roles from a staff provider's role claim, through the municipality's mapping. */
export function mappedRoles(claim: unknown, roleMap: unknown): Role[] {
  const map = z.record(z.string(), RoleSchema).safeParse(roleMap ?? {});
  if (!map.success) return [];
  const names = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === "string") : typeof claim === "string" ? claim.split(/[\s,]+/) : [];
  return [...new Set(names.flatMap((n) => (map.data[n] ? [map.data[n]] : [])))];
}

export interface FinishInput {
  /** The callback URL as the browser asked for it (our public origin + path + query). */
  currentUrl: URL;
  /** The `state` from the browser's cookie. */
  stateCookie: string | null;
  meta: RequestMeta;
}

/** The callback: checks everything, finds or makes the person, and opens the session. */
export async function finishSignIn(prisma: PrismaClient, slug: string, input: FinishInput) {
  try {
    return await finish(prisma, slug, input);
  } catch (error) {
    const refused = error instanceof SignInRefused ? error : new SignInRefused("failed", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    log.warn({ provider: slug.slice(0, 40), reason: refused.reason, why: refused.why }, "sign-in refused");
    const provider = await prisma.identityProvider.findUnique({ where: { slug }, select: { municipalityId: true } }).catch(() => null);
    await recordAudit(prisma, {
      action: "auth.login_failed",
      municipalityId: provider?.municipalityId,
      details: { provider: slug.slice(0, 40), reason: refused.reason },
      meta: input.meta,
    });
    throw refused;
  }
}

async function finish(prisma: PrismaClient, slug: string, { currentUrl, stateCookie, meta }: FinishInput) {
  const provider = await enabledProvider(prisma, slug);
  const params = currentUrl.searchParams;
  const error = params.get("error");
  if (error) throw new SignInRefused(error === "access_denied" ? "cancelled" : "failed", `provider answered ${error.slice(0, 60)}`);
  const state = params.get("state");
  if (!state || !stateCookie || state !== stateCookie) throw new SignInRefused("failed", "state does not match the browser's cookie");
  // Used once: of two callbacks with the same state, one gets the row.
  const login = await prisma.oidcLogin.findUnique({ where: { id: stateId(state) } });
  const { count } = await prisma.oidcLogin.deleteMany({ where: { id: stateId(state) } });
  if (!login || count !== 1) throw new SignInRefused("failed", "unknown or used state");
  if (login.providerId !== provider.id) throw new SignInRefused("failed", "state belongs to another provider");
  if (login.expiresAt.getTime() < Date.now()) throw new SignInRefused("failed", "sign-in took too long");

  const config = await configurationOf(provider);
  let tokens;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (cause) {
    // The library's message names the check that failed (nonce, issuer, expiry); it holds no token.
    throw new SignInRefused("failed", `token check failed: ${cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : String(cause)}`);
  }
  const raw = tokens.claims();
  if (!raw) throw new SignInRefused("failed", "no ID token");
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) throw new SignInRefused("failed", "ID token claims have an unexpected shape");
  const claims = parsed.data;
  const acceptable = acceptableAcr(provider.acrValues, provider.requiredAcr);
  if (acceptable && !acceptable.includes(claims.acr ?? "")) throw new SignInRefused("lowAssurance", `acr ${String(claims.acr).slice(0, 60)} is below ${provider.requiredAcr}`);

  const pidClaim = raw[provider.identityClaim];
  let pid: string | null = null;
  if (typeof pidClaim === "string") {
    const number = parseIdentityNumber(pidClaim, { allowSynthetic: allowSyntheticNumbers() });
    if (!number.ok) throw new SignInRefused("noIdentity", `identity claim is not a valid number (${number.problem})`);
    pid = number.number.value;
  }
  if (provider.kind === "RESIDENT" && !pid) throw new SignInRefused("noIdentity", `no ${provider.identityClaim} claim`);
  const roleClaim = provider.roleClaim ? raw[provider.roleClaim] : undefined;
  // The provider's tokens end here: nothing of them is stored.

  // Not write(): the actor is found or made in this transaction, so there is nobody to check a
  // policy for beforehand. It records through write()'s own core (recordChange): one auth.login
  // row whose details say what the sign-in did (created, bound, rolesChanged) (decision 015).
  const { token, session, committed, ended, redirectTo } = await prisma.$transaction(async (tx) => {
    const person = await findOrMakePerson(tx, provider, { subject: claims.sub, pid, claims, roleClaim });
    const { token, session } = await createSession(tx, person.user.id, meta, new Date(), provider.id);
    // New roles from the provider: the person's other sessions (and their sockets and texts) carry
    // the old ones, so they end, as when the administrator changes roles (decision 016).
    const ended = person.changes.rolesChanged
      ? (await tx.session.findMany({ where: { userId: person.user.id, id: { not: session.id } }, select: { id: true } })).map((s) => s.id)
      : [];
    if (ended.length) await invalidateUserSessions(tx, person.user.id, session.id);
    const actor = sessionUserOf(person.user, session.id);
    const committed = await recordChange(tx, {
      action: "auth.login",
      actor,
      meta,
      municipalityId: provider.municipalityId,
      planId: null,
      planRole: null,
      meetingId: null,
      caseId: null,
      target: null,
      details: { provider: provider.slug, ...(claims.acr ? { acr: claims.acr } : {}), ...person.changes },
    });
    return { token, session, committed, ended, redirectTo: login.redirectTo };
  });
  publish(committed);
  if (ended.length) events.emit("auth.sessionsEnded", { userId: committed.event.actorId, sessionIds: ended });
  return { token, expiresAt: session.expiresAt, redirectTo };
}

interface Found {
  user: Awaited<ReturnType<typeof loadUser>> & object;
  changes: { created?: true; bound?: true; rolesChanged?: true; casesLinked?: number };
}

function loadUser(tx: Tx, where: { id: string } | { email: string } | { municipalityId_identityHash: { municipalityId: string; identityHash: string } }) {
  return tx.user.findUnique({ where, include: { roles: true, municipality: { select: { name: true } } } });
}

type Provider = Awaited<ReturnType<typeof enabledProvider>>;

/**
 * The person behind the claims, in the provider's municipality: by an earlier binding to this
 * provider's subject, else by identity number, else (staff only) by a verified e-mail address;
 * a resident nobody knows yet gets an account, as does staff whose claim maps to a role.
 */
async function findOrMakePerson(
  tx: Tx,
  provider: Provider,
  input: { subject: string; pid: string | null; claims: z.infer<typeof claimsSchema>; roleClaim: unknown },
): Promise<Found> {
  const changes: Found["changes"] = {};
  const municipalityId = provider.municipalityId;
  const bound = await tx.userIdentity.findUnique({ where: { providerId_subject: { providerId: provider.id, subject: input.subject } } });
  let user = bound ? await loadUser(tx, { id: bound.userId }) : null;
  if (!user && input.pid) user = await loadUser(tx, { municipalityId_identityHash: { municipalityId, identityHash: identityHash(input.pid) } });
  const email = input.claims.email?.toLowerCase();
  // By e-mail only when the provider vouches for it (email_verified: true; many never send the
  // claim), only staff accounts, and only one not yet bound at this provider: an address alone
  // must never hand a resident's, or a bound colleague's, account to a new subject.
  if (!user && provider.kind === "STAFF" && email && input.claims.email_verified === true) {
    const byEmail = await loadUser(tx, { email });
    const staff = byEmail?.roles.some((r) => STAFF_ROLES.includes(r.role));
    const boundHere = byEmail ? await tx.userIdentity.count({ where: { userId: byEmail.id, providerId: provider.id } }) : 0;
    if (byEmail && byEmail.municipalityId === municipalityId && staff && boundHere === 0) user = byEmail;
  }
  const staffRoles = provider.kind === "STAFF" && provider.roleClaim ? mappedRoles(input.roleClaim, provider.roleMap) : [];

  if (!user) {
    if (provider.kind === "STAFF" && staffRoles.length === 0) throw new SignInRefused("noRole", "no mapped role for a new staff member");
    const name = input.claims.name ?? ([input.claims.given_name, input.claims.family_name].filter(Boolean).join(" ") || "Innbygger");
    const emailFree = email && !(await tx.user.findUnique({ where: { email }, select: { id: true } }));
    const created = await tx.user.create({
      data: {
        municipalityId,
        name,
        email: provider.kind === "STAFF" && emailFree ? email : null,
        ...(input.pid ? protectIdentityNumber(input.pid) : {}),
        roles: { create: (provider.kind === "STAFF" ? staffRoles : (["USER"] as Role[])).map((role) => ({ role })) },
      },
    });
    user = await loadUser(tx, { id: created.id });
    changes.created = true;
  }
  if (!user) throw new SignInRefused("failed", "person vanished");
  if (user.municipalityId !== municipalityId) throw new SignInRefused("otherPerson", "bound to a person of another municipality");
  if (!user.active) throw new SignInRefused("deactivated", "the account is deactivated");
  if (input.pid) {
    const hash = identityHash(input.pid);
    if (user.identityHash && user.identityHash !== hash) throw new SignInRefused("otherPerson", "identity number differs from the account's");
    if (!user.identityHash) {
      await tx.user.update({ where: { id: user.id }, data: protectIdentityNumber(input.pid) });
      changes.bound = true;
    }
  }

  // A staff provider with a role mapping decides the roles it can name; the others stay as administered.
  if (provider.kind === "STAFF" && provider.roleClaim && !changes.created) {
    const managed = new Set(mappedRoles(Object.keys(z.record(z.string(), z.unknown()).parse(provider.roleMap ?? {})), provider.roleMap));
    const current = user.roles.map((r) => r.role);
    const next = new Set([...current.filter((r) => !managed.has(r)), ...staffRoles]);
    if (next.size === 0) throw new SignInRefused("noRole", "no role left after the provider's claim");
    const remove = current.filter((r) => !next.has(r));
    const add = [...next].filter((r) => !current.includes(r));
    if (remove.length || add.length) {
      await tx.userRole.deleteMany({ where: { userId: user.id, role: { in: remove } } });
      if (add.length) await tx.userRole.createMany({ data: add.map((role) => ({ userId: user!.id, role })) });
      changes.rolesChanged = true;
    }
  }

  // Cases sent in by identity number before the person existed are theirs from now on: they find
  // them at once in "Mine saker".
  if (input.pid) {
    const { count } = await tx.case.updateMany({
      where: { municipalityId, subjectIdentityHash: identityHash(input.pid), subjectUserId: null },
      data: { subjectUserId: user.id },
    });
    if (count) changes.casesLinked = count;
  }

  if (bound) await tx.userIdentity.update({ where: { id: bound.id }, data: { lastUsedAt: new Date() } });
  else {
    await tx.userIdentity.create({ data: { userId: user.id, providerId: provider.id, subject: input.subject } });
    changes.bound = true;
  }
  await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  const fresh = await loadUser(tx, { id: user.id });
  return { user: fresh!, changes };
}

/** Where to send the browser to end the session at the provider too, or null. */
export async function providerSignOutUrl(prisma: PrismaClient, providerId: string | null, postLogoutRedirectUri: string): Promise<string | null> {
  if (!providerId) return null;
  const provider = await prisma.identityProvider.findUnique({ where: { id: providerId } });
  if (!provider?.enabled) return null;
  try {
    const config = await configurationOf(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { client_id: provider.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).toString();
  } catch (error) {
    log.warn({ err: error, provider: provider.slug }, "provider sign-out unavailable");
    return null;
  }
}
