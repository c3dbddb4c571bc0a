import { createContext, useContext, useEffect, useRef, useState, type SyntheticEvent } from "react";

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

/**
 * Whether a folded part (`<details>`) draws its content: always where closed parts are not
 * deferred, else once it has been opened (its first `toggle`, or found open when the page's
 * JavaScript took over), and from then on. `defer` false draws it always. Give `ref` and
 * `onToggle` to the `<details>`.
 */
export function useDrawnOnOpening(defer = true) {
  const deferred = useContext(DeferClosedContext) && defer;
  const [opened, setOpened] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  // Opened before the page's JavaScript took over: no toggle event will come.
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) setOpened(true);
  };
  return { ref, drawn: !deferred || opened, onToggle };
}
