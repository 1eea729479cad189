/**
 * The live sessions, for counts, lookups by REST session id and cleanup when a persona goes.
 *
 * @module
 */
import { AtCapacity } from "../errors.ts";
import { Session, type SessionKind } from "./session.ts";

/** Session kinds that live beyond one connection (ended by the client or by expiry). */
const DETACHED_KINDS: ReadonlySet<SessionKind> = new Set(["rest", "http"]);

/** Seconds a client refused for capacity is told to wait. */
const CAPACITY_RETRY_MS = 5_000;

/** Options of {@linkcode SessionRegistry}. */
export interface SessionRegistryOptions {
  /** Most detached (REST and Streamable HTTP) sessions alive at once; unlimited when absent. */
  maxDetached?: number;
}

/**
 * Tracks open sessions. Detached sessions (REST, Streamable HTTP) outlive their requests, so
 * they are capped: at the cap, opening one ends the least recently used idle one (the likeliest
 * abandoned; its client gets "session not found" and starts again), and when every one has a
 * request running, the new one is refused with {@linkcode AtCapacity}.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #maxDetached: number;
  #detached = 0;

  /** Creates a registry reading time from `now`. */
  constructor(now: () => number = Date.now, options: SessionRegistryOptions = {}) {
    this.#now = now;
    this.#maxDetached = options.maxDetached ?? Infinity;
  }

  /** Opens and registers a new session; throws {@linkcode AtCapacity} when it cannot. */
  open(kind: SessionKind): Session {
    if (DETACHED_KINDS.has(kind)) {
      if (this.#detached >= this.#maxDetached) this.#evictIdle();
      this.#detached++;
    }
    const session = new Session(kind, this.#now());
    this.#sessions.set(session.id, session);
    return session;
  }

  #evictIdle(): void {
    let oldest: Session | undefined;
    for (const session of this.#sessions.values()) {
      if (!DETACHED_KINDS.has(session.kind) || session.busy) continue;
      if (oldest === undefined || session.lastSeen < oldest.lastSeen) oldest = session;
    }
    if (oldest === undefined) {
      throw new AtCapacity(
        `Too many sessions (${this.#maxDetached}), each with a request running; retry later`,
        { limit: this.#maxDetached, retry_after_ms: CAPACITY_RETRY_MS },
      );
    }
    this.close(oldest, "evicted: too many sessions");
  }

  /** Closes a session: aborts its requests and forgets it. */
  close(session: Session, reason?: string): void {
    session.close(reason);
    if (this.#sessions.delete(session.id) && DETACHED_KINDS.has(session.kind)) this.#detached--;
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
