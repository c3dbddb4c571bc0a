import type { Database } from "../../server/db/database.ts";
import type { Role } from "../../server/db/generated/enums.ts";
import { createApp } from "../../server/app.ts";
import { createSession, validateSessionToken } from "../../server/auth/sessions.ts";
import { parseEnv } from "../../server/env.ts";
import { createCaller } from "../../server/router.ts";
import { createContextInner } from "../../server/trpc/context.ts";
import { createMunicipality, createUser, type UserSpec } from "../../prisma/factories.ts";

/** A signed-in person: a real session row, resolved the way the server resolves cookies. */
export async function signIn(db: Database, userId: string) {
  const { token } = await createSession(db.prisma, userId, { ip: "127.0.0.1", userAgent: "vitest" });
  const auth = await validateSessionToken(db.prisma, token);
  if (!auth) throw new Error("session did not validate");
  const caller = createCaller(createContextInner({ db, auth, meta: { ip: "127.0.0.1", userAgent: "vitest" } }));
  return { token, auth, caller };
}

export function anonymousCaller(db: Database, ip = "127.0.0.1") {
  return createCaller(createContextInner({ db, meta: { ip, userAgent: "vitest" } }));
}

/** A municipality with one person per role (and a unit), for allow/deny tables. */
export async function createMunicipalityWithRoles(db: Database) {
  const municipality = await createMunicipality(db.prisma);
  const unit = await db.prisma.unit.create({ data: { municipalityId: municipality.id, name: "Hjemmetjenesten" } });
  const make = (roles: Role[], extra: Partial<UserSpec> = {}) =>
    createUser(db.prisma, { municipalityId: municipality.id, roles, ...extra });
  const people = {
    user: await make(["USER"]),
    relative: await make(["RELATIVE"]),
    staff: await make(["STAFF"], { unitId: unit.id }),
    coordinator: await make(["COORDINATOR"], { unitId: unit.id }),
    caseOfficer: await make(["KE_CASE_OFFICER"]),
    keLeader: await make(["KE_LEADER"]),
    unitLeader: await make(["UNIT_LEADER"], { unitId: unit.id, leadsUnitId: unit.id }),
    admin: await make(["ADMIN"]),
  };
  return { municipality, unit, people };
}

/** The full HTTP server (API, socket.io, health; no Remix build) on a free port. */
export async function startServer(db: Database, env: Record<string, string> = {}) {
  const portal = await createApp({ env: parseEnv({ PORT: "0", ...env }), db });
  const port = await portal.listen(0, "127.0.0.1");
  const origin = `http://127.0.0.1:${port}`;
  return { ...portal, port, origin };
}
