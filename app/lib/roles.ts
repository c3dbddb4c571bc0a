import { KE_ROLES, STAFF_ROLES, type Role } from "../domain/lists.ts";

// Which pages each role has, and where each lands after signing in. UI-only knowledge.

export interface NavItem {
  to: string;
  labelKey: string;
  roles: readonly Role[];
}

// Also the order of precedence for the start page of a person with several roles.
export const NAV_ITEMS: NavItem[] = [
  { to: "/ke", labelKey: "nav.keOverview", roles: KE_ROLES },
  { to: "/mine-planer", labelKey: "nav.myPlans", roles: [...STAFF_ROLES, "RELATIVE"] },
  { to: "/enhet", labelKey: "nav.myUnit", roles: ["UNIT_LEADER"] },
  { to: "/admin", labelKey: "nav.admin", roles: ["ADMIN"] },
  { to: "/min-plan", labelKey: "nav.myPlan", roles: ["USER"] },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}

// Pages in the menu that are never a start page; each goes right after the first page in `after`
// that the person has (or last, if none).
export const EXTRA_NAV_ITEMS: (NavItem & { after: string | string[] })[] = [
  { to: "/saker", labelKey: "nav.cases", roles: KE_ROLES, after: "/ke" },
  { to: "/ke/sok", labelKey: "search.nav", roles: KE_ROLES, after: "/saker" },
  { to: "/mine-tiltak", labelKey: "nav.myMeasures", roles: STAFF_ROLES, after: "/mine-planer" },
  { to: "/moter", labelKey: "meetings.nav", roles: [...STAFF_ROLES, "RELATIVE"], after: ["/mine-tiltak", "/mine-planer"] },
  { to: "/mine-saker", labelKey: "nav.myCases", roles: ["USER", "RELATIVE"], after: ["/min-plan", "/mine-tiltak", "/mine-planer"] },
];

/** The whole menu for a person: their pages (start page first) and the extra pages. */
export function menuFor(roles: readonly Role[]): NavItem[] {
  const items = navFor(roles);
  for (const extra of EXTRA_NAV_ITEMS) {
    if (!extra.roles.some((role) => roles.includes(role))) continue;
    const afters = Array.isArray(extra.after) ? extra.after : [extra.after];
    const at = afters.map((after) => items.findIndex((item) => item.to === after)).find((index) => index !== -1) ?? -1;
    const { after: _after, ...item } = extra;
    items.splice(at === -1 ? items.length : at + 1, 0, item);
  }
  return items;
}

export function startPathFor(roles: readonly Role[]): string {
  // A relative who is not also staff or service user lands on the plans they follow.
  return navFor(roles)[0]?.to ?? "/konto";
}

/**
 * Only same-site paths: never redirect to another host after login. The address is read the way
 * a browser reads it (tabs and line breaks dropped, backslashes as slashes), so "/\t/evil" or
 * "/\\evil" cannot turn into another host; control characters are refused outright, and what is
 * returned is the parsed path, never the raw text.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
