import type { Role } from "../db/generated/enums.ts";
import type { SessionUser } from "./sessions.ts";

export const KE_ROLES: readonly Role[] = ["KE_CASE_OFFICER", "KE_LEADER"];

export function hasAnyRole(user: Pick<SessionUser, "roles">, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
