/**
 * The live sessions, for counts, lookups by REST session id and cleanup when a persona goes.
 * With a shared store (PostgreSQL storage), REST and Streamable HTTP sessions are resumed from it
 * on every request and their changes written back after it (`shared_sessions.ts`), so any node
 * serves any of them; WebSocket and stdio sessions are one connection each and stay local.
 *
 * @module
 */
import { Session, type SessionKind } from "./session.ts";
import type { SharedSessionStore } from "./shared_sessions.ts";
import { SessionSync, stateOf } from "./shared_state.ts";
import { endOneIdle } from "./shared_eviction.ts";
import {
  atCapacity,
  DETACHED_KINDS,
  EVICTION_GRACE_MS,
  idleSince,
  learn,
  leastRecent,
  markBusyUsed,
  SHARED_KINDS,
  TOUCH_AFTER_MS,
} from "./eviction.ts";

export { EVICTION_GRACE_MS, SHARED_KINDS };

/** Options of {@linkcode SessionRegistry}. */
export interface SessionRegistryOptions {
  /** Most detached (REST and Streamable HTTP) sessions alive at once; unlimited when absent. */
  maxDetached?: number;
  /** Where REST and Streamable HTTP sessions are shared with other nodes (PostgreSQL). */
  shared?: SharedSessionStore;
}

/**
 * Tracks open sessions. Detached sessions (REST, Streamable HTTP) outlive their requests, so
 * they are capped: at the cap, opening one ends the least recently used idle one if it has been
 * unused for {@linkcode EVICTION_GRACE_MS} (the likeliest abandoned; its client gets "session not
 * found" and starts again); otherwise (every one busy or used lately) the new one is refused with
 * {@linkcode AtCapacity}.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #shared: SharedSessionStore | undefined;
  /**
   * What this node knows the store holds for each shared session: a request writes only what
   * requests here changed, and a resume never takes the stored row over those changes.
   */
  readonly #synced = new WeakMap<Session, SessionSync>();

  readonly #maxDetached: number;
  #detached = 0;
  /** Places `makeRoom` made that `open` has not taken yet. */
  #reserved = 0;
  /** Sessions a `makeRoom` is asking the store to end (another one leaves them alone). */
  readonly #evicting = new Set<Session>();

  /** Creates a registry reading time from `now`. */
  constructor(now: () => number = Date.now, options: SessionRegistryOptions = {}) {
    this.#now = now;
    this.#shared = options.shared;
    this.#maxDetached = options.maxDetached ?? Infinity;
  }

  /** Whether REST and Streamable HTTP sessions live in a store shared with other nodes. */
  get shared(): boolean {
    return this.#shared !== undefined;
  }

  /** Opens a session of a kind that spans requests (saved to the shared store, if any). */
  async openShared(kind: SessionKind): Promise<Session> {
    await this.makeRoom(kind);
    const session = this.open(kind);
    await this.share(session);
    return session;
  }

  /** Saves `session` (opened here) to the shared store, if any, so every node can resume it. */
  async share(session: Session): Promise<void> {
    if (!this.#shared || !SHARED_KINDS.includes(session.kind)) return;
    const state = stateOf(session);
    await this.#shared.create(state);
    this.#synced.set(session, new SessionSync(state));
  }

  /**
   * With a shared store, makes room for one more `kind` session, kept for the `open` that follows.
   * At the cap: learns each idle session's last use from the store (copies of ones gone just go),
   * then ends at most one everywhere, idle on every node for {@linkcode EVICTION_GRACE_MS} (the
   * store checks as it deletes); over the cap it drops idle copies only. Throws `AtCapacity` when
   * none may go. Without a shared store `open` does this.
   */
  async makeRoom(kind: SessionKind): Promise<void> {
    if (!this.#shared || !DETACHED_KINDS.has(kind)) return;
    if (this.#full()) {
      const idle = this.all().filter((session) =>
        DETACHED_KINDS.has(session.kind) && this.#synced.has(session) &&
        !this.#evicting.has(session)
      );
      await learn(this.#shared, idle, (gone) => this.close(gone, "session ended on another node"));
      if (this.#full()) {
        await endOneIdle({
          shared: this.#shared,
          now: this.#now,
          full: () => this.#full(),
          limit: this.#maxDetached,
          victim: (now, kept) => this.#victim(now, kept),
          evicting: this.#evicting,
          close: (session, reason) => this.close(session, reason),
        });
      }
      // Over the cap (copies resumed over it): the rest is made by dropping copies, ending nothing.
      while (this.#full()) this.close(this.#victim(this.#now()), "evicted: too many sessions");
    }
    this.#reserved++;
  }

  #full(): boolean {
    return this.#detached + this.#reserved >= this.#maxDetached;
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
    // In use from now: a `makeRoom` deleting it meanwhile sees this and puts it back.
    if (local) local.lastSeen = this.#now();
    const state = await this.#shared.load(id, kind);
    if (!state) {
      if (local) this.close(local, "session ended on another node");
      return undefined;
    }
    const now = this.#now();
    // Marked used before the request runs, so no node takes it for idle meanwhile.
    if (state.last_seen < now - TOUCH_AFTER_MS) await this.#shared.touch([id], now);
    // Another request may have made the copy while this one read the row.
    const current = this.#sessions.get(id);
    const sync = current && !current.closed ? this.#synced.get(current) : undefined;
    if (current && sync) {
      // Requests of this session may be running here: their changes not yet written stay.
      sync.adopt(current, state, now);
      return current;
    }
    // A local copy of a session another node opened: it counts against the cap here. At the cap
    // it takes the place of a copy idle for the grace (dropping a copy ends nothing: the store
    // keeps the session), else it comes in over the cap: as without a shared store, a session the
    // client holds is never refused, nor is one used lately put aside for it.
    if (!current) this.#dropIdleCopy();
    const session = current && !current.closed
      ? current
      : new Session(kind, state.connected_at, id, { clock: this.#now });
    if (!current) this.#detached++;
    this.#sessions.set(id, session);
    this.#synced.set(session, SessionSync.start(session, state, now));
    return session;
  }

  /**
   * Writes what requests served here changed in a shared session and nobody wrote yet (no-op for
   * local ones): only those fields, and the counters as increments, so that requests running at
   * once here and on other nodes all keep their changes. False when the session is gone meanwhile.
   */
  async persist(session: Session): Promise<boolean> {
    const sync = this.#synced.get(session);
    if (!this.#shared || !sync || session.closed) return true;
    const { changes, done } = sync.take(session);
    let kept: boolean | undefined;
    try {
      return kept = await this.#shared.update(session.id, changes, this.#now());
    } finally {
      done(kept === undefined ? undefined : changes);
    }
  }

  /** Closes a session everywhere: here (requests cancelled) and in the shared store. */
  async end(session: Session, reason?: string): Promise<void> {
    this.close(session, reason);
    if (this.#shared && SHARED_KINDS.includes(session.kind)) await this.#shared.delete(session.id);
  }

  /** Opens and registers a new session; throws {@linkcode AtCapacity} when it cannot. */
  open(kind: SessionKind): Session {
    const detached = DETACHED_KINDS.has(kind);
    if (detached && this.#reserved > 0) this.#reserved--; // the place `makeRoom` made
    else if (detached && this.#full()) {
      // With a shared store only `makeRoom` may end a session (the store has the last word).
      if (this.#shared) {
        const oldest = leastRecent(this.#sessions.values(), () => false);
        throw atCapacity(this.#maxDetached, oldest, false, this.#now());
      }
      this.close(this.#victim(this.#now()), "evicted: too many sessions");
    }
    if (detached) this.#detached++;
    // Detached sessions are used until their last request ends (a long chat keeps them live).
    const session = new Session(kind, this.#now(), undefined, {
      clock: detached ? this.#now : undefined,
    });
    this.#sessions.set(session.id, session);
    return session;
  }

  /**
   * The least recently used idle detached session (not in `kept`, nor being evicted) unused for
   * the grace; throws {@linkcode AtCapacity} when there is none. One with a request running never
   * goes.
   */
  #victim(now: number, kept?: ReadonlySet<Session>): Session {
    const oldest = leastRecent(
      this.#sessions.values(),
      (session) => kept?.has(session) === true || this.#evicting.has(session),
    );
    if (oldest === undefined || !(now >= oldest.lastSeen + EVICTION_GRACE_MS)) {
      throw atCapacity(this.#maxDetached, oldest, (kept?.size ?? 0) > 0, now);
    }
    return oldest;
  }

  /** At the cap, drops this node's copy of the session idle longest, if idle for the grace. */
  #dropIdleCopy(): void {
    if (!this.#full()) return;
    const oldest = leastRecent(this.#sessions.values(), (session) => this.#evicting.has(session));
    if (oldest !== undefined && this.#now() >= oldest.lastSeen + EVICTION_GRACE_MS) {
      this.close(oldest, "evicted: too many sessions");
    }
  }

  /**
   * Marks the sessions with a request running as used now, here and in the shared store (run
   * each minute, well within {@linkcode EVICTION_GRACE_MS}): a request running for minutes
   * keeps its session from looking idle to any node, for eviction and expiry.
   */
  async keepAlive(): Promise<void> {
    const now = this.#now();
    const busy = markBusyUsed(this.#sessions.values(), now);
    if (this.#shared && busy.length > 0) await this.#shared.touch(busy, now);
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

  /**
   * Closes sessions of `kind` idle for longer than `idleMs` (here, and in the shared store,
   * whichever node used them last); returns how many.
   */
  async expireIdle(kind: SessionKind, idleMs: number): Promise<number> {
    const cutoff = this.#now() - idleMs;
    const idle = idleSince(this.#sessions.values(), kind, cutoff);
    for (const session of idle) this.close(session, "session expired");
    let expired = idle.length;
    if (this.#shared && SHARED_KINDS.includes(kind)) {
      expired = Math.max(expired, await this.#shared.expire(kind, cutoff));
    }
    return expired;
  }
}
