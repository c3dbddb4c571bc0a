import { json, type AppLoadContext } from "@remix-run/node";
import type { Role } from "./roles.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KE: Role[] = ["KE_LEADER", "KE_CASE_OFFICER"];

/** The plan id from the address; anything else is a page that does not exist. */
export function planIdFrom(params: { planId?: string }): string {
  if (!params.planId || !UUID.test(params.planId)) throw json({ message: "not found" }, { status: 404 });
  return params.planId;
}

export function hasRole(context: AppLoadContext, ...roles: Role[]): boolean {
  return Boolean(context.user?.roles.some((r) => roles.includes(r as Role)));
}

/** Who may appoint coordinators: the coordinating unit, and unit leaders (their own unit's). */
export function mayAppointCoordinators(context: AppLoadContext): boolean {
  return hasRole(context, ...KE) || (hasRole(context, "UNIT_LEADER") && Boolean(context.user?.leadsUnitId));
}

/** A part of the page that is only a help: if it fails, the page still works without it. */
export async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}
