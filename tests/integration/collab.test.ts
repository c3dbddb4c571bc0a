import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { createSession, invalidateUserSessions } from "../../server/auth/sessions.ts";
import { events } from "../../server/events.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { startServer } from "./helpers.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Co-editing through the real server and real @hocuspocus/provider clients.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const clients: TextClient[] = [];
const processes: ServerProcess[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await server?.close();
  server = undefined;
  for (const p of processes.splice(0)) await p.kill();
});

async function open(w: PlanWorld, who: Who, name: string, origin = server!.origin) {
  const { token } = await createSession(t.db.prisma, w.people[who].id);
  const client = openText(origin, token, name);
  clients.push(client);
  return client;
}
const authenticated = (c: TextClient) => until(() => c.state.scope !== null || c.state.failed !== null, "authentication answer");
const synced = (c: TextClient) => until(() => c.provider.isSynced, "first sync");
const saved = (c: TextClient) => until(() => c.provider.unsyncedChanges === 0, "acknowledged");
async function storedText(name: string) {
  const rows = await t.db.query<{ text: string }>(`SELECT text FROM "CollabDocument" WHERE name = $1`, [name]);
  return rows[0]?.text ?? null;
}

describe("co-editing the plan's texts", () => {
  it("two people typing at random places at the same time end with the same text, stored with its projections", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const a = await open(w, "owner", name);
    const b = await open(w, "coordinator", name);
    await Promise.all([synced(a), synced(b)]);
    expect(a.state.scope).toBe("read-write");
    expect(b.state.scope).toBe("read-write");

    for (let i = 0; i < 40; i++) {
      a.type("a", Math.floor(Math.random() * (a.paragraphLength() + 1)));
      b.type("b", Math.floor(Math.random() * (b.paragraphLength() + 1)));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => a.text() === b.text() && a.text().length === 80, "both texts converge");
    expect(a.text().replace(/b/g, "")).toBe("a".repeat(40));
    await Promise.all([saved(a), saved(b)]);
    await until(async () => (await storedText(name)) === a.text(), "text projection stored");
    const goal = await t.db.prisma.goal.findUniqueOrThrow({ where: { id: w.goal.id } });
    expect(goal.description).toBe(a.text());
    const [doc] = await t.db.query<{ html: string }>(`SELECT html FROM "CollabDocument" WHERE name = $1`, [name]);
    expect(doc.html).toBe(`<p>${a.text()}</p>`);
  });

  it("a person with read rights gets a read-only connection whose edits are refused", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const writer = await open(w, "coordinator", name);
    const reader = await open(w, "relativeWithConsent", name);
    await Promise.all([synced(writer), synced(reader)]);
    expect(reader.state.scope).toBe("readonly");
    writer.type("Skrevet av koordinator. ");
    await until(() => reader.text() === "Skrevet av koordinator. ", "the reader sees the writer's text live");
    reader.type("Lurt inn av leser.");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writer.text()).toBe("Skrevet av koordinator. ");
    await saved(writer);
    await until(async () => (await storedText(name)) === "Skrevet av koordinator.", "stored");
  });

  it("the user's own words accept edits only from the user and their representative", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `plan:${w.plan.id}:aboutMe`;
    const scopes: Partial<Record<Who, string | null>> = {};
    for (const who of ["owner", "representative", "coordinator", "staffInGroup"] as Who[]) {
      const c = await open(w, who, name);
      await authenticated(c);
      scopes[who] = c.state.scope;
    }
    expect(scopes).toEqual({ owner: "read-write", representative: "read-write", coordinator: "readonly", staffInGroup: "readonly" });
  });

  it("people without rights, other municipalities, signed-out clients and unknown names are refused", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    for (const who of ["relativeWithoutConsent", "staffOutside", "away", "unitLeader", "admin"] as Who[]) {
      const c = await open(w, who, name);
      await authenticated(c);
      expect({ who, scope: c.state.scope, failed: c.state.failed }).toMatchObject({ who, scope: null, failed: expect.any(String) });
    }
    const anonymous = openText(server.origin, null, name);
    clients.push(anonymous);
    await authenticated(anonymous);
    expect(anonymous.state.scope).toBeNull();
    const unknown = await open(w, "owner", `goal:${w.goal.id}:title`);
    await authenticated(unknown);
    expect(unknown.state.scope).toBeNull();
    // Refusals leave no audit row of an opened text; successful opens do.
    const opens = await t.db.prisma.auditEvent.findMany({ where: { action: "plan.text.open" } });
    expect(opens).toHaveLength(0);
  });
});

describe("access that changes while a text is open", () => {
  it("withdrawing a participant's consent closes their connection at once; what they type after that goes nowhere", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    // Jonas is responsible for the measure, so he may write in its description.
    const name = `measure:${w.measure.id}:description`;
    const owner = await open(w, "owner", name);
    const jonas = await open(w, "staffInGroup", name);
    await Promise.all([synced(owner), synced(jonas)]);
    expect(jonas.state.scope).toBe("read-write");
    jonas.type("Før. ");
    await until(() => owner.text() === "Før. ", "owner sees Jonas' text");

    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.staffInGroup.id } });
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
    const jonasConnections = () =>
      [...server!.collab.hocuspocus.documents.values()].flatMap((d) => d.getConnections()).filter((c) => c.context.user.id === w.people.staffInGroup.id);
    await until(() => jonasConnections().length === 0, "Jonas' connection closed");
    jonas.type("Etter.");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(owner.text()).toBe("Før. ");
  });

  it("reducing a participant's rights to reading makes the open connection read-only", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `measure:${w.measure.id}:description`;
    const owner = await open(w, "owner", name);
    const jonas = await open(w, "staffInGroup", name);
    await Promise.all([synced(owner), synced(jonas)]);
    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.staffInGroup.id } });
    await w.callers.owner.participant.update({ participantId: participant.id, version: participant.version, changes: { access: "READ" } });
    await until(() => jonas.state.stateless.some((p) => JSON.parse(p).readOnly === true), "Jonas is told he may now only read");
    jonas.type("Skulle ikke komme fram.");
    owner.type("Eier skriver.");
    // His own client keeps what he typed locally (the editor stops him typing); nobody else gets it.
    await until(() => jonas.text().includes("Eier skriver."), "Jonas still sees the live text");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(owner.text()).toBe("Eier skriver.");
  });

  it("signing out closes the session's texts, and the same socket cannot open them again", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const owner = await open(w, "owner", name);
    await synced(owner);
    await invalidateUserSessions(t.db.prisma, w.people.owner.id);
    events.emit("auth.sessionsEnded", { userId: w.people.owner.id, sessionIds: "all" });
    const ownerConnections = () =>
      [...server!.collab.hocuspocus.documents.values()].flatMap((d) => d.getConnections()).filter((c) => c.context.user.id === w.people.owner.id);
    await until(() => ownerConnections().length === 0, "the owner's connection closed");
    const again = openText(server.origin, null, `plan:${w.plan.id}:aboutMe`, owner.socket);
    clients.push(again);
    await authenticated(again);
    expect(again.state.scope).toBeNull();
  });
});

describe("storage and audit", () => {
  it.runIf(process.env.TEST_DATABASE_URL)("an edit reaches the others at once, and its author is told it is saved only once its write has committed", async () => {
    const w = await createPlanWorld(t.db);
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const author = await open(w, "owner", name);
    const other = await open(w, "coordinator", name);
    await Promise.all([synced(author), synced(other)]);
    author.type("Først. ");
    await saved(author);

    // The write-ahead log is held up (its inserts wait for this lock), as a slow disk would.
    const lock = new pg.Client({ connectionString: t.url! });
    await lock.connect();
    try {
      await lock.query(`BEGIN; LOCK TABLE "CollabUpdate" IN EXCLUSIVE MODE`);
      author.type("Mens loggen venter. ");
      await until(() => other.text().includes("Mens loggen venter."), "the other editor sees it at once");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(author.provider.unsyncedChanges).toBeGreaterThan(0);
      await lock.query("COMMIT");
    } finally {
      await lock.end();
    }
    await saved(author);
    await until(async () => (await storedText(name))?.includes("Mens loggen venter.") ?? false, "stored");
  });

  it("a text that existed before co-editing starts from its column, once, however many open it together", async () => {
    const w = await createPlanWorld(t.db);
    await t.db.prisma.goal.update({ where: { id: w.goal.id }, data: { description: "Stå opp selv\nLage frokost" } });
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const [a, b] = await Promise.all([open(w, "owner", name), open(w, "coordinator", name)]);
    await Promise.all([synced(a), synced(b)]);
    await until(() => a.text() === "Stå opp selv\nLage frokost" && b.text() === a.text(), "seeded text");
  });

  it("edits are audited once per person per document in a period, opening a text once per visit", async () => {
    const w = await createPlanWorld(t.db);
    // A plan nobody has touched for a while: writing in it counts as activity (the dashboard's lists).
    const quietSince = new Date(Date.now() - 2 * 86_400_000);
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: quietSince } });
    server = await startServer(t.db);
    const name = `goal:${w.goal.id}:description`;
    const owner = await open(w, "owner", name);
    await synced(owner);
    for (let i = 0; i < 5; i++) {
      owner.type(`${i}`);
      await saved(owner);
      // Wait for each store, so there are several stores within the period.
      await until(async () => (await storedText(name))?.endsWith(`${i}`) ?? false, `store ${i}`);
    }
    const rows = await t.db.prisma.auditEvent.findMany({ where: { planId: w.plan.id, action: { startsWith: "plan.text." } } });
    expect(rows.map((r) => [r.action, r.actorId, r.targetType, r.targetId])).toEqual(
      expect.arrayContaining([
        ["plan.text.open", w.people.owner.id, "goal", w.goal.id],
        ["plan.text.edit", w.people.owner.id, "goal", w.goal.id],
      ]),
    );
    expect(rows.filter((r) => r.action === "plan.text.edit")).toHaveLength(1);
    expect(rows.filter((r) => r.action === "plan.text.open")).toHaveLength(1);
    const plan = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    expect(plan.lastActivityAt.getTime()).toBeGreaterThan(quietSince.getTime() + 86_400_000);
  });

  it("a store that changes nothing people see records no edit and no activity", async () => {
    const w = await createPlanWorld(t.db);
    const quietSince = new Date(Date.now() - 2 * 86_400_000);
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: quietSince } });
    server = await startServer(t.db);
    const name = `plan:${w.plan.id}:aboutMe`;
    const owner = await open(w, "owner", name);
    await synced(owner);
    // Typed and taken back before the store: the text is as it was.
    owner.doc.transact(() => {
      owner.type("x");
      const text = (owner.doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(text.length - 1, 1);
    });
    await saved(owner);
    await until(async () => (await t.db.prisma.collabUpdate.count({ where: { name } })) === 0, "stored");
    expect(await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "plan.text.edit" } })).toBe(0);
    expect(await t.db.prisma.notification.count({ where: { planId: w.plan.id } })).toBe(0);
    const plan = await t.db.prisma.plan.findUniqueOrThrow({ where: { id: w.plan.id } });
    expect(plan.lastActivityAt.getTime()).toBe(quietSince.getTime());
    // A real change is recorded, and the coordinator hears that Kari wrote in "Om meg".
    owner.type("Jeg liker å gå tur");
    await saved(owner);
    await until(async () => (await t.db.prisma.auditEvent.count({ where: { planId: w.plan.id, action: "plan.text.edit" } })) === 1, "edit recorded");
    expect(await t.db.prisma.notification.findMany({ where: { planId: w.plan.id }, select: { userId: true, kind: true } })).toEqual([
      { userId: w.people.coordinator.id, kind: "plan.user_input" },
    ]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("killing the server mid-edit loses nothing: the client reconnects, merges, and everything is in the database", async () => {
    const w = await createPlanWorld(t.db);
    let first = await startServerProcess({ DATABASE_URL: t.url! });
    processes.push(first);
    const name = `goal:${w.goal.id}:description`;
    const a = await open(w, "owner", name, first.origin);
    const b = await open(w, "coordinator", name, first.origin);
    await Promise.all([synced(a), synced(b)]);
    a.type("Kvittert før krasj. ");
    await saved(a);
    // Killed before the debounced store: what was acknowledged is only in the update log.
    await first.kill();
    processes.splice(processes.indexOf(first), 1);
    b.type("Skrevet mens serveren var nede.");
    first = await startServerProcess({ DATABASE_URL: t.url!, PORT: first.port });
    processes.push(first);
    await until(() => a.text() === b.text() && a.text().includes("Skrevet mens"), "clients merged after reconnect", 20_000);
    await Promise.all([saved(a), saved(b)]);
    await first.stop();
    processes.splice(processes.indexOf(first), 1);
    const stored = await storedText(name);
    expect(stored).toContain("Kvittert før krasj.");
    expect(stored).toContain("Skrevet mens serveren var nede.");
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)("two server processes sharing Redis serve the same text: a person on each sees the other's typing", async () => {
    const w = await createPlanWorld(t.db);
    const redis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const one = await startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis });
    processes.push(one);
    const two = await startServerProcess({ DATABASE_URL: t.url!, REDIS_URL: redis });
    processes.push(two);
    const name = `goal:${w.goal.id}:description`;
    const a = await open(w, "owner", name, one.origin);
    const b = await open(w, "coordinator", name, two.origin);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 20; i++) {
      a.type("a", Math.floor(Math.random() * (a.paragraphLength() + 1)));
      b.type("b", Math.floor(Math.random() * (b.paragraphLength() + 1)));
    }
    await until(() => a.text() === b.text() && a.text().length === 40, "both converge across instances", 20_000).catch((e) => {
      throw new Error(`${e}: a=${a.text()} b=${b.text()}`);
    });
    // Consent withdrawn on one instance closes the person's connection on the other.
    const reader = await open(w, "relativeWithConsent", name, two.origin);
    await synced(reader);
    const participant = await t.db.prisma.planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.relativeWithConsent.id } });
    // The withdrawal happens in this process: its server relays the re-check through Redis.
    server = await startServer(t.db, { REDIS_URL: redis });
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
    await until(() => reader.state.closed > 0 || reader.state.failed !== null, "reader on the other instance is closed", 10_000);
    await Promise.all([saved(a), saved(b)]);
    await until(async () => (await storedText(name)) === a.text(), "the merged text is stored", 15_000);
  }, 60_000);
});
