import type { Server, Socket } from "socket.io";
import { USER_SIDE_AND_KE_ONLY } from "../../app/domain/audit-actions.ts";
import { isUuid } from "../../app/domain/ids.ts";
import type { Database } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { events } from "../events.ts";
import { LIMITS, RateLimiter } from "../http/limits.ts";
import { resolvePlanAccess } from "../plans/access.ts";
import { recordRead } from "../records/read.ts";
import type { SocketData } from "./socket.ts";

// Live plans: a socket joins the room `plan:<id>` after the same access check as the plan's
// procedures; it then gets every change to that plan and the list of who else is there.
// Losing access (consent withdrawn, removed, consent period over) takes it out of the room at once.

export interface PresentPerson {
  id: string;
  name: string;
}

export interface PlanServerEvents {
  "plan:changed": (event: { planId: string; municipalityId: string; entity: string; entityId: string | null; actorId: string; action: string }) => void;
  "plan:presence": (event: { planId: string; people: PresentPerson[] }) => void;
  "plan:revoked": (event: { planId: string }) => void;
  notification: (event: { id: string; title: string; link: string | null }) => void;
  "dashboard:changed": () => void;
}

export interface PlanClientEvents {
  "plan:join": (planId: string, ack: (result: { ok: boolean }) => void) => void;
  "plan:leave": (planId: string) => void;
}

type PlanSocket = Socket<PlanClientEvents, PlanServerEvents, Record<string, never>, SocketData>;
type PlanServer = Server<PlanClientEvents, PlanServerEvents, Record<string, never>, SocketData>;

const room = (planId: string) => `plan:${planId}`;
// setTimeout cannot wait longer than about 24.8 days; a longer consent is re-checked then.
const MAX_TIMER_MS = 2 ** 31 - 1;
const RETRY_MS = 5_000;

export function attachPlanRooms(io: PlanServer, db: Database) {
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  // Each join is an access check (and for the coordinating unit a read row): a session joins only so many.
  const joins = new RateLimiter(LIMITS.roomJoins.perSession);
  const timerKey = (socket: PlanSocket, planId: string) => `${socket.id}:${planId}`;

  /** The sockets in a room on every instance; this instance's alone when the others cannot be asked in time. */
  const socketsIn = (name: string) =>
    io
      .in(name)
      .fetchSockets()
      .catch(() => io.local.in(name).fetchSockets());

  /** Tells the room who is there. */
  async function broadcastPresence(planId: string) {
    const sockets = await socketsIn(room(planId));
    const people = new Map<string, PresentPerson>();
    for (const s of sockets) people.set(s.data.user.id, { id: s.data.user.id, name: s.data.user.name });
    io.to(room(planId)).emit("plan:presence", { planId, people: [...people.values()] });
  }

  async function evict(socket: PlanSocket, planId: string) {
    clearTimeout(expiryTimers.get(timerKey(socket, planId)));
    expiryTimers.delete(timerKey(socket, planId));
    if (!socket.rooms.has(room(planId))) return;
    await socket.leave(room(planId));
    socket.emit("plan:revoked", { planId });
    await broadcastPresence(planId);
  }

  /** Checks access again now; takes the socket out when it is gone, else waits for the next end date. */
  async function recheck(socket: PlanSocket, planId: string) {
    try {
      const access = await resolvePlanAccess(db.prisma, socket.data.user, planId);
      scheduleExpiry(socket, planId, access.expiresAt);
    } catch (error) {
      // The database being away says nothing about access: ask again in a moment.
      if (isDatabaseUnavailable(error)) scheduleExpiry(socket, planId, new Date(Date.now() + RETRY_MS));
      else await evict(socket, planId);
    }
  }

  /**
   * Access to follow the plan live. The room carries who is there and what changed, not the
   * content; members' page views are in the log already, but the coordinating unit's joining is
   * recorded with its purpose, as it is no member.
   */
  async function joinAccess(socket: PlanSocket, planId: string) {
    return db.prisma.$transaction(async (tx) => {
      const access = await resolvePlanAccess(tx, socket.data.user, planId);
      if (access.role === "AUDITOR") {
        await recordRead(tx, {
          action: "plan.live.join",
          actorId: socket.data.user.id,
          municipalityId: access.municipalityId,
          planId,
          planRole: access.role,
          target: { type: "plan", id: planId },
          purpose: access.purpose ?? undefined,
          meta: socket.data.meta,
        });
      }
      return access;
    });
  }

  function scheduleExpiry(socket: PlanSocket, planId: string, expiresAt: Date | null) {
    clearTimeout(expiryTimers.get(timerKey(socket, planId)));
    if (!expiresAt) return;
    const delay = Math.min(Math.max(expiresAt.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS);
    expiryTimers.set(
      timerKey(socket, planId),
      setTimeout(() => void recheck(socket, planId), delay),
    );
  }

  io.on("connection", (socket: PlanSocket) => {
    socket.on("plan:join", async (planId, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!isUuid(planId) || !joins.take(socket.data.sessionId)) return reply({ ok: false });
      try {
        const access = await joinAccess(socket, planId);
        await socket.join(room(planId));
        scheduleExpiry(socket, planId, access.expiresAt);
        reply({ ok: true });
        await broadcastPresence(planId);
      } catch {
        reply({ ok: false });
      }
    });
    socket.on("plan:leave", async (planId) => {
      if (typeof planId !== "string" || !socket.rooms.has(room(planId))) return;
      clearTimeout(expiryTimers.get(timerKey(socket, planId)));
      await socket.leave(room(planId));
      await broadcastPresence(planId);
    });
    socket.on("disconnecting", () => {
      const planIds = [...socket.rooms].filter((r) => r.startsWith("plan:")).map((r) => r.slice(5));
      for (const planId of planIds) clearTimeout(expiryTimers.get(timerKey(socket, planId)));
      // After the socket has left its rooms, tell the others.
      setImmediate(() => planIds.forEach((planId) => void broadcastPresence(planId)));
    });
  });

  const unsubscribe = [
    events.on("changed", (event) => {
      // Co-edited texts reach the others live through the co-editing server, not by reloading.
      // A request for another coordinator is for the coordinating unit: the group is not told.
      if (!event.planId || event.action === "plan.text.edit" || USER_SIDE_AND_KE_ONLY.includes(event.action)) return;
      io.to(room(event.planId)).emit("plan:changed", {
        planId: event.planId,
        municipalityId: event.municipalityId,
        entity: event.target?.type ?? "plan",
        entityId: event.target?.id ?? null,
        actorId: event.actorId,
        action: event.action,
      });
    }),
    events.on("plan.accessRevoked", ({ planId, userId }) => {
      void (async () => {
        // Sockets on instances that cannot be asked now are checked when Redis is back (recheckSocket).
        const sockets = await socketsIn(`user:${userId}`);
        for (const remote of sockets) {
          if (!remote.rooms.has(room(planId))) continue;
          // The access that remains (say, read instead of edit) is re-checked; none left: out.
          const local = io.sockets.sockets.get(remote.id);
          if (local) await recheck(local, planId);
          else {
            try {
              await resolvePlanAccess(db.prisma, remote.data.user, planId);
            } catch {
              remote.leave(room(planId));
              remote.emit("plan:revoked", { planId });
            }
          }
        }
      })();
    }),
  ];

  return {
    /** Checks again every plan this socket of this instance follows. */
    async recheckSocket(socket: PlanSocket) {
      const planIds = [...socket.rooms].filter((r) => r.startsWith("plan:")).map((r) => r.slice(5));
      for (const planId of planIds) await recheck(socket, planId);
    },
    detach() {
      unsubscribe.forEach((off) => off());
      expiryTimers.forEach((timer) => clearTimeout(timer));
      expiryTimers.clear();
    },
  };
}
