import { io, type Socket } from "socket.io-client";

/**
 * The page's socket.io connection to the portal. When the server could not check the session
 * (its database was away: "unavailable"), socket.io gives up on the connection; it is tried
 * again here with backoff. A refused session ("unauthorized") is not retried.
 */
export function openPortalSocket<S extends Socket = Socket>() {
  const socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = 2_000;
  socket.on("connect", () => (delay = 2_000));
  socket.on("connect_error", (error) => {
    if (socket.active || error.message !== "unavailable") return;
    retry = setTimeout(() => socket.connect(), delay);
    delay = Math.min(delay * 2, 30_000);
  });
  return {
    socket: socket as unknown as S,
    close() {
      clearTimeout(retry);
      socket.disconnect();
    },
  };
}
