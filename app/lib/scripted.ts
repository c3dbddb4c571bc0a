import { createContext } from "react";

// Whether the browser runs the portal's JavaScript, told by a cookie that a line of script in
// every page sets (decision 034). A browser that does gets a closed part's content (mostly forms
// nobody has opened) only when it is opened; one that does not, or has not said so yet, gets
// everything at once, as before.

export const SCRIPTED_COOKIE = "ip_js";

/** The line in every page's head that says so for the next request. */
export const SCRIPTED_SCRIPT = `document.cookie="${SCRIPTED_COOKIE}=1; path=/; max-age=31536000; samesite=lax"`;

export function isScripted(cookieHeader: string | undefined): boolean {
  return new RegExp(`(?:^|;\\s*)${SCRIPTED_COOKIE}=1(?:;|$)`).test(cookieHeader ?? "");
}

/** True when closed parts are drawn on opening (the root sets it from the cookie). */
export const DeferClosedContext = createContext(false);
