import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { io } from "socket.io-client";

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
    const socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
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
      socket.disconnect();
    };
  }, [event, throttleMs]);
}
