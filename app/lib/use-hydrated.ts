import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False while the server draws the page and during hydration; true once JavaScript runs. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
