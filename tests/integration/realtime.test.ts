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

const outcome = (socket: Socket) =>
  new Promise<string>((resolve) => {
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
