import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { io } from "socket.io-client";

/**
 * Reloads the page's data when a notification arrives for the signed-in person, so the count in
 * the header (and an open /varsler) is current. socket.io-client shares one connection between
 * this and the plan's live connection.
 */
export function useLiveNotifications() {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });
  useEffect(() => {
    const socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
    socket.on("notification", () => revalidate.current());
    return () => {
      socket.off("notification");
      socket.disconnect();
    };
  }, []);
}
