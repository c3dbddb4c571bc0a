import { EventEmitter } from "node:events";

// Domain services announce what happened here; realtime, jobs and notifications listen.
// Services never import socket.io, so they stay testable without a server.
export interface DomainEvents {
  /** Sessions ended (logout, password change): their live connections must close. */
  "auth.sessionsEnded": { userId: string; sessionIds: string[] | "all" };
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
