import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createMunicipality, createUser } from "../../prisma/factories.ts";
import { signIn, startServer } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

function open(cookie?: string) {
  const socket = connect(server!.origin, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

/** How the connection ended up; a socket that connected before anyone asked is "connected" too. */
const outcome = (socket: Socket) =>
  new Promise<string>((resolve) => {
    if (socket.connected) return resolve("connected");
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(`refused: ${error.message}`));
  });

describe("socket.io authentication", () => {
  it("refuses a connection without a valid session cookie", async () => {
    server = await startServer(t.db);
    expect(await outcome(open())).toBe("refused: unauthorized");
    expect(await outcome(open("ip_session=" + "a".repeat(32)))).toBe("refused: unauthorized");
  });

  it("accepts a signed-in person and drops the connection when they log out", async () => {
    const municipality = await createMunicipality(t.db.prisma);
    const user = await createUser(t.db.prisma, { municipalityId: municipality.id, roles: ["COORDINATOR"] });
    const { token, caller } = await signIn(t.db, user.id);
    server = await startServer(t.db);
    const socket = open(`ip_session=${token}`);
    expect(await outcome(socket)).toBe("connected");
    const dropped = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    await caller.auth.logout();
    expect(await dropped).toBe("io server disconnect");
  });
});

describe("live dashboard", () => {
  it("pings the municipality when a case arrives, and nobody elsewhere", async () => {
    const { createPlanWorld } = await import("./plan-world.ts");
    const { createSession } = await import("../../server/auth/sessions.ts");
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const here = open(`ip_session=${(await createSession(t.db.prisma, w.people.keLeader.id)).token}`);
    const hereConnected = outcome(here);
    const away = open(`ip_session=${(await createSession(t.db.prisma, w.people.away.id)).token}`);
    // Listened for at once: under load the second can connect while the first is awaited.
    const awayConnected = outcome(away);
    expect(await hereConnected).toBe("connected");
    expect(await awayConnected).toBe("connected");
    let awayPings = 0;
    away.on("dashboard:changed", () => awayPings++);
    const pinged = new Promise<void>((resolve) => here.once("dashboard:changed", () => resolve()));
    await w.callers.owner.case.create({ type: "COMPLAINT", description: "Klage" });
    await pinged;
    // The other municipality's own case pings it; messages on one connection arrive in order, so
    // a leaked ping from the first case would have come before this one.
    const awayPinged = new Promise<void>((resolve) => away.once("dashboard:changed", () => resolve()));
    await w.callers.away.case.create({ type: "COMPLAINT", channel: "PHONE", subjectName: "Noen", description: "Klage" });
    await awayPinged;
    expect(awayPings).toBe(1);
  });
});
