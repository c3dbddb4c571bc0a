import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TEST_PASSWORD } from "../../prisma/factories.ts";
import { createSession, SESSION_COOKIE } from "../../server/auth/sessions.ts";
import { readMigrations } from "../../server/db/migrate.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { signIn, startServer } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// One test (or a few) per finding of the security review: each proves the fix, and each fails
// against the behaviour the review found.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const clients: TextClient[] = [];
const sockets: Socket[] = [];
const raws: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of sockets.splice(0)) s.disconnect();
  for (const r of raws.splice(0)) r.terminate();
  await server?.close();
  server = undefined;
});

const PURPOSE = "Tilsyn etter klage på manglende oppfølging";

function text(token: string, name: string) {
  const client = openText(server!.origin, token, name);
  clients.push(client);
  return client;
}
async function textOf(w: PlanWorld, who: Who, name: string) {
  const { token } = await createSession(t.db.prisma, w.people[who].id);
  return text(token, name);
}
const authenticated = (c: TextClient) => until(() => c.state.scope !== null || c.state.failed !== null, "authentication answer");
const synced = (c: TextClient) => until(() => c.provider.isSynced, "first sync");
const connectionsOf = (userId: string) =>
  [...server!.collab.hocuspocus.documents.values()].flatMap((d) => d.getConnections()).filter((c) => c.context.user.id === userId);

function live(token: string, origin: string | null = server!.origin) {
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${token}` };
  if (origin) headers.origin = origin;
  const socket = connect(server!.origin, { path: "/socket.io", transports: ["websocket"], extraHeaders: headers, reconnection: false });
  sockets.push(socket);
  return socket;
}
const outcome = (socket: Socket) =>
  new Promise<string>((resolve) => {
    if (socket.connected) return resolve("connected");
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(`refused: ${error.message}`));
  });
const join = (socket: Socket, planId: string) => socket.emitWithAck("plan:join", planId) as Promise<{ ok: boolean }>;

/**
 * A bare WebSocket speaking Hocuspocus' framing, as an attacker's script would: no provider that
 * might open a fresh socket for each text. Answers to Auth and CLOSE are kept per document.
 */
async function rawCollab(token: string) {
  const socket = new WebSocket(`${server!.origin.replace(/^http/, "ws")}/collab`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: server!.origin },
  });
  raws.push(socket);
  const answers: { name: string; answer: "authenticated" | "denied" | "closed"; detail: string }[] = [];
  let socketClosed = false;
  socket.on("close", () => (socketClosed = true));
  socket.on("message", (data) => {
    const decoder = decoding.createDecoder(new Uint8Array(data as Buffer));
    const name = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === 2) {
      const kind = decoding.readVarUint(decoder);
      if (kind === 2) answers.push({ name, answer: "authenticated", detail: decoding.readVarString(decoder) });
      if (kind === 1) answers.push({ name, answer: "denied", detail: decoding.readVarString(decoder) });
    } else if (type === 7) {
      answers.push({ name, answer: "closed", detail: decoding.readVarString(decoder) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const send = (name: string, write: (e: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, name);
    write(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };
  const answerFor = async (name: string, answer?: string) => {
    await until(() => socketClosed || answers.some((a) => a.name === name && (!answer || a.answer === answer)), `an answer for ${name}`);
    return answers.find((a) => a.name === name && (!answer || a.answer === answer)) ?? { name, answer: "socket closed" as const, detail: "" };
  };
  return {
    /** Opens a text: Auth (2), Token (0), any token (the cookie decides). */
    async open(name: string) {
      send(name, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, "");
      });
      return answerFor(name);
    },
    /** Closes one text (CLOSE, 7); the socket stays open. The server answers with its own CLOSE. */
    async close(name: string) {
      send(name, (e) => encoding.writeVarUint(e, 7));
      await answerFor(name, "closed");
    },
  };
}

describe("1: the coordinating unit opens co-edited texts only with a purpose stated in the same session", () => {
  it("refuses the KE leader without a purpose, and with a purpose from another session; opens read-only with the audit row's purpose", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `plan:${w.plan.id}:aboutMe`;
    const ke = await signIn(t.db, w.people.keLeader.id);

    const before = text(ke.token, name);
    await authenticated(before);
    expect(before.state).toMatchObject({ scope: null, failed: expect.any(String) });

    // A purpose given in the leader's other session (another browser) does not open this one.
    await w.callers.keLeader.plan.statePurpose({ planId: w.plan.id, purpose: "Stikkprøve fra en annen fane" });
    const otherSession = text(ke.token, name);
    await authenticated(otherSession);
    expect(otherSession.state.scope).toBeNull();
    expect(await t.db.prisma.auditEvent.count({ where: { action: "plan.text.open" } })).toBe(0);

    await ke.caller.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    const after = text(ke.token, name);
    await synced(after);
    expect(after.state.scope).toBe("readonly");
    const opens = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.text.open" } });
    expect(opens.map((r) => ({ actorId: r.actorId, planId: r.planId, planRole: r.planRole, purpose: r.purpose, kind: r.kind }))).toEqual([
      { actorId: w.people.keLeader.id, planId: w.plan.id, planRole: "AUDITOR", purpose: PURPOSE, kind: "READ" },
    ]);
  });

  it("the same holds for a case officer and a goal's text", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const officer = await signIn(t.db, w.people.caseOfficer.id);
    const before = text(officer.token, name);
    await authenticated(before);
    expect(before.state.scope).toBeNull();
    await officer.caller.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    const after = text(officer.token, name);
    await authenticated(after);
    expect(after.state.scope).toBe("readonly");
    const open = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.text.open", actorId: w.people.caseOfficer.id } });
    expect(open).toMatchObject({ planRole: "AUDITOR", purpose: PURPOSE, targetType: "goal", targetId: w.goal.id });
  });
});

describe("2: a socket whose texts were closed cannot open another once its session has ended", () => {
  const endings = {
    "signing out": async (w: PlanWorld, session: Awaited<ReturnType<typeof signIn>>) => {
      await session.caller.auth.logout();
    },
    "changing the password": async (w: PlanWorld, session: Awaited<ReturnType<typeof signIn>>) => {
      await session.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "et-helt-nytt-passord-456" });
    },
    "the administrator turning the account off": async (w: PlanWorld) => {
      await w.callers.admin.user.setActive({ userId: w.people.owner.id, active: false });
    },
  };

  for (const [ending, end] of Object.entries(endings)) {
    it(`after ${ending}`, async () => {
      const w = await createPlanWorld(t.db);
      server = await startServer(t.db);
      const session = await signIn(t.db, w.people.owner.id);
      const raw = await rawCollab(session.token);
      const a = `plan:${w.plan.id}:aboutMe`;
      const b = `goal:${w.goal.id}:description`;
      expect(await raw.open(a)).toMatchObject({ answer: "authenticated", detail: "read-write" });
      // Nothing is open on the socket when the session ends, so nothing is closed by the event.
      await raw.close(a);
      await end(w, session);
      expect((await raw.open(b)).answer).toMatch(/^(denied|socket closed)$/);
      expect(connectionsOf(w.people.owner.id)).toHaveLength(0);
    });
  }

  it("turning an account off disconnects its live socket and closes its open text", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const { token } = await createSession(t.db.prisma, w.people.owner.id);
    const socket = live(token);
    expect(await outcome(socket)).toBe("connected");
    const editor = text(token, `goal:${w.goal.id}:description`);
    await synced(editor);
    expect(connectionsOf(w.people.owner.id)).toHaveLength(1);

    const dropped = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    await w.callers.admin.user.setActive({ userId: w.people.owner.id, active: false });
    expect(await dropped).toBe("io server disconnect");
    await until(() => connectionsOf(w.people.owner.id).length === 0, "Kari's text connection closed");
    await until(() => editor.state.closed > 0, "Kari's editor told the text is closed");
  });
});

describe("5: taking a participant out of the group ends their consent", () => {
  it("a relative taken out and let back in reads nothing until the user consents again", async () => {
    const w = await createPlanWorld(t.db);
    const ola = () => t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.relativeWithConsent.id } });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).resolves.toBeTruthy();

    let row = await ola();
    await w.callers.coordinator.participant.update({ participantId: row.id, version: row.version, changes: { active: false } });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.prisma.participantConsent.count({ where: { participantId: row.id, withdrawnAt: null } })).toBe(0);

    row = await ola();
    await w.callers.coordinator.participant.update({ participantId: row.id, version: row.version, changes: { active: true } });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Only the user's own decision lets Ola back in.
    await w.callers.owner.consent.grant({ planId: w.plan.id, participantId: row.id });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).resolves.toMatchObject({ id: w.plan.id });
  });
});

describe("5, before the fix: participants taken out earlier", () => {
  it("lose their open consent with the migration, so letting them back in needs a new one", async () => {
    const w = await createPlanWorld(t.db);
    const relative = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.relativeWithConsent.id } });
    // Taken out the old way: the row inactive, the consent left open.
    await t.db.prisma.planParticipant.update({ where: { id: relative.id }, data: { active: false } });
    expect(await t.db.prisma.participantConsent.count({ where: { participantId: relative.id, withdrawnAt: null } })).toBeGreaterThan(0);
    await t.db.exec(readMigrations().find((m) => m.name.endsWith("_inactive_participants_consent"))!.sql);
    expect(await t.db.prisma.participantConsent.count({ where: { participantId: relative.id, withdrawnAt: null } })).toBe(0);
    await t.db.prisma.planParticipant.update({ where: { id: relative.id }, data: { active: true } });
    await expect(w.callers.relativeWithConsent.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("8: wrong current passwords when changing the password are limited and recorded", () => {
  it("records each wrong attempt, and after five refuses even the right password", async () => {
    const w = await createPlanWorld(t.db);
    const kari = await signIn(t.db, w.people.owner.id);
    for (let i = 1; i <= 5; i++) {
      await expect(kari.caller.auth.changePassword({ currentPassword: `gjetning-${i}`, newPassword: "et-helt-nytt-passord-456" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.password_failed", actorId: w.people.owner.id } })).toBe(i);
    }
    await expect(kari.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "et-helt-nytt-passord-456" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.login_blocked", actorId: w.people.owner.id } })).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "auth.password_changed" } })).toBe(0);
    // The session that guessed is still the only way in: the password did not change.
    expect(await t.db.prisma.session.count({ where: { userId: w.people.owner.id } })).toBe(2);
  });
});

describe("9: socket.io refuses a page of another site", () => {
  it("refuses a foreign Origin with a valid session cookie, and accepts the portal's own", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const { token } = await createSession(t.db.prisma, w.people.owner.id);
    expect(await outcome(live(token, "https://evil.example"))).toMatch(/^refused/);
    // The same host on another scheme or port is another origin too.
    expect(await outcome(live(token, server.origin.replace(/^http:/, "https:")))).toMatch(/^refused/);
    expect(await outcome(live(token, server.origin))).toBe("connected");
  });
});

describe("11: a request for another coordinator is for the user's side and the coordinating unit", () => {
  it("shows the reason to the owner, the representative and KE (with a purpose), not to the coordinator or the group", async () => {
    const w = await createPlanWorld(t.db);
    const reason = "Jeg føler ikke at Ingrid hører på meg, og ønsker en annen koordinator.";
    // Two ways to ask: a case to the coordinating unit (not shown on the plan), and the request on
    // the plan itself (the plan page's form), which is what plan.byId lists.
    const created = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: reason, planId: w.plan.id });
    await w.callers.owner.coordinator.requestChange({ planId: w.plan.id, reason });
    const reasonsOnPlan = async (caller: PlanWorld["callers"]["owner"]) =>
      (await caller.plan.byId({ planId: w.plan.id })).coordinatorRequests.map((r) => r.reason);
    for (const who of ["coordinator", "relativeWithConsent", "staffInGroup"] as const) {
      const plan = await w.callers[who].plan.byId({ planId: w.plan.id });
      expect({ who, requests: plan.coordinatorRequests }).toEqual({ who, requests: [] });
      expect(JSON.stringify(plan), who).not.toContain("hører på meg");
      // Nor through the case: it is the user's and the coordinating unit's.
      await expect(w.callers[who].case.byId({ caseId: created.id }), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await reasonsOnPlan(w.callers.owner)).toEqual([reason]);
    expect(await reasonsOnPlan(w.callers.representative)).toEqual([reason]);
    const ke = await signIn(t.db, w.people.keLeader.id);
    await ke.caller.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    expect(await reasonsOnPlan(ke.caller)).toEqual([reason]);
    await expect(w.callers.representative.case.byId({ caseId: created.id })).resolves.toMatchObject({ description: reason });
  });

  it("the coordinator's access log and the group's live room do not tell that it was asked", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const coordinatorRoom = live((await createSession(t.db.prisma, w.people.coordinator.id)).token);
    expect(await outcome(coordinatorRoom)).toBe("connected");
    expect(await join(coordinatorRoom, w.plan.id)).toEqual({ ok: true });
    const seen: string[] = [];
    coordinatorRoom.on("plan:changed", (event: { action: string }) => seen.push(event.action));
    await w.callers.owner.coordinator.requestChange({ planId: w.plan.id, reason: "Ønsker en annen." });
    // Something the group may see, after it: once that arrives, the request would have too.
    await w.callers.owner.log.create({ planId: w.plan.id, body: "Hei" });
    await until(() => seen.includes("log.create"), "the log entry arrives live");
    expect(seen).not.toContain("coordinator.request_change");
    const actionsIn = async (caller: PlanWorld["callers"]["owner"]) => (await caller.audit.forPlan({ planId: w.plan.id })).lines.flatMap((l) => l.actions);
    expect(await actionsIn(w.callers.coordinator)).not.toContain("coordinator.request_change");
    expect(await actionsIn(w.callers.owner)).toContain("coordinator.request_change");
  });
});

describe("1 and 6: a stated purpose runs out", () => {
  it("closes the coordinating unit's open text when the purpose it was opened with expires", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const ke = await signIn(t.db, w.people.keLeader.id);
    await ke.caller.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    // As if stated almost eight hours ago: a moment left.
    await t.db.prisma.purposeStatement.updateMany({ where: { sessionId: ke.auth.session.id }, data: { expiresAt: new Date(Date.now() + 1500) } });
    const client = text(ke.token, `plan:${w.plan.id}:aboutMe`);
    await synced(client);
    expect(connectionsOf(w.people.keLeader.id)).toHaveLength(1);
    await until(() => connectionsOf(w.people.keLeader.id).length === 0, "the text is closed when the purpose runs out");
  });
});

describe("12: the coordinating unit's looks at lists are recorded", () => {
  it("plan.list, dashboard lists and exports, case.list and case.documents each write a read row", async () => {
    const w = await createPlanWorld(t.db);
    const created = await w.callers.owner.case.create({ type: "IP_APPLICATION", description: "Jeg søker om individuell plan." });
    const ke = w.callers.keLeader;
    const rows = (action: string) => t.db.prisma.auditEvent.findMany({ where: { action, actorId: w.people.keLeader.id } });

    const plans = await ke.plan.list();
    expect((await rows("plan.list")).map((r) => ({ kind: r.kind, details: r.details }))).toEqual([{ kind: "READ", details: { count: plans.length } }]);
    expect(plans.length).toBeGreaterThan(0);

    await ke.dashboard.plans({ metric: "activePlans", filter: {} });
    await ke.dashboard.meetings({ metric: "withoutMinutes", filter: {} });
    await ke.dashboard.cases({ metric: "openCases", filter: {} });
    expect((await rows("dashboard.list")).map((r) => (r.details as { metric: string }).metric).sort()).toEqual(["activePlans", "openCases", "withoutMinutes"]);
    await ke.dashboard.plans({ metric: "activePlans", filter: {}, as: "file" });
    await ke.dashboard.cases({ metric: "openCases", filter: {}, as: "file" });
    expect((await rows("dashboard.export")).map((r) => r.kind)).toEqual(["READ", "READ"]);
    expect(await rows("dashboard.list")).toHaveLength(3);

    const cases = await ke.case.list({ status: "OPEN" });
    expect((await rows("case.list")).map((r) => (r.details as { count: number }).count)).toEqual([cases.length]);
    await ke.case.documents({ caseId: created.id });
    expect((await rows("case.documents")).map((r) => ({ kind: r.kind, targetType: r.targetType, targetId: r.targetId }))).toEqual([
      { kind: "READ", targetType: "case", targetId: created.id },
    ]);
  });

  it("a coordinator's own plan list is no such look", async () => {
    const w = await createPlanWorld(t.db);
    await w.callers.coordinator.plan.list();
    expect(await t.db.prisma.auditEvent.count({ where: { action: "plan.list" } })).toBe(0);
  });

  it("a KE joining a plan's live room needs a purpose in that session and is recorded with it; a member's join is not", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const ke = await signIn(t.db, w.people.keLeader.id);
    const socket = live(ke.token);
    expect(await outcome(socket)).toBe("connected");
    expect(await join(socket, w.plan.id)).toEqual({ ok: false });
    await ke.caller.plan.statePurpose({ planId: w.plan.id, purpose: PURPOSE });
    expect(await join(socket, w.plan.id)).toEqual({ ok: true });

    const coordinator = live((await createSession(t.db.prisma, w.people.coordinator.id)).token);
    expect(await outcome(coordinator)).toBe("connected");
    expect(await join(coordinator, w.plan.id)).toEqual({ ok: true });

    const joins = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.live.join" } });
    expect(joins.map((r) => ({ actorId: r.actorId, planId: r.planId, planRole: r.planRole, purpose: r.purpose, kind: r.kind }))).toEqual([
      { actorId: w.people.keLeader.id, planId: w.plan.id, planRole: "AUDITOR", purpose: PURPOSE, kind: "READ" },
    ]);
  });
});

describe("smaller items", () => {
  it("a document name in upper case is refused: one text never has two live copies", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const owner = await textOf(w, "owner", name);
    await synced(owner);
    const shouted = await textOf(w, "coordinator", `goal:${w.goal.id.toUpperCase()}:description`);
    await authenticated(shouted);
    expect(shouted.state).toMatchObject({ scope: null, failed: expect.any(String) });
    expect([...server.collab.hocuspocus.documents.keys()]).toEqual([name]);
  });

  it("a caret's `user` is stamped by the server: a string or a number from one client reaches the other as the sender's real name", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const kari = await textOf(w, "owner", name);
    const ingrid = await textOf(w, "coordinator", name);
    await Promise.all([synced(kari), synced(ingrid)]);
    const userOf = (seenBy: TextClient, sender: TextClient) => (seenBy.provider.awareness!.getStates().get(sender.doc.clientID) as { user?: unknown } | undefined)?.user;

    kari.provider.setAwarenessField("user", "x");
    ingrid.provider.setAwarenessField("user", 42);
    await until(() => userOf(ingrid, kari) !== undefined && userOf(kari, ingrid) !== undefined, "each caret reaches the other");
    expect(userOf(ingrid, kari)).toEqual({ id: w.people.owner.id, name: "Kari Eier", color: expect.any(String) });
    expect(userOf(kari, ingrid)).toEqual({ id: w.people.coordinator.id, name: "Ingrid Koordinator", color: expect.any(String) });
  });

  it("dates outside 1900–2100 are refused: a case's receipt, a plan's review date, a meeting's time", async () => {
    const w = await createPlanWorld(t.db);
    const paperCase = { type: "IP_APPLICATION" as const, channel: "PAPER" as const, subjectName: "Per Papir", description: "Søknad kom i posten." };
    await expect(w.callers.caseOfficer.case.create({ ...paperCase, receivedAt: "1000-01-01T10:00:00+01:00" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.caseOfficer.case.create({ ...paperCase, receivedAt: "2026-11-02T10:00:00+01:00" })).resolves.toBeTruthy();

    const { version } = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    await expect(w.callers.coordinator.plan.update({ planId: w.plan.id, version, changes: { nextReviewAt: "1000-01-01" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.plan.update({ planId: w.plan.id, version, changes: { nextReviewAt: "2027-03-01" } })).resolves.toBeTruthy();

    const meeting = { planId: w.plan.id, durationMinutes: 60, location: "Rådhuset, møterom 2" };
    await expect(w.callers.coordinator.meeting.create({ ...meeting, startsAt: "1000-01-01T10:00" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.callers.coordinator.meeting.create({ ...meeting, startsAt: "2027-01-12T10:00" })).resolves.toBeTruthy();
    expect(await t.db.prisma.meeting.count()).toBe(1);
  });
});
