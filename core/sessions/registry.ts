/**
 * The live sessions, for counts, lookups by REST session id and cleanup when a persona goes.
 *
 * @module
 */
import { Session, type SessionKind } from "./session.ts";

/** Tracks open sessions. */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;

  /** Creates a registry reading time from `now`. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Opens and registers a new session. */
  open(kind: SessionKind): Session {
    const session = new Session(kind, this.#now());
    this.#sessions.set(session.id, session);
    return session;
  }

  /** Closes a session: aborts its requests and forgets it. */
  close(session: Session, reason?: string): void {
    session.close(reason);
    this.#sessions.delete(session.id);
  }

  /** A registered session by id, if it is still open. */
  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  /** Number of open sessions, by kind and in total. */
  counts(): { total: number; by_kind: Record<string, number> } {
    const byKind: Record<string, number> = {};
    for (const session of this.#sessions.values()) {
      byKind[session.kind] = (byKind[session.kind] ?? 0) + 1;
    }
    return { total: this.#sessions.size, by_kind: byKind };
  }

  /** Every open session. */
  all(): Session[] {
    return [...this.#sessions.values()];
  }

  /** Clears `personaId` wherever it is the active persona (it was deleted). */
  forgetPersona(personaId: string): void {
    for (const session of this.#sessions.values()) {
      if (session.activePersonaId === personaId) session.activePersonaId = null;
    }
  }

  /** Closes sessions of `kind` idle for longer than `idleMs`; returns how many. */
  expireIdle(kind: SessionKind, idleMs: number): number {
    const cutoff = this.#now() - idleMs;
    let expired = 0;
    for (const session of this.all()) {
      if (session.kind === kind && session.lastSeen < cutoff) {
        this.close(session, "session expired");
        expired++;
      }
    }
    return expired;
  }
}
