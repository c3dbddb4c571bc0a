import { EventEmitter } from "node:events";
import type { AuditKind, ChangeAction } from "../app/domain/audit-actions.ts";
import type { PlanRole } from "../app/domain/schemas.ts";
import type { ChangeDetails } from "./records/details.ts";

// Domain services announce what happened here, after their transaction has committed;
// realtime, co-editing and e-mail listen. Services never import socket.io, so they stay
// testable without a server. Every change publishes exactly one "changed" event
// (server/records/write.ts); notices were already written in the change's transaction.

/** One committed change: the same facts as its audit row, with details typed per action. */
export interface ChangeEvent<A extends ChangeAction = ChangeAction> {
  action: A;
  kind: AuditKind;
  actorId: string;
  actorName: string;
  municipalityId: string;
  planId: string | null;
  /** What the actor is in the plan (OWNER and REPRESENTATIVE are the user's side). */
  planRole: PlanRole | null;
  meetingId: string | null;
  caseId: string | null;
  target: { type: string; id: string } | null;
  details: A extends keyof ChangeDetails ? ChangeDetails[A] : Record<string, unknown> | undefined;
}

export interface DomainEvents {
  /** A change was committed: open pages of its plan, case or meeting update. */
  changed: ChangeEvent;
  /** Sessions ended (logout, password change): their live connections must close. */
  "auth.sessionsEnded": { userId: string; sessionIds: string[] | "all" };
  /** A person lost access to a plan (consent withdrawn, participant removed, coordinator released). */
  "plan.accessRevoked": { planId: string; userId: string };
  /** A notification was stored for a person: their open pages show it at once, e-mail may follow. */
  "notification.created": { notificationId: string; userId: string; title: string; link: string | null };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

class DomainEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open server part (sockets, co-editing, e-mail, tests) listens; that is not a leak.
    this.emitter.setMaxListeners(100);
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.emitter.emit(event, payload);
  }

  on<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}

export const events = new DomainEventBus();
