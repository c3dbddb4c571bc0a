import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { io } from "socket.io-client";

const THROTTLE_MS = 2000;

/** Reloads the dashboard's figures when cases or plans in the municipality change (at most every 2 s). */
export function useLiveDashboard() {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });
  useEffect(() => {
    const socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on("dashboard:changed", () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        revalidate.current();
      }, THROTTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      socket.off("dashboard:changed");
      socket.disconnect();
    };
  }, []);
}
