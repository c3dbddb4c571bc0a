import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories.ts";
import { configureInvitationMail } from "../../server/participants/invitation-mail.ts";
import { INVITATION_DAYS, tokenHashOf } from "../../server/participants/invitations.ts";
import { configureLogger } from "../../server/ops/log.ts";
import { signIn, startServer } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// Participants from outside the municipality (issue 12, part 6): the coordinator invites by
// e-mail; the one-time link (7 days) binds the invitee's sign-in to the participant row; they
// still see nothing of the plan before a valid consent.

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const DAY = 24 * 3_600_000;
const EMAIL = "fastlege.hansen@legesenter.no";

let stopMail: (() => void) | null = null;
afterEach(() => {
  stopMail?.();
  stopMail = null;
});

/** A GP added to the group by name (no account, no consent yet), and invited. */
async function invitedGp(w: PlanWorld, who: "coordinator" | "owner" | "representative" = "coordinator") {
  const participant = await w.callers.coordinator.participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Dr. Hansen", organisation: "Fastlege", access: "COMMENT" });
  const invited = await w.callers[who].participant.invite({ participantId: participant.id, email: EMAIL });
  const token = invited.path.replace("/invitasjon/", "");
  return { participant, invited, token };
}

/** The GP signs in: an account in the plan's municipality with the invited e-mail address. */
async function gpSignsIn(w: PlanWorld, email: string | null = EMAIL) {
  const gp = await createUser(prisma(), { municipalityId: w.home.id, roles: ["STAFF"], name: "Hans Hansen", email: email ?? undefined });
  if (email === null) await prisma().user.update({ where: { id: gp.id }, data: { email: null } });
  return { gp, caller: (await signIn(t.db, gp.id)).caller };
}

describe("inviting a participant from outside", () => {
  it("stores only the token's hash, for 7 days; without e-mail set up, the coordinator gets the link to copy", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, invited, token } = await invitedGp(w);
    expect(invited).toMatchObject({ participantId: participant.id, email: EMAIL, emailed: false, path: expect.stringMatching(/^\/invitasjon\/[a-z2-7]{32}$/) });
    const row = await prisma().participantInvite.findFirstOrThrow({ where: { participantId: participant.id } });
    expect(row.tokenHash).toBe(tokenHashOf(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // createdAt is the database's clock, expiresAt the server's: the same moment within a second.
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - INVITATION_DAYS * DAY)).toBeLessThan(1000);
    expect(INVITATION_DAYS).toBe(7);
    // One audit row of the declared kind, without the token or the address.
    const audit = await prisma().auditEvent.findMany({ where: { action: "participant.invite" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ kind: "ACCESS", planId: w.plan.id, actorId: w.people.coordinator.id });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(EMAIL);
  });

  it("e-mails the link and the municipality's name only: no name of the user, nothing from the plan", async () => {
    const w = await createPlanWorld(t.db);
    const sent: { to?: unknown; subject?: unknown; text?: unknown }[] = [];
    stopMail = configureInvitationMail({ send: async (mail) => void sent.push(mail), from: "ip@kommune.no", baseUrl: "https://ip.kommune.no" });
    const { invited, token } = await invitedGp(w);
    expect(invited.emailed).toBe(true);
    expect(sent).toHaveLength(1);
    const mail = sent[0]!;
    expect(mail.to).toBe(EMAIL);
    expect(mail.subject).toBe(`Invitasjon til en ansvarsgruppe i ${w.home.name}`);
    expect(String(mail.text)).toContain(`Du er invitert til å delta i en ansvarsgruppe i ${w.home.name}.`);
    expect(String(mail.text)).toContain(`https://ip.kommune.no/invitasjon/${token}`);
    for (const secret of ["Kari", "Eier", "Klare morgenen selv", "Dr. Hansen", w.plan.id]) expect(JSON.stringify(mail), secret).not.toContain(secret);
  });

  it("a failed e-mail is answered as not sent (the link is shown instead), and the invitation stands", async () => {
    const w = await createPlanWorld(t.db);
    stopMail = configureInvitationMail({ send: async () => Promise.reject(new Error("SMTP down")), from: "ip@kommune.no", baseUrl: "https://ip.kommune.no" });
    const { invited } = await invitedGp(w);
    expect(invited.emailed).toBe(false);
    expect(await prisma().participantInvite.count()).toBe(1);
  });

  it("only those who manage the group may invite; representatives and people with an account are not invited by link", async () => {
    const w = await createPlanWorld(t.db);
    const participant = await w.callers.coordinator.participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Lærer Lise", organisation: "Skolen" });
    const invite = (who: keyof PlanWorld["callers"]) => w.callers[who].participant.invite({ participantId: participant.id, email: "lise@skolen.no" });
    for (const who of ["relativeWithConsent", "staffInGroup"] as const) await expect(invite(who), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const who of ["relativeWithoutConsent", "staffOutside", "away", "unitLeader", "admin"] as const) await expect(invite(who), who).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma().participantInvite.count()).toBe(0);
    for (const who of ["coordinator", "owner", "representative"] as const) await expect(invite(who), who).resolves.toMatchObject({ emailed: false });

    const representative = await prisma().planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, kind: "REPRESENTATIVE" } });
    await expect(w.callers.owner.participant.invite({ participantId: representative.id, email: "x@y.no" })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "invitation.notInvitable" });
    const withAccount = await prisma().planParticipant.findFirstOrThrow({ where: { planId: w.plan.id, userId: w.people.staffInGroup.id } });
    await expect(w.callers.coordinator.participant.invite({ participantId: withAccount.id, email: "x@y.no" })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "invitation.alreadyBound" });
  });

  it("a participant with an e-mail address is invited at that address only; another is refused in words", async () => {
    const w = await createPlanWorld(t.db);
    const participant = await w.callers.coordinator.participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Lærer Lise", organisation: "Skolen", email: "Lise@Skolen.no" });
    await expect(w.callers.coordinator.participant.invite({ participantId: participant.id, email: "noen.andre@example.no" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "invitation.emailMismatch",
      params: { email: "Lise@Skolen.no" },
    });
    expect(await prisma().participantInvite.count()).toBe(0);
    expect((await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } })).email).toBe("Lise@Skolen.no");
    // The same address, whatever its capitals, is the address.
    await expect(w.callers.coordinator.participant.invite({ participantId: participant.id, email: "lise@skolen.no" })).resolves.toMatchObject({ email: "lise@skolen.no" });
  });
});

describe("accepting an invitation", () => {
  it("binds the signed-in person to the participant row, once; they see nothing of the plan before a valid consent", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, token } = await invitedGp(w);
    const { gp, caller } = await gpSignsIn(w);
    await expect(caller.participant.invitation({ token })).resolves.toMatchObject({ state: "valid", municipalityName: w.home.name, organisation: "Fastlege" });
    await expect(caller.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await caller.participant.acceptInvite({ token });
    const bound = await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(bound.userId).toBe(gp.id);
    const invite = await prisma().participantInvite.findFirstOrThrow({ where: { participantId: participant.id } });
    expect(invite).toMatchObject({ usedById: gp.id });
    expect(invite.usedAt).not.toBeNull();
    expect(await prisma().auditEvent.count({ where: { action: "participant.invite_accept", actorId: gp.id, planId: w.plan.id } })).toBe(1);

    // Bound, but no consent yet: nothing.
    await expect(caller.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.goal.create({ planId: w.plan.id, lifeArea: "HEALTH", title: "Et mål" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The link works once.
    await expect(caller.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "invitation.used" });
    await expect(caller.participant.invitation({ token })).resolves.toMatchObject({ state: "used" });

    // The user consents: now they see the plan, at their level.
    await w.callers.owner.consent.grant({ planId: w.plan.id, participantId: participant.id });
    await expect(caller.plan.byId({ planId: w.plan.id })).resolves.toMatchObject({ id: w.plan.id });
    // A consent withdrawn: nothing again.
    await w.callers.owner.consent.withdraw({ planId: w.plan.id, participantId: participant.id });
    await expect(caller.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not inherit a consent the row had: the user consents to the person who accepted, not to a name", async () => {
    const w = await createPlanWorld(t.db);
    // "Dr. Lund" is a name on the plan (no account) that the user has consented to.
    const lund = w.external;
    const consentsOf = () => prisma().participantConsent.findMany({ where: { participantId: lund.id } });
    expect((await consentsOf()).filter((c) => c.withdrawnAt === null)).toHaveLength(1);
    // A consent that starts later is open too.
    await prisma().participantConsent.create({ data: { participantId: lund.id, grantedById: w.people.owner.id, validFrom: new Date(Date.now() + 7 * DAY) } });

    const invited = await w.callers.coordinator.participant.invite({ participantId: lund.id, email: EMAIL });
    const { gp, caller } = await gpSignsIn(w, null);
    await caller.participant.acceptInvite({ token: invited.path.replace("/invitasjon/", "") });
    expect((await prisma().planParticipant.findUniqueOrThrow({ where: { id: lund.id } })).userId).toBe(gp.id);

    // The one who accepted sees nothing: accepting ended the row's consents in the same change.
    await expect(caller.plan.byId({ planId: w.plan.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.plan.list()).map((p) => p.id)).not.toContain(w.plan.id);
    const consents = await consentsOf();
    expect(consents).toHaveLength(2);
    for (const c of consents) expect(c.withdrawnAt).not.toBeNull();
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "participant.invite_accept", actorId: gp.id } });
    expect(audit.details).toMatchObject({ participantId: lund.id, consentsEnded: 2 });

    // Until the user consents to this person.
    await w.callers.owner.consent.grant({ planId: w.plan.id, participantId: lund.id });
    await expect(caller.plan.byId({ planId: w.plan.id })).resolves.toMatchObject({ id: w.plan.id });
  });

  it("expires after 7 days", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, token } = await invitedGp(w);
    const { caller } = await gpSignsIn(w);
    // Six days and 23 hours on, it still works (checked by the state); at 7 days it does not.
    const row = await prisma().participantInvite.findFirstOrThrow({ where: { participantId: participant.id } });
    await prisma().participantInvite.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 7 * DAY + 3_600_000), expiresAt: new Date(Date.now() + 3_600_000) } });
    await expect(caller.participant.invitation({ token })).resolves.toMatchObject({ state: "valid" });
    await prisma().participantInvite.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 7 * DAY), expiresAt: new Date(Date.now() - 1000) } });
    await expect(caller.participant.invitation({ token })).resolves.toMatchObject({ state: "expired" });
    await expect(caller.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "invitation.expired" });
    expect((await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } })).userId).toBeNull();
  });

  it("refuses the wrong person, another municipality, the plan's owner, an unknown link, and an older link after a new one", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, token } = await invitedGp(w);
    const unbound = async () => expect((await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } })).userId).toBeNull();

    const stranger = await gpSignsIn(w, "someone.else@legesenter.no");
    await expect(stranger.caller.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "invitation.wrongPerson" });
    await expect(w.callers.away.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "invitation.otherMunicipality" });
    await expect(w.callers.away.participant.invitation({ token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.callers.owner.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "invitation.ownPlan" });
    await expect(w.callers.coordinator.participant.acceptInvite({ token: "ukjent-lenke" })).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "invitation.invalid" });
    await unbound();
    expect(await prisma().auditEvent.count({ where: { action: "participant.invite_accept" } })).toBe(0);

    // Someone already in the plan cannot take a second row.
    const inGroup = await prisma().user.update({ where: { id: w.people.relativeWithoutConsent.id }, data: { email: EMAIL.replace("@", "+x@") } });
    await prisma().participantInvite.updateMany({ data: { email: inGroup.email! } });
    const relative = (await signIn(t.db, inGroup.id)).caller;
    await expect(relative.participant.acceptInvite({ token })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "invitation.alreadyInPlan" });
    await prisma().participantInvite.updateMany({ data: { email: EMAIL } });

    // A new invitation ends the old link.
    const again = await w.callers.coordinator.participant.invite({ participantId: participant.id, email: EMAIL });
    const { caller } = await gpSignsIn(w);
    await expect(caller.participant.acceptInvite({ token })).rejects.toMatchObject({ messageKey: "invitation.expired" });
    await expect(caller.participant.acceptInvite({ token: again.path.replace("/invitasjon/", "") })).resolves.toEqual({ ok: true });
    // A row that is bound cannot be invited again.
    await expect(w.callers.coordinator.participant.invite({ participantId: participant.id, email: EMAIL })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("someone who signs in with ID-porten only (no e-mail on the account) can accept the link sent to them", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, token } = await invitedGp(w);
    const { gp, caller } = await gpSignsIn(w, null);
    await caller.participant.acceptInvite({ token });
    expect((await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } })).userId).toBe(gp.id);
  });

  it("two accepts at the same moment: one binds, the other is refused", async () => {
    const w = await createPlanWorld(t.db);
    const { participant, token } = await invitedGp(w);
    const a = await gpSignsIn(w, null);
    const b = await gpSignsIn(w, null);
    const results = await Promise.allSettled([a.caller.participant.acceptInvite({ token }), b.caller.participant.acceptInvite({ token })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    const bound = await prisma().planParticipant.findUniqueOrThrow({ where: { id: participant.id } });
    expect([a.gp.id, b.gp.id]).toContain(bound.userId);
  });
});

describe("the link's token in the request log", () => {
  it("is written as /invitasjon/[skjult]", async () => {
    const lines: string[] = [];
    configureLogger({ level: "info", stream: { write: (line: string) => void lines.push(line) } });
    const server = await startServer(t.db);
    try {
      await fetch(`${server.origin}/invitasjon/abcdefghijklmnopqrstuvwxyz234567?x=1`);
      await expect.poll(() => lines.some((l) => l.includes('"path":"/invitasjon/[skjult]"'))).toBe(true);
      expect(lines.join("\n")).not.toContain("abcdefghijklmnopqrstuvwxyz234567");
    } finally {
      await server.close({ drainMs: 0 });
      configureLogger({ level: "silent" });
    }
  });
});
