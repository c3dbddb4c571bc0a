import type { AppLoadContext } from "@remix-run/node";
import { isOneOf, KE_ROLES, type Role } from "../domain/schemas.ts";

export function hasRole(context: AppLoadContext, ...roles: Role[]): boolean {
  return Boolean(context.user?.roles.some((r) => isOneOf(roles, r)));
}

/** Who may appoint coordinators: the coordinating unit, and unit leaders (their own unit's). */
export function mayAppointCoordinators(context: AppLoadContext): boolean {
  return hasRole(context, ...KE_ROLES) || (hasRole(context, "UNIT_LEADER") && Boolean(context.user?.leadsUnitId));
}

/** A part of the page that is only a help: if it fails, the page still works without it. */
export async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}
