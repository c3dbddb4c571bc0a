import { auditKindOf, type ChangeAction } from "../../app/domain/audit-actions.ts";
import { recordAudit, type RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/types.ts";
import { events, type ChangeEvent } from "../events.ts";
import { announceNotifications, type StoredNotification } from "../notifications/deliver.ts";
import { sendNotices } from "../notifications/notices.ts";
import { isPlanActivity, noteActivity, refuseChangeToClosedPlan } from "./activity.ts";
import type { ChangeDetails } from "./details.ts";
import type { Policy, Scope } from "./policy.ts";

// The one way anything changes (docs/decisions/012-one-write-path.md). In one transaction:
// the policy decides who may (inside the service, never only in a router), the change is made,
// the plan's last activity moves by one rule, one typed audit row is written, and the notices
// the change causes are stored. After commit, one typed event is published; live pages, the
// co-editing server and e-mail follow from it.

export interface Actor {
  id: string;
  name: string;
  municipalityId: string;
}

/** The details an action's audit row and event carry: typed where server/records/details.ts says. */
export type DetailsOf<A extends ChangeAction> = A extends keyof ChangeDetails ? ChangeDetails[A] : Record<string, Prisma.InputJsonValue | null | undefined> | undefined;

type DetailsField<A extends ChangeAction> = A extends keyof ChangeDetails ? { details: ChangeDetails[A] } : { details?: DetailsOf<A> };

export type Change<A extends ChangeAction, T> = {
  result: T;
  /** What the audit row is about, when not the policy's own target (the plan, the meeting, the case). */
  target?: { type: string; id: string };
  /** The plan the change is in, when the policy did not know it beforehand (a decision that creates one). */
  planId?: string | null;
  /** The meeting it was done in or to, when the policy was the plan's (a goal changed in a meeting). */
  meetingId?: string;
  caseId?: string;
  /** People who lost access to the plan through this change: their open pages and texts are checked again. */
  revoked?: string[];
} & DetailsField<A>;

export async function write<A extends ChangeAction, S extends Scope, T>(
  prisma: PrismaClient,
  actor: SessionUser,
  meta: RequestMeta,
  policy: Policy<S>,
  action: A,
  fn: (tx: Prisma.TransactionClient, scope: S) => Promise<Change<A, T>>,
): Promise<T> {
  const { outcome, committed } = await prisma.$transaction(async (tx) => {
    const scope = await policy.resolve(tx, actor);
    await refuseChangeToClosedPlan(tx, scope.planId, action);
    const outcome = await fn(tx, scope);
    const committed = await recordChange(tx, {
      action,
      actor,
      meta,
      municipalityId: scope.municipalityId,
      planId: outcome.planId === undefined ? scope.planId : outcome.planId,
      planRole: scope.planRole,
      purpose: scope.purpose,
      meetingId: outcome.meetingId ?? scope.meetingId ?? null,
      caseId: outcome.caseId ?? scope.caseId ?? null,
      target: outcome.target ?? scope.target ?? null,
      details: outcome.details as ChangeEvent<A>["details"],
    });
    return { outcome, committed };
  });
  publish(committed, outcome.revoked ?? []);
  return outcome.result;
}

export interface ChangeRecord<A extends ChangeAction> extends Omit<ChangeEvent<A>, "kind" | "actorId" | "actorName"> {
  actor: Actor;
  meta: RequestMeta;
  createdAt?: Date;
  /** The coordinating unit's stated purpose: in the audit row, never in the event. */
  purpose?: string;
}

export interface Committed {
  event: ChangeEvent;
  notices: StoredNotification[];
}

/**
 * The part of a change that is the same for every change: activity, the audit row and the
 * notices, in the caller's transaction. write() uses it; so does the co-editing store, whose
 * access was checked when the text was opened (and again whenever access changes) and which
 * records several people's edits of one text in one transaction.
 */
export async function recordChange<A extends ChangeAction>(tx: Tx, record: ChangeRecord<A>): Promise<Committed> {
  const { actor, meta, createdAt, purpose, ...facts } = record;
  if (facts.planId && isPlanActivity(facts.action)) await noteActivity(tx, facts.planId, createdAt);
  await recordAudit(tx, {
    action: facts.action,
    municipalityId: facts.municipalityId,
    actorId: actor.id,
    planRole: facts.planRole,
    planId: facts.planId,
    targetType: facts.target?.type,
    targetId: facts.target?.id,
    purpose,
    // A change in or to a meeting names it in the row, whatever else the details say.
    details: (facts.meetingId ? { ...(facts.details as object | undefined), meetingId: facts.meetingId } : facts.details) as Prisma.InputJsonValue | undefined,
    meta,
    createdAt,
  });
  const event = { ...facts, kind: auditKindOf(facts.action), actorId: actor.id, actorName: actor.name } as ChangeEvent;
  return { event, notices: await sendNotices(tx, event) };
}

/** After commit: the event, then the people who lost access, then the notices' live delivery. */
export function publish(committed: Committed, revoked: string[] = []): void {
  events.emit("changed", committed.event);
  const planId = committed.event.planId;
  if (planId) for (const userId of revoked) events.emit("plan.accessRevoked", { planId, userId });
  announceNotifications(committed.notices);
}
