import { isOneOf, type Role } from "../../app/domain/schemas.ts";
import type { SessionUser } from "./sessions.ts";

export function hasAnyRole(user: Pick<SessionUser, "roles">, roles: readonly Role[]): boolean {
  return user.roles.some((role) => isOneOf(roles, role));
}
