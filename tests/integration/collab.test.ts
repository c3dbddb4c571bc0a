import { afterEach, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.ts";
import { openText, until, type TextClient } from "./collab-client.ts";
import { startServer } from "./helpers.ts";
import { createPlanWorld, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Co-editing through the real server and real @hocuspocus/provider clients.

const t = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const clients: TextClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await server?.close();
  server = undefined;
});

async function open(w: PlanWorld, who: Who, name: string) {
  const { token } = await createSession(t.db.prisma, w.people[who].id);
  const client = openText(server!.origin, token, name);
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
