import { describe, expect, it } from "vitest";
import type { AnyMutationProcedure, AnyProcedure, TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { AUDIT_ACTIONS, isAuditAction, type AuditAction, type ChangeAction } from "../../app/domain/audit-actions.ts";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { appRouter, createCaller, type AppRouter, type Caller } from "../../server/router.ts";
import { createContextInner } from "../../server/trpc/context.ts";
import { createUser, TEST_PASSWORD } from "../../prisma/factories.ts";
import { anonymousCaller } from "./helpers.ts";
import { createPlanWorld, scheduleMeeting, type PlanWorld, type Who } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// The one write path (docs/decisions/012-one-write-path.md), checked for every mutation of the
// root router: a successful call writes exactly one audit row, of a declared action that is not a
// read; a refused call writes none (a failed sign-in writes its one auth.login_failed row) and
// changes nothing. The table must name every mutation, so a new one cannot be added without a case.

const t = useTestDatabase();
const prisma = () => t.db.prisma;
const HOUR = 3_600_000;

type Person = Who | "anonymous";
type Call<S> = (caller: Caller, w: PlanWorld, s: S) => Promise<unknown>;

interface Refusal<S> {
  who: Person;
  code: TRPC_ERROR_CODE_KEY;
  /** Another input than the case's `call`. */
  call?: Call<S>;
  /** Audit rows the refusal itself writes: only a failed sign-in. */
  audit?: AuditAction[];
}

interface MutationCase<S> {
  /** More world than createPlanWorld gives; it runs (and audits) before anything is counted. */
  setup?: (w: PlanWorld) => Promise<S>;
  /** The call, made by `allowed` (succeeds) and by each refusal (unless it has its own call). */
  call: Call<S>;
  allowed: Person;
  /** Whom the audit row names, when not `allowed` (signing in anonymously). */
  actor?: Who;
  action: ChangeAction;
  refused: Refusal<S> | Refusal<S>[];
  /** A cheap fingerprint of what the mutation writes: the refusal leaves it, the success changes it. */
  probe: (w: PlanWorld, s: S) => Promise<unknown>;
}

/** Keeps each case's own setup type; the table holds them erased. */
const mutation = <S = undefined>(c: MutationCase<S>) => c as unknown as MutationCase<unknown>;

/** "area.name" of every mutation in the router's type, so a missing case is also a type error. */
type MutationPaths<R, P extends string = ""> = {
  [K in keyof R & string]: R[K] extends AnyMutationProcedure ? `${P}${K}` : R[K] extends AnyProcedure ? never : MutationPaths<R[K], `${P}${K}.`>;
}[keyof R & string];
type MutationPath = MutationPaths<AppRouter["_def"]["record"]>;

// World helpers.
const callerOf = (w: PlanWorld, who: Person) => (who === "anonymous" ? anonymousCaller(t.db) : w.callers[who]);
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const planVersion = async (w: PlanWorld) => (await prisma().plan.findUniqueOrThrow({ where: { id: w.plan.id } })).version;
const goalVersion = async (w: PlanWorld) => (await prisma().goal.findUniqueOrThrow({ where: { id: w.goal.id } })).version;
const measureVersion = async (w: PlanWorld) => (await prisma().measure.findUniqueOrThrow({ where: { id: w.measure.id } })).version;
const meetingRow = (meetingId: string) => prisma().meeting.findUniqueOrThrow({ where: { id: meetingId } });
const deletedAt = async (table: "goal" | "measure" | "planService" | "logEntry" | "planComment", rowId: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one column of five tables
  ((await (prisma()[table] as any).findUniqueOrThrow({ where: { id: rowId } })) as { deletedAt: Date | null }).deletedAt?.getTime() ?? null;
const caseRow = (caseId: string) => prisma().case.findUniqueOrThrow({ where: { id: caseId } });

/** A staff identity provider, as an administrator sets one up. */
const PROVIDER_FIELDS = {
  kind: "STAFF" as const,
  name: "HelseID",
  issuer: "https://helseid-sts.test.nhn.no",
  clientId: "ip-portal",
  clientSecret: "hemmelig",
  scopes: "openid profile",
  acrValues: [],
  requiredAcr: null,
  identityClaim: "pid",
  roleClaim: "roles",
  roleMap: { koordinator: "COORDINATOR" as const },
  enabled: true,
};
const PROVIDER = { slug: "helseid-test", ...PROVIDER_FIELDS };

/** The meeting took place: moved into the past, as time would. */
async function heldMeeting(w: PlanWorld) {
  const { meetingId } = await scheduleMeeting(w);
  await prisma().meeting.update({ where: { id: meetingId }, data: { startsAt: new Date(Date.now() - 2 * HOUR) } });
  return { meetingId };
}

const everyoneAttended = async (meetingId: string) =>
  (await prisma().meetingInvitee.findMany({ where: { meetingId, removedAt: null } })).map((i) => ({ inviteeId: i.id, attended: true }));

async function meetingWithAttendance(w: PlanWorld) {
  const { meetingId } = await heldMeeting(w);
  await w.callers.coordinator.meeting.recordAttendance({ meetingId, attendance: await everyoneAttended(meetingId) });
  return { meetingId };
}

async function meetingWithOwnersPoint(w: PlanWorld) {
  const { meetingId } = await scheduleMeeting(w);
  const item = await w.callers.owner.meeting.addAgendaItem({ meetingId, title: "Jeg vil ta bussen alene" });
  return { meetingId, itemId: item.id };
}

/** The user asks for another coordinator: a case for the coordinating unit. */
async function ownersCase(w: PlanWorld) {
  const c = await w.callers.owner.case.create({ type: "COORDINATOR_CHANGE", description: "Jeg ønsker en annen koordinator." });
  return { caseId: c.id };
}

const caseProbe = async (_w: PlanWorld, s: { caseId: string }) => (await caseRow(s.caseId)).version;

/** A browser of its own: the pending sign-in's cookie, as the procedures set it. */
function signInBrowser() {
  const jar = { pending: null as string | null };
  const caller = createCaller(
    createContextInner({
      db: t.db,
      meta: { ip: "10.7.0.1", userAgent: "vitest" },
      pendingSignIn: {
        get token() {
          return jar.pending;
        },
        set: (token) => (jar.pending = token),
        clear: () => (jar.pending = null),
      },
    }),
  );
  return caller;
}
const totpStep = () => Math.floor(Date.now() / 30_000);
const totpCode = (key: Uint8Array, step: number) => generateHOTP(key, BigInt(step), 6);

/**
 * The owner half-way through a password sign-in outside the demo (the world's municipality made
 * so): at the set-up of the second factor, or (set up already) at its code.
 */
async function ownerAtSecondStep(w: PlanWorld, step: "setup" | "code") {
  await prisma().municipality.update({ where: { id: w.home.id }, data: { demo: false } });
  const first = signInBrowser();
  await first.auth.login({ email: w.people.owner.email, password: TEST_PASSWORD });
  const shown = await first.auth.secondFactorPending();
  if (shown?.step !== "setup") throw new Error("no set-up pending");
  const key = decodeBase32IgnorePadding(shown.key.replace(/ /g, ""));
  if (step === "setup") return { browser: first, code: totpCode(key, totpStep()), wrong: totpCode(key, totpStep() + 5) };
  await first.auth.secondFactorConfirm({ code: totpCode(key, totpStep()) });
  const second = signInBrowser();
  await second.auth.login({ email: w.people.owner.email, password: TEST_PASSWORD });
  return { browser: second, code: totpCode(key, totpStep() + 1), wrong: totpCode(key, totpStep() + 5) };
}
type AtSecondStep = Awaited<ReturnType<typeof ownerAtSecondStep>>;
const recoveryHashes = async (w: PlanWorld) => (await prisma().recoveryCode.findMany({ where: { userId: w.people.owner.id } })).map((r) => r.codeHash).sort();
const meetingProbe = async (_w: PlanWorld, s: { meetingId: string }) => (await meetingRow(s.meetingId)).version;

const CASES: Record<MutationPath, MutationCase<unknown>> = {
  // Signing in and one's own account.
  "auth.login": mutation({
    call: (c, w) => c.auth.login({ email: w.people.owner.email, password: TEST_PASSWORD }),
    allowed: "anonymous",
    actor: "owner",
    action: "auth.login",
    refused: {
      who: "anonymous",
      code: "UNAUTHORIZED",
      call: (c, w) => c.auth.login({ email: w.people.owner.email, password: "feil-passord" }),
      audit: ["auth.login_failed"],
    },
    probe: (w) => prisma().session.count({ where: { userId: w.people.owner.id } }),
  }),
  "auth.logout": mutation({
    call: (c) => c.auth.logout(),
    allowed: "owner",
    action: "auth.logout",
    refused: { who: "anonymous", code: "UNAUTHORIZED" },
    probe: (w) => prisma().session.count({ where: { userId: w.people.owner.id } }),
  }),
  "auth.changePassword": mutation({
    call: (c) => c.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "nytt-passord-123" }),
    allowed: "owner",
    action: "auth.password_changed",
    refused: [
      { who: "anonymous", code: "UNAUTHORIZED" },
      {
        who: "owner",
        code: "BAD_REQUEST",
        call: (c) => c.auth.changePassword({ currentPassword: "feil-passord", newPassword: "nytt-passord-123" }),
        // A wrong current password is a security event, like a failed sign-in (issue 11, finding 8).
        audit: ["auth.password_failed"],
      },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.owner.id } })).passwordHash,
  }),
  // The second factor of a password sign-in outside the demo (second-factor.test.ts tests it in full).
  "auth.secondFactorConfirm": mutation<AtSecondStep>({
    setup: (w) => ownerAtSecondStep(w, "setup"),
    call: (_c, _w, s) => s.browser.auth.secondFactorConfirm({ code: s.code }),
    allowed: "anonymous",
    actor: "owner",
    action: "auth.totp_enabled",
    refused: [
      // No pending sign-in in this browser.
      { who: "anonymous", code: "UNAUTHORIZED", call: (c, _w, s) => c.auth.secondFactorConfirm({ code: s.code }) },
      { who: "anonymous", code: "UNAUTHORIZED", call: (_c, _w, s) => s.browser.auth.secondFactorConfirm({ code: s.wrong }), audit: ["auth.totp_failed"] },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.owner.id } })).totpEnabledAt,
  }),
  "auth.secondFactorVerify": mutation<AtSecondStep>({
    setup: (w) => ownerAtSecondStep(w, "code"),
    call: (_c, _w, s) => s.browser.auth.secondFactorVerify({ code: s.code }),
    allowed: "anonymous",
    actor: "owner",
    action: "auth.login",
    refused: [
      { who: "anonymous", code: "UNAUTHORIZED", call: (c, _w, s) => c.auth.secondFactorVerify({ code: s.code }) },
      { who: "anonymous", code: "UNAUTHORIZED", call: (_c, _w, s) => s.browser.auth.secondFactorVerify({ code: s.wrong }), audit: ["auth.totp_failed"] },
    ],
    probe: (w) => prisma().session.count({ where: { userId: w.people.owner.id } }),
  }),
  "auth.recoveryCodesRenew": mutation<AtSecondStep>({
    // Set up, with a code from the app not yet used.
    setup: (w) => ownerAtSecondStep(w, "code"),
    call: (c, _w, s) => c.auth.recoveryCodesRenew({ code: s.code }),
    allowed: "owner",
    action: "auth.recovery_codes_renewed",
    refused: [
      { who: "anonymous", code: "UNAUTHORIZED" },
      // Without a second factor there are no codes to renew (the owner's are what is probed).
      { who: "coordinator", code: "BAD_REQUEST" },
      // A session alone is not enough: a wrong code is refused, counted and recorded.
      { who: "owner", code: "BAD_REQUEST", call: (c, _w, s) => c.auth.recoveryCodesRenew({ code: s.wrong }), audit: ["auth.totp_failed"] },
    ],
    probe: recoveryHashes,
  }),
  "notification.markRead": mutation({
    setup: async (w) => {
      await prisma().notification.create({ data: { municipalityId: w.home.id, userId: w.people.owner.id, kind: "plan.question", title: "Hei", body: "Se planen" } });
    },
    call: (c) => c.notification.markRead({}),
    allowed: "owner",
    action: "notification.read",
    refused: { who: "anonymous", code: "UNAUTHORIZED" },
    probe: (w) => prisma().notification.count({ where: { userId: w.people.owner.id, readAt: null } }),
  }),
  "notification.updateSettings": mutation({
    call: (c) => c.notification.updateSettings({ emailKinds: [], digest: true }),
    allowed: "owner",
    action: "notification.settings",
    refused: { who: "anonymous", code: "UNAUTHORIZED" },
    probe: () => prisma().notificationPreference.count(),
  }),

  // The plan.
  "plan.update": mutation({
    call: async (c, w) => c.plan.update({ planId: w.plan.id, version: await planVersion(w), changes: { nextReviewAt: "2027-06-01" } }),
    allowed: "coordinator",
    action: "plan.update",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: planVersion,
  }),
  "plan.close": mutation({
    call: async (c, w) => c.plan.close({ planId: w.plan.id, version: await planVersion(w), reason: "Målene er nådd.", endedOn: "2026-11-30" }),
    allowed: "coordinator",
    action: "plan.close",
    // Staff who may edit the plan still may not close it: only the coordinator or the coordinating unit.
    refused: [
      { who: "staffInGroup", code: "FORBIDDEN" },
      { who: "owner", code: "FORBIDDEN" },
    ],
    probe: planVersion,
  }),
  "plan.reopen": mutation({
    setup: async (w) => {
      await w.callers.coordinator.plan.close({ planId: w.plan.id, version: await planVersion(w), reason: "Målene er nådd.", endedOn: "2026-11-30" });
    },
    call: async (c, w) => c.plan.reopen({ planId: w.plan.id, version: await planVersion(w), reason: "Ny periode med nye mål." }),
    allowed: "coordinator",
    action: "plan.reopen",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "owner", code: "FORBIDDEN" },
    ],
    probe: planVersion,
  }),
  "plan.archive": mutation({
    call: (c, w) => c.plan.archive({ planId: w.plan.id }),
    allowed: "coordinator",
    action: "plan.archive",
    // An archive copy holds the whole plan: only the coordinator or the coordinating unit makes one.
    refused: [
      { who: "owner", code: "FORBIDDEN" },
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "staffInGroup", code: "FORBIDDEN" },
    ],
    probe: (w) => prisma().planArchive.count({ where: { planId: w.plan.id } }),
  }),
  "plan.statePurpose": mutation({
    call: (c, w) => c.plan.statePurpose({ planId: w.plan.id, purpose: "Årlig gjennomgang" }),
    allowed: "keLeader",
    action: "plan.purpose",
    // Only the coordinating unit states a purpose; to others the plan is not there.
    refused: { who: "staffOutside", code: "NOT_FOUND" },
    probe: () => prisma().purposeStatement.count(),
  }),
  "log.create": mutation({
    call: (c, w) => c.log.create({ planId: w.plan.id, body: "Ukas notat" }),
    allowed: "relativeWithConsent",
    action: "log.create",
    refused: { who: "relativeWithoutConsent", code: "NOT_FOUND" },
    probe: () => prisma().logEntry.count(),
  }),
  "comment.create": mutation({
    call: (c, w) => c.comment.create({ planId: w.plan.id, targetType: "about", body: "Fint skrevet" }),
    allowed: "staffInGroup",
    action: "comment.create",
    refused: { who: "staffOutside", code: "NOT_FOUND" },
    probe: () => prisma().planComment.count(),
  }),
  "service.add": mutation({
    call: (c, w) => c.service.add({ planId: w.plan.id, name: "Støttekontakt", provider: "Kulturtjenesten" }),
    allowed: "representative",
    action: "service.add",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: () => prisma().planService.count(),
  }),
  // Deleting is a soft delete (server/plans/removal.ts): the probe is the row's deletedAt.
  "service.delete": mutation({
    setup: async (w) => ({ id: (await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Avlastning", provider: "Bo og aktivitet" })).id }),
    call: (c, _w, s) => c.service.delete({ id: s.id, reason: "Skrevet inn to ganger" }),
    allowed: "coordinator",
    action: "service.delete",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "staffOutside", code: "NOT_FOUND" },
    ],
    probe: (_w, s) => deletedAt("planService", s.id),
  }),
  "service.restore": mutation({
    setup: async (w) => {
      const { id } = await w.callers.coordinator.service.add({ planId: w.plan.id, name: "Avlastning", provider: "Bo og aktivitet" });
      await w.callers.coordinator.service.delete({ id, reason: "Feil" });
      return { id };
    },
    call: (c, _w, s) => c.service.restore({ id: s.id }),
    allowed: "coordinator",
    action: "service.restore",
    refused: { who: "owner", code: "FORBIDDEN" },
    probe: (_w, s) => deletedAt("planService", s.id),
  }),
  "log.delete": mutation({
    setup: async (w) => ({ id: (await w.callers.relativeWithConsent.log.create({ planId: w.plan.id, body: "Feil plan" })).id }),
    call: (c, _w, s) => c.log.delete({ id: s.id, reason: "Skrev i feil plan" }),
    allowed: "relativeWithConsent",
    action: "log.delete",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: (_w, s) => deletedAt("logEntry", s.id),
  }),
  "log.restore": mutation({
    setup: async (w) => {
      const { id } = await w.callers.coordinator.log.create({ planId: w.plan.id, body: "Notat" });
      await w.callers.coordinator.log.delete({ id, reason: "Feil" });
      return { id };
    },
    call: (c, _w, s) => c.log.restore({ id: s.id }),
    allowed: "coordinator",
    action: "log.restore",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: (_w, s) => deletedAt("logEntry", s.id),
  }),
  "comment.delete": mutation({
    setup: async (w) => ({ id: (await w.callers.staffInGroup.comment.create({ planId: w.plan.id, targetType: "about", body: "Fint" })).id }),
    call: (c, _w, s) => c.comment.delete({ id: s.id, reason: "Angret" }),
    allowed: "staffInGroup",
    action: "comment.delete",
    // Only one's own comments: not even the coordinator deletes someone else's.
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: (_w, s) => deletedAt("planComment", s.id),
  }),
  "comment.restore": mutation({
    setup: async (w) => {
      const { id } = await w.callers.staffInGroup.comment.create({ planId: w.plan.id, targetType: "about", body: "Fint" });
      await w.callers.staffInGroup.comment.delete({ id, reason: "Angret" });
      return { id };
    },
    call: (c, _w, s) => c.comment.restore({ id: s.id }),
    allowed: "coordinator",
    action: "comment.restore",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: (_w, s) => deletedAt("planComment", s.id),
  }),
  "goal.delete": mutation({
    call: (c, w) => c.goal.delete({ id: w.goal.id, reason: "Skrevet inn to ganger" }),
    allowed: "owner",
    action: "goal.delete",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "staffOutside", code: "NOT_FOUND" },
    ],
    probe: (w) => deletedAt("goal", w.goal.id),
  }),
  "goal.restore": mutation({
    setup: async (w) => {
      await w.callers.coordinator.goal.delete({ id: w.goal.id, reason: "Feil" });
    },
    call: (c, w) => c.goal.restore({ id: w.goal.id }),
    allowed: "coordinator",
    action: "goal.restore",
    refused: { who: "owner", code: "FORBIDDEN" },
    probe: (w) => deletedAt("goal", w.goal.id),
  }),
  "goal.reorder": mutation({
    setup: async (w) => {
      await w.callers.coordinator.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Treffe venner" });
    },
    call: (c, w) => c.goal.reorder({ goalId: w.goal.id, position: 1 }),
    allowed: "representative",
    action: "goal.reorder",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: async (w) => (await prisma().goal.findUniqueOrThrow({ where: { id: w.goal.id } })).sortOrder,
  }),
  "assessment.record": mutation({
    call: (c, w) => c.assessment.record({ planId: w.plan.id, assessedOn: "2026-11-02", methods: ["CONVERSATION"], scores: { "IPLOS:01": 2, "IPLOS:13": 3 } }),
    allowed: "coordinator",
    action: "assessment.record",
    // The user's side gives its own view; readers and outsiders may not score.
    refused: [
      { who: "owner", code: "FORBIDDEN" },
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "staffOutside", code: "NOT_FOUND" },
    ],
    probe: (w) => prisma().assessmentScore.count({ where: { planId: w.plan.id } }),
  }),
  "assessment.ownView": mutation({
    call: (c, w) => c.assessment.ownView({ planId: w.plan.id, views: [{ variable: "IPLOS:13", score: 4, words: "Jeg glemmer mye" }] }),
    allowed: "owner",
    action: "assessment.own_view",
    refused: [
      { who: "coordinator", code: "FORBIDDEN" },
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "away", code: "NOT_FOUND" },
    ],
    probe: (w) => prisma().assessmentOwnView.count({ where: { planId: w.plan.id } }),
  }),
  "assessment.tieGoal": mutation({
    call: (c, w) => c.assessment.tieGoal({ goalId: w.goal.id, variables: ["IPLOS:06"] }),
    allowed: "coordinator",
    action: "goal.variables",
    refused: [
      { who: "staffInGroup", code: "FORBIDDEN" },
      { who: "relativeWithoutConsent", code: "NOT_FOUND" },
    ],
    probe: (w) => prisma().goalVariable.count({ where: { goalId: w.goal.id } }),
  }),
  "measure.delete": mutation({
    call: (c, w) => c.measure.delete({ id: w.measure.id, reason: "Avsluttet før det begynte" }),
    allowed: "coordinator",
    action: "measure.delete",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: (w) => deletedAt("measure", w.measure.id),
  }),
  "measure.restore": mutation({
    setup: async (w) => {
      await w.callers.coordinator.measure.delete({ id: w.measure.id, reason: "Feil" });
    },
    call: (c, w) => c.measure.restore({ id: w.measure.id }),
    allowed: "coordinator",
    action: "measure.restore",
    refused: { who: "keLeader", code: "FORBIDDEN" },
    probe: (w) => deletedAt("measure", w.measure.id),
  }),
  "measure.reorder": mutation({
    setup: async (w) => {
      await w.callers.coordinator.measure.create({ goalId: w.goal.id, title: "Ukentlig tur" });
    },
    call: (c, w) => c.measure.reorder({ measureId: w.measure.id, position: 1 }),
    allowed: "coordinator",
    action: "measure.reorder",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (w) => (await prisma().measure.findUniqueOrThrow({ where: { id: w.measure.id } })).sortOrder,
  }),
  "goal.create": mutation({
    call: (c, w) => c.goal.create({ planId: w.plan.id, lifeArea: "SOCIAL", title: "Treffe venner" }),
    allowed: "owner",
    action: "goal.create",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().goal.count(),
  }),
  "goal.update": mutation({
    call: async (c, w) => c.goal.update({ goalId: w.goal.id, version: await goalVersion(w), changes: { status: "IN_PROGRESS" } }),
    allowed: "representative",
    action: "goal.update",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: goalVersion,
  }),
  "measure.create": mutation({
    call: (c, w) => c.measure.create({ goalId: w.goal.id, title: "Ukentlig tur", responsibleUserId: w.people.staffInGroup.id }),
    allowed: "coordinator",
    action: "measure.create",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: () => prisma().measure.count(),
  }),
  "measure.update": mutation({
    call: async (c, w) => c.measure.update({ measureId: w.measure.id, version: await measureVersion(w), changes: { status: "ACTIVE" } }),
    allowed: "staffInGroup",
    action: "measure.update",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: measureVersion,
  }),
  "evaluation.create": mutation({
    call: (c, w) => c.evaluation.create({ measureId: w.measure.id, date: "2026-11-20", participants: "Kari og Jonas", achieved: "Gikk bra" }),
    allowed: "staffInGroup",
    action: "evaluation.create",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().evaluation.count(),
  }),
  "planDocument.add": mutation({
    call: (c, w) => c.planDocument.add({ planId: w.plan.id, name: "Vedlegg.pdf", visibility: "ALL_MEMBERS", contentBase64: Buffer.from("%PDF-1.4 vedlegg").toString("base64") }),
    allowed: "staffInGroup",
    action: "plan.document_add",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "away", code: "NOT_FOUND" },
    ],
    probe: () => prisma().planDocument.count(),
  }),
  "planDocument.delete": mutation({
    setup: async (w) =>
      w.callers.staffInGroup.planDocument.add({ planId: w.plan.id, name: "Vedlegg.pdf", visibility: "ALL_MEMBERS", contentBase64: Buffer.from("%PDF-1.4 vedlegg").toString("base64") }),
    call: (c, w, s) => c.planDocument.delete({ planId: w.plan.id, documentId: s.id }),
    allowed: "coordinator",
    action: "plan.document_delete",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      // Not theirs, and not the coordinator.
      { who: "owner", code: "FORBIDDEN" },
    ],
    probe: () => prisma().planDocument.count({ where: { deletedAt: null } }),
  }),

  // Who may see the plan.
  "participant.add": mutation({
    call: (c, w) => c.participant.add({ planId: w.plan.id, kind: "PROVIDER", displayName: "Lærer Lise", organisation: "Skolen" }),
    allowed: "coordinator",
    action: "participant.add",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().planParticipant.count(),
  }),
  "participant.update": mutation({
    call: async (c, w) => {
      const { version } = await prisma().planParticipant.findUniqueOrThrow({ where: { id: w.external.id } });
      return c.participant.update({ participantId: w.external.id, version, changes: { contribution: "Medisiner" } });
    },
    allowed: "coordinator",
    action: "participant.update",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: async (w) => (await prisma().planParticipant.findUniqueOrThrow({ where: { id: w.external.id } })).version,
  }),
  "participant.invite": mutation({
    call: (c, w) => c.participant.invite({ participantId: w.external.id, email: "dr.lund@legesenter.no" }),
    allowed: "coordinator",
    action: "participant.invite",
    refused: [
      { who: "relativeWithConsent", code: "FORBIDDEN" },
      { who: "away", code: "NOT_FOUND" },
    ],
    probe: () => prisma().participantInvite.count(),
  }),
  "participant.acceptInvite": mutation<{ token: string }>({
    setup: async (w) => {
      const { path } = await w.callers.coordinator.participant.invite({ participantId: w.external.id, email: w.people.staffOutside.email });
      return { token: path.slice("/invitasjon/".length) };
    },
    call: (c, _w, s) => c.participant.acceptInvite({ token: s.token }),
    allowed: "staffOutside",
    action: "participant.invite_accept",
    refused: [
      // Sent to another address than this account's.
      { who: "relativeWithoutConsent", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
      { who: "staffOutside", code: "NOT_FOUND", call: (c) => c.participant.acceptInvite({ token: "ukjent" }) },
    ],
    probe: async (w) => (await prisma().planParticipant.findUniqueOrThrow({ where: { id: w.external.id } })).userId,
  }),
  "consent.grant": mutation({
    call: (c, w) => c.consent.grant({ planId: w.plan.id, participantId: w.external.id, validTo: "2030-01-01" }),
    allowed: "owner",
    action: "consent.grant",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: () => prisma().participantConsent.count(),
  }),
  "consent.withdraw": mutation({
    call: (c, w) => c.consent.withdraw({ planId: w.plan.id, participantId: w.external.id }),
    allowed: "representative",
    action: "consent.withdraw",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: () => prisma().participantConsent.count({ where: { withdrawnAt: null } }),
  }),
  "coordinator.assign": mutation({
    call: (c, w) => c.coordinator.assign({ planId: w.plan.id, coordinatorId: w.people.staffOutside.id, handoverNote: "Kari ønsker møter før 12." }),
    allowed: "keLeader",
    action: "coordinator.assign",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: async (w) => (await prisma().coordinatorAssignment.findFirstOrThrow({ where: { planId: w.plan.id, endedAt: null } })).coordinatorId,
  }),
  "coordinator.requestChange": mutation({
    call: (c, w) => c.coordinator.requestChange({ planId: w.plan.id, reason: "Vi får ikke til samarbeidet" }),
    allowed: "owner",
    action: "coordinator.request_change",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: () => prisma().coordinatorChangeRequest.count(),
  }),

  // Cases in the coordinating unit.
  "case.create": mutation({
    call: (c, w) => c.case.create({ type: "NEED_NOTICE", planId: w.plan.id, description: "Trenger mer hjelp om morgenen." }),
    allowed: "staffInGroup",
    action: "case.create",
    refused: { who: "staffOutside", code: "NOT_FOUND" },
    probe: () => prisma().case.count(),
  }),
  "case.assign": mutation({
    setup: ownersCase,
    call: (c, w, s) => c.case.assign({ caseId: s.caseId, version: 1, officerId: w.people.caseOfficer.id }),
    allowed: "caseOfficer",
    action: "case.assign",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: caseProbe,
  }),
  "case.addNote": mutation({
    setup: ownersCase,
    call: (c, _w, s) => c.case.addNote({ caseId: s.caseId, body: "Ringte Kari." }),
    allowed: "keLeader",
    action: "case.note",
    refused: { who: "owner", code: "FORBIDDEN" },
    probe: () => prisma().caseNote.count(),
  }),
  "case.sendInterimReply": mutation({
    setup: ownersCase,
    call: (c, _w, s) => c.case.sendInterimReply({ caseId: s.caseId, version: 1, reason: "Vi venter på opplysninger." }),
    allowed: "caseOfficer",
    action: "case.interim_reply",
    refused: { who: "away", code: "NOT_FOUND" },
    probe: caseProbe,
  }),
  "case.decide": mutation({
    setup: ownersCase,
    // Granting appoints the new coordinator in the same transaction: still one audit row.
    call: (c, w, s) =>
      c.case.decide({ caseId: s.caseId, version: 1, outcome: "GRANTED", grounds: "Innvilget.", coordinatorId: w.people.staffOutside.id, handoverNote: "Overført." }),
    allowed: "keLeader",
    action: "case.decide",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: async (w, s) => [
      (await caseRow(s.caseId)).version,
      (await prisma().coordinatorAssignment.findFirstOrThrow({ where: { planId: w.plan.id, endedAt: null } })).coordinatorId,
    ],
  }),
  "case.addDocument": mutation({
    setup: ownersCase,
    call: (c, _w, s) =>
      c.case.addDocument({ caseId: s.caseId, name: "Epikrise.pdf", mimeType: "application/pdf", contentBase64: Buffer.from("%PDF-1.4 brev").toString("base64") }),
    allowed: "caseOfficer",
    action: "case.document_add",
    refused: { who: "owner", code: "FORBIDDEN" },
    probe: () => prisma().caseDocument.count(),
  }),
  "case.linkSubject": mutation({
    setup: async (w) => {
      const person = await createUser(prisma(), { municipalityId: w.home.id, roles: ["USER"], name: "Nina Ny" });
      const c = await w.callers.relativeWithConsent.case.create({ type: "IP_APPLICATION", subjectName: "Nina Ny", description: "Søker for søsteren min." });
      return { caseId: c.id, personId: person.id };
    },
    call: (c, _w, s) => c.case.linkSubject({ caseId: s.caseId, version: 1, userId: s.personId }),
    allowed: "caseOfficer",
    action: "case.link_subject",
    refused: { who: "unitLeader", code: "FORBIDDEN" },
    probe: async (_w, s) => (await caseRow(s.caseId)).subjectUserId,
  }),
  "case.close": mutation({
    setup: ownersCase,
    call: (c, _w, s) => c.case.close({ caseId: s.caseId, version: 1 }),
    allowed: "keLeader",
    action: "case.close",
    refused: { who: "coordinator", code: "FORBIDDEN" },
    probe: async (_w, s) => (await caseRow(s.caseId)).status,
  }),
  "caseType.update": mutation({
    call: (c) => c.caseType.update({ type: "COMPLAINT", deadlineAmount: 10, deadlineUnit: "WORKING_DAYS", formalDecision: true, reminderWorkingDays: 2 }),
    allowed: "admin",
    action: "caseType.update",
    refused: { who: "keLeader", code: "FORBIDDEN" },
    probe: () => prisma().caseTypeSetting.count(),
  }),
  "user.setActive": mutation({
    call: (c, w) => c.user.setActive({ userId: w.people.staffOutside.id, active: false }),
    allowed: "admin",
    action: "user.deactivate",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id } })).active,
  }),
  // Administration (tests/integration/admin.test.ts refuses each for every other role too).
  "user.create": mutation({
    call: (c, w) => c.user.create({ name: "Nina Ny", email: "nina.ny@eksempel.no", roles: ["STAFF"], unitId: w.unit.id }),
    allowed: "admin",
    action: "user.create",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: () => prisma().user.count(),
  }),
  "user.update": mutation({
    call: (c, w) => c.user.update({ userId: w.people.staffOutside.id, name: "Per Utenfor", title: "Vernepleier", roles: ["STAFF", "COORDINATOR"], unitId: w.unit.id }),
    allowed: "admin",
    action: "user.update",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id } })).title,
  }),
  "user.deactivate": mutation({
    call: (c, w) => c.user.deactivate({ userId: w.people.staffOutside.id }),
    allowed: "admin",
    action: "user.deactivate",
    refused: [
      { who: "unitLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id } })).active,
  }),
  "user.reactivate": mutation({
    setup: async (w) => {
      await prisma().user.update({ where: { id: w.people.staffOutside.id }, data: { active: false } });
      return undefined;
    },
    call: (c, w) => c.user.reactivate({ userId: w.people.staffOutside.id }),
    allowed: "admin",
    action: "user.activate",
    refused: [
      { who: "coordinator", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id } })).active,
  }),
  "user.resetSecondFactor": mutation({
    setup: async (w) => {
      await prisma().user.update({ where: { id: w.people.staffOutside.id }, data: { totpKeyEnc: "v1:sealed-key", totpEnabledAt: new Date() } });
      return undefined;
    },
    call: (c, w) => c.user.resetSecondFactor({ userId: w.people.staffOutside.id }),
    allowed: "admin",
    action: "user.second_factor_reset",
    refused: [
      { who: "coordinator", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => (await prisma().user.findUniqueOrThrow({ where: { id: w.people.staffOutside.id } })).totpEnabledAt,
  }),
  "user.import": mutation<string>({
    // The preview seals the file; "commit" takes it back sealed.
    setup: async (w) => (await w.callers.admin.user.import({ mode: "preview", csv: "navn;e-post;enhet;roller\nNina Ny;nina.ny@eksempel.no;Hjemmetjenesten;Koordinator\n" })).sealedCsv!,
    call: (c, _w, sealedCsv) => c.user.import({ mode: "commit", sealedCsv }),
    allowed: "admin",
    action: "user.import",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: () => prisma().user.count(),
  }),
  "unit.create": mutation({
    call: (c) => c.unit.create({ name: "Barne- og familietjenesten" }),
    allowed: "admin",
    action: "unit.create",
    refused: [
      { who: "unitLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: () => prisma().unit.count(),
  }),
  "unit.update": mutation({
    call: (c, w) => c.unit.update({ unitId: w.unit.id, name: "Hjemmetjenesten sør", closed: true }),
    allowed: "admin",
    action: "unit.update",
    refused: [
      { who: "unitLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => prisma().unit.findUniqueOrThrow({ where: { id: w.unit.id }, select: { name: true, closedAt: true } }),
  }),
  "planTemplate.update": mutation({
    call: async (c, w) => {
      const current = await prisma().planTemplate.findUniqueOrThrow({ where: { municipalityId_type: { municipalityId: w.home.id, type: "IOP" } } });
      return c.planTemplate.update({ type: "IOP", version: current.version, lifeAreas: [{ area: "SCHOOL_WORK", label: "Fag" }], headings: [{ section: "GOALS", title: "Opplæringsmål", guidance: "Hva eleven skal lære." }] });
    },
    allowed: "admin",
    action: "planTemplate.update",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "coordinator", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => prisma().planTemplate.findUniqueOrThrow({ where: { municipalityId_type: { municipalityId: w.home.id, type: "IOP" } }, select: { version: true, headings: true } }),
  }),
  "assessment.saveCodeList": mutation({
    call: async (c) => {
      const { current } = await c.assessment.codeList();
      const variables = current.variables.map((v) => (v.code === "TRYGGHET" ? { ...v, plain: "Å kjenne meg trygg" } : v));
      return c.assessment.saveCodeList({ basedOnVersion: current.version, content: { areas: current.areas, variables }, maxAgeMonths: 18 });
    },
    allowed: "admin",
    action: "assessment.codes",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "coordinator", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => [await prisma().assessmentCodeList.count({ where: { municipalityId: w.home.id } }), (await prisma().municipality.findUniqueOrThrow({ where: { id: w.home.id } })).assessmentMaxAgeMonths],
  }),
  "municipality.updateSettings": mutation({
    call: (c) => c.municipality.updateSettings({ name: "Nykommune", contactEmail: "ke@nykommune.no", contactPhone: "12 34 56 78", mailFrom: "ikke-svar@nykommune.no", passwordSignIn: true }),
    allowed: "admin",
    action: "municipality.update",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (w) => prisma().municipality.findUniqueOrThrow({ where: { id: w.home.id }, select: { name: true, contactEmail: true } }),
  }),
  "identityProvider.create": mutation({
    call: (c) => c.identityProvider.create(PROVIDER),
    allowed: "admin",
    action: "identityProvider.create",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: () => prisma().identityProvider.count(),
  }),
  "identityProvider.update": mutation({
    setup: async (w) => ({ providerId: (await w.callers.admin.identityProvider.create(PROVIDER)).id }),
    call: (c, _w, s) => c.identityProvider.update({ providerId: s.providerId, ...PROVIDER_FIELDS, name: "HelseID (ny)" }),
    allowed: "admin",
    action: "identityProvider.update",
    refused: [
      { who: "keLeader", code: "FORBIDDEN" },
      { who: "away", code: "FORBIDDEN" },
    ],
    probe: async (_w, s) => (await prisma().identityProvider.findUniqueOrThrow({ where: { id: s.providerId } })).name,
  }),
  "question.ask": mutation({
    call: (c, w) => c.question.ask({ planId: w.plan.id, text: "Kan du se på planen?" }),
    allowed: "keLeader",
    action: "plan.question",
    refused: [
      { who: "caseOfficer", code: "FORBIDDEN" },
      { who: "owner", code: "NOT_FOUND" },
      { who: "staffInGroup", code: "NOT_FOUND" },
    ],
    probe: () => prisma().planQuestionMessage.count(),
  }),
  "question.reply": mutation({
    setup: async (w) => ({ questionId: (await w.callers.keLeader.question.ask({ planId: w.plan.id, text: "Kan du se på planen?" })).questionId }),
    call: (c, _w, s) => c.question.reply({ questionId: s.questionId, text: "Ja, vi har møte neste uke." }),
    allowed: "coordinator",
    action: "plan.question.reply",
    refused: [
      { who: "owner", code: "NOT_FOUND" },
      { who: "relativeWithConsent", code: "NOT_FOUND" },
      { who: "staffInGroup", code: "NOT_FOUND" },
      { who: "away", code: "NOT_FOUND" },
    ],
    probe: () => prisma().planQuestionMessage.count(),
  }),

  // Meetings.
  "meeting.create": mutation({
    call: (c, w) => c.meeting.create({ planId: w.plan.id, startsAt: inHours(72), durationMinutes: 60, location: "Helsehuset", invitees: [{ participantId: w.external.id }] }),
    allowed: "coordinator",
    action: "meeting.create",
    refused: { who: "staffInGroup", code: "FORBIDDEN" },
    probe: () => prisma().meeting.count(),
  }),
  "meeting.update": mutation({
    setup: scheduleMeeting,
    call: async (c, _w, s) => c.meeting.update({ meetingId: s.meetingId, version: (await meetingRow(s.meetingId)).version, changes: { location: "Helsehuset" } }),
    allowed: "coordinator",
    action: "meeting.update",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: meetingProbe,
  }),
  "meeting.cancel": mutation({
    setup: scheduleMeeting,
    call: (c, _w, s) => c.meeting.cancel({ meetingId: s.meetingId, reason: "Koordinator er syk" }),
    allowed: "coordinator",
    action: "meeting.cancel",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (_w, s) => (await meetingRow(s.meetingId)).status,
  }),
  "meeting.respond": mutation({
    setup: scheduleMeeting,
    call: (c, _w, s) => c.meeting.respond({ meetingId: s.meetingId, response: "YES" }),
    allowed: "owner",
    action: "meeting.respond",
    // In the plan, but not invited.
    refused: { who: "representative", code: "FORBIDDEN" },
    probe: async (_w, s) => (await prisma().meetingInvitee.findMany({ where: { meetingId: s.meetingId }, orderBy: { id: "asc" } })).map((i) => i.response),
  }),
  "meeting.addGuest": mutation({
    setup: scheduleMeeting,
    call: (c, w, s) => c.meeting.addGuest({ meetingId: s.meetingId, userId: w.people.staffOutside.id, organisation: "Skolen" }),
    allowed: "coordinator",
    action: "meeting.guest.add",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: (_w, s) => prisma().meetingInvitee.count({ where: { meetingId: s.meetingId } }),
  }),
  "meeting.recordGuestConsent": mutation({
    setup: async (w) => {
      const { meetingId } = await scheduleMeeting(w);
      const waiting = await w.callers.coordinator.meeting.addGuest({ meetingId, userId: w.people.staffOutside.id, organisation: "Skolen" });
      return { inviteeId: waiting.id };
    },
    call: (c, _w, s) => c.meeting.recordGuestConsent({ inviteeId: s.inviteeId }),
    allowed: "owner",
    action: "meeting.guest.consent",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (_w, s) => (await prisma().meetingInvitee.findUniqueOrThrow({ where: { id: s.inviteeId } })).consentGivenAt,
  }),
  "meeting.addAgendaItem": mutation({
    setup: scheduleMeeting,
    call: (c, _w, s) => c.meeting.addAgendaItem({ meetingId: s.meetingId, title: "Dette vil jeg snakke om" }),
    allowed: "owner",
    action: "meeting.agenda.add",
    refused: { who: "relativeWithoutConsent", code: "NOT_FOUND" },
    probe: () => prisma().agendaItem.count(),
  }),
  "meeting.updateAgendaItem": mutation({
    setup: meetingWithOwnersPoint,
    call: (c, _w, s) => c.meeting.updateAgendaItem({ itemId: s.itemId, version: 1, changes: { note: "Helst på hverdager" } }),
    allowed: "owner",
    action: "meeting.agenda.update",
    // Someone who may add points changes only their own.
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (_w, s) => (await prisma().agendaItem.findUniqueOrThrow({ where: { id: s.itemId } })).version,
  }),
  "meeting.removeAgendaItem": mutation({
    setup: meetingWithOwnersPoint,
    call: (c, _w, s) => c.meeting.removeAgendaItem({ itemId: s.itemId }),
    allowed: "owner",
    action: "meeting.agenda.remove",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().agendaItem.count(),
  }),
  "meeting.reorderAgenda": mutation({
    setup: async (w) => {
      const { meetingId } = await meetingWithOwnersPoint(w);
      await w.callers.coordinator.meeting.addAgendaItem({ meetingId, title: "Transport" });
      return { meetingId };
    },
    call: async (c, _w, s) => {
      const items = await prisma().agendaItem.findMany({ where: { meetingId: s.meetingId }, orderBy: { sortOrder: "asc" } });
      return c.meeting.reorderAgenda({ meetingId: s.meetingId, itemIds: items.map((i) => i.id).reverse() });
    },
    allowed: "coordinator",
    action: "meeting.agenda.reorder",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (_w, s) => (await prisma().agendaItem.findMany({ where: { meetingId: s.meetingId }, orderBy: { sortOrder: "asc" } })).map((i) => i.id),
  }),
  "meeting.recordAttendance": mutation({
    setup: heldMeeting,
    call: async (c, _w, s) => c.meeting.recordAttendance({ meetingId: s.meetingId, attendance: await everyoneAttended(s.meetingId) }),
    allowed: "coordinator",
    action: "meeting.attendance",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: meetingProbe,
  }),
  "meeting.approveMinutes": mutation({
    setup: meetingWithAttendance,
    call: (c, _w, s) => c.meeting.approveMinutes({ meetingId: s.meetingId, text: "Til stede: alle. Kari klarer morgenen selv." }),
    allowed: "coordinator",
    action: "minutes.approved",
    refused: { who: "owner", code: "FORBIDDEN" },
    probe: meetingProbe,
  }),
  "meeting.addCorrection": mutation({
    setup: async (w) => {
      const { meetingId } = await meetingWithAttendance(w);
      await w.callers.coordinator.meeting.approveMinutes({ meetingId, text: "Referat" });
      return { meetingId };
    },
    call: (c, _w, s) => c.meeting.addCorrection({ meetingId: s.meetingId, text: "Det var tre av fem dager." }),
    allowed: "owner",
    action: "minutes.correction",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().minutesCorrection.count(),
  }),
  "meeting.createTask": mutation({
    setup: scheduleMeeting,
    call: (c, w, s) => c.meeting.createTask({ meetingId: s.meetingId, title: "Søke om bassengkort", responsibleUserId: w.people.staffInGroup.id, dueDate: "2027-01-15" }),
    allowed: "coordinator",
    action: "meeting.task.create",
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: () => prisma().meetingTask.count(),
  }),
  "meeting.completeTask": mutation({
    setup: async (w) => {
      const { meetingId } = await scheduleMeeting(w);
      const task = await w.callers.coordinator.meeting.createTask({ meetingId, title: "Ringe NAV", responsibleUserId: w.people.staffInGroup.id, dueDate: "2027-01-15" });
      return { taskId: task.id };
    },
    call: (c, _w, s) => c.meeting.completeTask({ taskId: s.taskId }),
    allowed: "staffInGroup",
    action: "meeting.task.complete",
    // A member who reads the meeting, but neither edits it nor owns the task.
    refused: { who: "relativeWithConsent", code: "FORBIDDEN" },
    probe: async (_w, s) => (await prisma().meetingTask.findUniqueOrThrow({ where: { id: s.taskId } })).status,
  }),
};

/** The mutations the router has at run time: tRPC 11 keeps a flat record keyed by "area.name". */
function routerMutations() {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.keys(procedures)
    .filter((path) => procedures[path]._def.type === "mutation")
    .sort();
}

const auditIds = async () => new Set((await prisma().auditEvent.findMany({ select: { id: true } })).map((a) => a.id));
const auditRowsSince = async (before: Set<string>) => (await prisma().auditEvent.findMany()).filter((a) => !before.has(a.id));

describe("the table", () => {
  it("has a case for every mutation of the root router, and none for a mutation that is gone", () => {
    // A lazy router's procedures would not be listed until loaded.
    expect(Object.keys(appRouter._def.lazy)).toEqual([]);
    const mutations = routerMutations();
    expect(mutations.length).toBeGreaterThan(40);
    expect(Object.keys(CASES).sort()).toEqual(mutations);
  });
});

describe.each(Object.entries(CASES))("%s", (path, c) => {
  it("is refused without a trace", async () => {
    const w = await createPlanWorld(t.db);
    const s = await c.setup?.(w);
    for (const refusal of [c.refused].flat()) {
      const state = await c.probe(w, s);
      const before = await auditIds();
      const outcome = await (refusal.call ?? c.call)(callerOf(w, refusal.who), w, s).then(
        () => "allowed",
        (error: { code?: string }) => error.code ?? String(error),
      );
      expect(outcome, `${path} by ${refusal.who}`).toBe(refusal.code);
      const written = await auditRowsSince(before);
      expect(written.map((a) => a.action), `${path} by ${refusal.who}: audit rows`).toEqual(refusal.audit ?? []);
      expect(await c.probe(w, s), `${path} by ${refusal.who}: nothing changed`).toEqual(state);
    }
  });

  it("writes exactly one audit row, of a declared action that is not a read", async () => {
    const w = await createPlanWorld(t.db);
    const s = await c.setup?.(w);
    const state = await c.probe(w, s);
    const before = await auditIds();
    await c.call(callerOf(w, c.allowed), w, s);
    const written = await auditRowsSince(before);
    expect(written.map((a) => a.action), `${path}: audit rows`).toEqual([c.action]);
    const [row] = written;
    expect(isAuditAction(row.action), `${row.action} is declared`).toBe(true);
    const definition = AUDIT_ACTIONS[row.action as AuditAction];
    expect(definition.kind).not.toBe("READ");
    expect(row.kind).toBe(definition.kind);
    expect(row.actorId).toBe(w.people[c.actor ?? (c.allowed as Who)].id);
    // The probe sees the change, so its staying put on refusal means something.
    expect(await c.probe(w, s), `${path}: the probe sees the change`).not.toEqual(state);
  });
});
