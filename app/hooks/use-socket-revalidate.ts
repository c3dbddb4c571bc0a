import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { openPortalSocket } from "../lib/portal-socket.ts";

/**
 * Reloads the page's data when the server sends `event` on the portal's socket, at most once per
 * `throttleMs`. socket.io-client shares one connection between all such hooks on a page.
 */
export function useSocketRevalidate(event: "notification" | "dashboard:changed", throttleMs = 0) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });
  useEffect(() => {
    const { socket, close } = openPortalSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on(event, () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        revalidate.current();
      }, throttleMs);
    });
    return () => {
      clearTimeout(timer);
      socket.off(event);
      close();
    };
  }, [event, throttleMs]);
}
