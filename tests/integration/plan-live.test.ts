import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { startServer } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

// Live plans over socket.io: two real clients, the real server, the real database.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

async function client(w: PlanWorld, who: Who) {
  const { token } = await createSession(t.db.prisma, w.people[who].id);
  const socket = connect(server!.origin, { transports: ["websocket"], extraHeaders: { cookie: `ip_session=${token}` }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const join = (socket: Socket, planId: string) => socket.emitWithAck("plan:join", planId) as Promise<{ ok: boolean }>;
const next = <T>(socket: Socket, event: string, where: (payload: T) => boolean = () => true) =>
  new Promise<T>((resolve) => {
    const handler = (payload: T) => {
      if (!where(payload)) return;
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });

describe("live plan rooms", () => {
  it("only people with access may join; a join does not tell outsiders the plan exists", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    expect(await join(await client(w, "coordinator"), w.plan.id)).toEqual({ ok: true });
    expect(await join(await client(w, "relativeWithoutConsent"), w.plan.id)).toEqual({ ok: false });
    expect(await join(await client(w, "away"), w.plan.id)).toEqual({ ok: false });
    expect(await join(await client(w, "staffOutside"), w.plan.id)).toEqual({ ok: false });
    expect(await join(await client(w, "staffOutside"), "not-a-plan-id")).toEqual({ ok: false });
  });

  it("shows who is on the plan now, and delivers a change made by one to the other", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const owner = await client(w, "owner");
    const coordinator = await client(w, "coordinator");
    await join(owner, w.plan.id);
    const presence = next<{ people: { name: string }[] }>(owner, "plan:presence", (p) => p.people.length === 2);
    await join(coordinator, w.plan.id);
    expect((await presence).people.map((p) => p.name).sort()).toEqual(["Ingrid Koordinator", "Kari Eier"]);

    const changed = next<{ entity: string; entityId: string; actorId: string }>(owner, "plan:changed");
    const { version } = await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } });
    await w.callers.coordinator.goal.update({ goalId: w.goal.id, version, changes: { status: "ACHIEVED" } });
    expect(await changed).toMatchObject({ entity: "goal", entityId: w.goal.id, actorId: w.people.coordinator.id });
  });

  it("takes a participant out of the room the moment consent is withdrawn", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const relative = await client(w, "relativeWithConsent");
    expect(await join(relative, w.plan.id)).toEqual({ ok: true });
    const revoked = next<{ planId: string }>(relative, "plan:revoked");
    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { userId: w.people.relativeWithConsent.id } });
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
    expect(await revoked).toEqual({ planId: w.plan.id });
    // And no further changes reach it.
    let leaked = false;
    relative.on("plan:changed", () => (leaked = true));
    const ownerSocket = await client(w, "owner");
    await join(ownerSocket, w.plan.id);
    const seenByOwner = next(ownerSocket, "plan:changed");
    await w.callers.owner.log.create({ planId: w.plan.id, body: "etter tilbaketrekking" });
    await seenByOwner;
    expect(leaked).toBe(false);
  });

  it("takes a participant out when their consent period ends", async () => {
    const w = await createPlanWorld(t.db);
    const staff = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { userId: w.people.staffInGroup.id } });
    await t.db.prisma.participantConsent.updateMany({ where: { participantId: staff.id }, data: { validTo: new Date(Date.now() + 1500) } });
    server = await startServer(t.db);
    const socket = await client(w, "staffInGroup");
    const revoked = next(socket, "plan:revoked");
    expect(await join(socket, w.plan.id)).toEqual({ ok: true });
    expect(await revoked).toEqual({ planId: w.plan.id });
  });
});
