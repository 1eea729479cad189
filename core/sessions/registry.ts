/**
 * The live sessions, for counts, lookups by REST session id and cleanup when a persona goes.
 * With a shared store (PostgreSQL storage), REST and Streamable HTTP sessions are resumed from it
 * on every request and their changes written back after it (`shared_sessions.ts`), so any node
 * serves any of them; WebSocket and stdio sessions are one connection each and stay local.
 *
 * @module
 */
import { Session, type SessionKind } from "./session.ts";
import type { SharedSessionStore, SharedState } from "./shared_sessions.ts";

/** Kinds whose sessions span requests, and so nodes. */
export const SHARED_KINDS: readonly SessionKind[] = ["rest", "http"];

/** Tracks open sessions. */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #shared: SharedSessionStore | undefined;
  /** What each shared session looked like when last read or written (to write only changes). */
  readonly #seen = new WeakMap<Session, SharedState>();

  /** Creates a registry reading time from `now`, sharing sessions through `shared` if given. */
  constructor(now: () => number = Date.now, shared?: SharedSessionStore) {
    this.#now = now;
    this.#shared = shared;
  }

  /** Whether REST and Streamable HTTP sessions live in a store shared with other nodes. */
  get shared(): boolean {
    return this.#shared !== undefined;
  }

  #state(session: Session): SharedState {
    return {
      id: session.id,
      kind: session.kind,
      active_persona_id: session.activePersonaId,
      visual_context: session.visualContext,
      protocol: session.protocolState,
      message_count: session.messageCount,
      request_count: session.requestCount,
      connected_at: session.connectedAt.getTime(),
      last_seen: session.lastSeen,
    };
  }

  /** Opens a session of a kind that spans requests (saved to the shared store, if any). */
  async openShared(kind: SessionKind): Promise<Session> {
    const session = this.open(kind);
    await this.share(session);
    return session;
  }

  /** Saves `session` (opened here) to the shared store, if any, so every node can resume it. */
  async share(session: Session): Promise<void> {
    if (!this.#shared || !SHARED_KINDS.includes(session.kind)) return;
    const state = this.#state(session);
    await this.#shared.create(state);
    this.#seen.set(session, state);
  }

  /**
   * The session `id` of `kind` as it is now, whichever node last changed it; undefined when there
   * is none (never opened, closed, or expired).
   */
  async resume(id: string, kind: SessionKind): Promise<Session | undefined> {
    const local = this.#sessions.get(id);
    if (!this.#shared || !SHARED_KINDS.includes(kind)) {
      return local?.kind === kind ? local : undefined;
    }
    const state = await this.#shared.load(id, kind);
    if (!state) {
      if (local) this.close(local, "session ended on another node");
      return undefined;
    }
    let session = local;
    if (!session || session.closed) {
      session = new Session(kind, state.connected_at, id);
      this.#sessions.set(id, session);
    }
    session.activePersonaId = state.active_persona_id;
    session.visualContext = state.visual_context;
    session.protocolState = state.protocol;
    session.messageCount = state.message_count;
    session.requestCount = state.request_count;
    session.lastSeen = this.#now();
    this.#seen.set(session, state);
    return session;
  }

  /**
   * Writes what the request just served changed in a shared session (no-op for local ones);
   * false when the session is gone meanwhile.
   */
  async persist(session: Session): Promise<boolean> {
    const before = this.#seen.get(session);
    if (!this.#shared || !before || session.closed) return true;
    const after = this.#state(session);
    after.last_seen = this.#now();
    const changed = after.active_persona_id !== before.active_persona_id ||
      JSON.stringify(after.visual_context) !== JSON.stringify(before.visual_context) ||
      JSON.stringify(after.protocol) !== JSON.stringify(before.protocol);
    const kept = await this.#shared.update(after, {
      changed,
      messages: after.message_count - before.message_count,
      requests: after.request_count - before.request_count,
    });
    this.#seen.set(session, after);
    return kept;
  }

  /** Closes a session everywhere: here (requests cancelled) and in the shared store. */
  async end(session: Session, reason?: string): Promise<void> {
    this.close(session, reason);
    if (this.#shared && SHARED_KINDS.includes(session.kind)) await this.#shared.delete(session.id);
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

  /**
   * Closes sessions of `kind` idle for longer than `idleMs` (here, and in the shared store,
   * whichever node used them last); returns how many.
   */
  async expireIdle(kind: SessionKind, idleMs: number): Promise<number> {
    const cutoff = this.#now() - idleMs;
    let expired = 0;
    for (const session of this.all()) {
      if (session.kind === kind && session.lastSeen < cutoff) {
        this.close(session, "session expired");
        expired++;
      }
    }
    if (this.#shared && SHARED_KINDS.includes(kind)) {
      expired = Math.max(expired, await this.#shared.expire(kind, cutoff));
    }
    return expired;
  }
}
