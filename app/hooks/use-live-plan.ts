import { useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { openPortalSocket } from "../lib/portal-socket.ts";

export interface PresentPerson {
  id: string;
  name: string;
}

interface ServerEvents {
  "plan:changed": (event: { planId: string; entity: string; entityId: string | null; actorId: string; action: string }) => void;
  "plan:presence": (event: { planId: string; people: PresentPerson[] }) => void;
  "plan:revoked": (event: { planId: string }) => void;
}

interface ClientEvents {
  "plan:join": (planId: string, ack: (result: { ok: boolean }) => void) => void;
  "plan:leave": (planId: string) => void;
}

/** How long to gather changes that come together before reloading the page's data once. */
const SETTLE_MS = 150;

/**
 * Keeps an open plan live: joins the plan's room, tells who else has it open (not counting
 * the viewer), reloads the page's data when someone else changes the plan, and leaves for
 * `endedPath` when the viewer's access ends.
 *
 * Reloading the data never takes away what someone is typing: fields being edited keep the
 * person's text (see usePlanForm and useAutosave), so a change elsewhere only updates the rest.
 */
export function useLivePlan(planId: string, viewerId: string, endedPath: string) {
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [others, setOthers] = useState<PresentPerson[]>([]);
  const [connected, setConnected] = useState(false);
  const latest = useRef({ revalidate: revalidator.revalidate, navigate });
  useEffect(() => {
    latest.current = { revalidate: revalidator.revalidate, navigate };
  });

  useEffect(() => {
    const { socket, close } = openPortalSocket<Socket<ServerEvents, ClientEvents>>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const join = () => {
      socket.emit("plan:join", planId, (result) => setConnected(Boolean(result?.ok)));
    };
    socket.on("connect", join);
    socket.on("disconnect", () => setConnected(false));
    socket.on("plan:presence", (event) => {
      if (event.planId !== planId) return;
      setOthers(event.people.filter((p) => p.id !== viewerId));
    });
    socket.on("plan:changed", (event) => {
      if (event.planId !== planId || event.actorId === viewerId) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current.revalidate(), SETTLE_MS);
    });
    socket.on("plan:revoked", (event) => {
      if (event.planId !== planId) return;
      latest.current.navigate(endedPath, { replace: true });
    });
    return () => {
      clearTimeout(timer);
      if (socket.connected) socket.emit("plan:leave", planId);
      close();
    };
  }, [planId, viewerId, endedPath]);

  return { others, connected };
}
