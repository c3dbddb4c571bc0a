import { EventEmitter } from "node:events";

// Domain services announce what happened here; realtime, jobs and notifications listen.
// Services never import socket.io, so they stay testable without a server.
export type PlanEntity =
  | "plan"
  | "about"
  | "goal"
  | "measure"
  | "evaluation"
  | "participant"
  | "consent"
  | "coordinator"
  | "log"
  | "service"
  | "comment"
  | "meeting";

export interface DomainEvents {
  /** Sessions ended (logout, password change): their live connections must close. */
  "auth.sessionsEnded": { userId: string; sessionIds: string[] | "all" };
  /** Something in a plan changed; everyone who has it open reloads that part. */
  "plan.changed": { planId: string; municipalityId: string; entity: PlanEntity; entityId: string | null; actorId: string; action: string };
  /** A notification was created for a person: their open pages show it at once. */
  "notification.created": { notificationId: string; userId: string; title: string; link: string | null };
  /** A case was received or handled: counters and lists update. */
  "case.changed": { municipalityId: string; caseId: string; action: string };
  /**
   * A responsibility-group meeting changed (scheduled, moved, cancelled, agenda, attendance, minutes
   * approved, …). On "minutes.approved" and "cancelled" the minutes become read-only: open
   * co-editing connections to `meeting:<id>:minutes` must turn read-only.
   */
  "meeting.changed": { meetingId: string; planId: string; municipalityId: string; action: string; actorId: string | null };
  /** A person lost access to a plan (consent withdrawn, participant removed, coordinator released). */
  "plan.accessRevoked": { planId: string; userId: string };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

class DomainEventBus {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.emitter.emit(event, payload);
  }

  on<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}

export const events = new DomainEventBus();
