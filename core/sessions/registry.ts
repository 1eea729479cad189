/**
 * The live sessions, for counts, lookups by REST session id and cleanup when a persona goes.
 * With a shared store (PostgreSQL storage), REST and Streamable HTTP sessions are resumed from it
 * on every request and their changes written back after it (`shared_sessions.ts`), so any node
 * serves any of them; WebSocket and stdio sessions are one connection each and stay local.
 *
 * @module
 */
import { AtCapacity } from "../errors.ts";
import { Session, type SessionKind } from "./session.ts";
import type { SharedSessionStore, SharedState } from "./shared_sessions.ts";

/** Kinds whose sessions span requests, and so nodes. */
export const SHARED_KINDS: readonly SessionKind[] = ["rest", "http"];

/** Session kinds that live beyond one connection (ended by the client or by expiry). */
const DETACHED_KINDS: ReadonlySet<SessionKind> = new Set(SHARED_KINDS);

/** Least time a client refused for capacity is told to wait. */
const CAPACITY_RETRY_MS = 5_000;

/**
 * How long a detached session must have been idle before the cap may end it for a newcomer.
 * Opening a session needs no credentials on loopback, so without this a client opening
 * MAX_SESSIONS sessions in a few seconds would end every other client's live session; with it, a
 * flood is refused (503, Retry-After) while the sessions in use are kept, and only ones unused for
 * 5 minutes (likely abandoned; their TTL would end them anyway) make room.
 */
export const EVICTION_GRACE_MS = 5 * 60_000;

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
  /** What each shared session looked like when last read or written (to write only changes). */
  readonly #seen = new WeakMap<Session, SharedState>();

  readonly #maxDetached: number;
  #detached = 0;

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
    await this.makeRoom(kind);
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
   * With a shared store, makes room for one more session of `kind` before {@linkcode open}: at
   * the cap it ends the least recently used idle session everywhere, but only if no node used it
   * within {@linkcode EVICTION_GRACE_MS} (the store checks, as it deletes: another node may have
   * used it since this one did); one still in use stays and the next is tried. Throws
   * {@linkcode AtCapacity} when none may go. Without a shared store `open` does this itself.
   */
  async makeRoom(kind: SessionKind): Promise<void> {
    if (!this.#shared || !DETACHED_KINDS.has(kind)) return;
    const kept = new Set<Session>();
    while (this.#detached >= this.#maxDetached) {
      const now = this.#now();
      const victim = this.#victim(now, EVICTION_GRACE_MS, kept);
      kept.add(victim);
      if (await this.#shared.evict(victim.id, now - EVICTION_GRACE_MS)) {
        this.close(victim, "evicted: too many sessions");
      }
    }
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
      // A local copy of a session another node opened: it counts against the cap here. At the
      // cap it takes the place of a copy idle for the grace (dropping a copy ends nothing: the
      // store keeps the session), else it comes in over the cap: as without a shared store, a
      // session the client holds is never refused, nor is one used lately put aside for it.
      if (!local) this.#dropIdleCopy();
      session = new Session(kind, state.connected_at, id, { clock: this.#now });
      if (!local) this.#detached++;
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

  /** Opens and registers a new session; throws {@linkcode AtCapacity} when it cannot. */
  open(kind: SessionKind): Session {
    const detached = DETACHED_KINDS.has(kind);
    if (detached && this.#detached >= this.#maxDetached) {
      const now = this.#now();
      // With a shared store only `makeRoom` may end a session (the store has the last word).
      const victim = this.#victim(now, this.#shared ? Infinity : EVICTION_GRACE_MS);
      this.close(victim, "evicted: too many sessions");
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
   * The least recently used idle detached session (not in `kept`) unused for `grace`; throws
   * {@linkcode AtCapacity} when there is none. A session with a request running never goes.
   */
  #victim(now: number, grace: number, kept?: ReadonlySet<Session>): Session {
    const oldest = this.#leastRecent(kept);
    if (oldest === undefined || !(now >= oldest.lastSeen + grace)) {
      // The ones kept were used on another node lately (the store said so as it was asked).
      const why = oldest === undefined && !kept?.size
        ? "each with a request running"
        : `each used within the last ${EVICTION_GRACE_MS / 60_000} minutes`;
      // Told to come back when the least recently used one may go (busy ones: shortly).
      const wait = oldest === undefined ? 0 : oldest.lastSeen + EVICTION_GRACE_MS - now;
      throw new AtCapacity(`Too many sessions (${this.#maxDetached}), ${why}; retry later`, {
        limit: this.#maxDetached,
        retry_after_ms: Math.max(CAPACITY_RETRY_MS, wait),
      });
    }
    return oldest;
  }

  #leastRecent(kept?: ReadonlySet<Session>): Session | undefined {
    let oldest: Session | undefined;
    for (const session of this.#sessions.values()) {
      if (!DETACHED_KINDS.has(session.kind) || session.busy || kept?.has(session)) continue;
      if (oldest === undefined || session.lastSeen < oldest.lastSeen) oldest = session;
    }
    return oldest;
  }

  /** At the cap, drops this node's copy of the session idle longest, if idle for the grace. */
  #dropIdleCopy(): void {
    if (this.#detached < this.#maxDetached) return;
    const oldest = this.#leastRecent();
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
    const busy: string[] = [];
    for (const session of this.#sessions.values()) {
      if (!DETACHED_KINDS.has(session.kind) || !session.busy) continue;
      session.lastSeen = now;
      busy.push(session.id);
    }
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
    let expired = 0;
    for (const session of this.all()) {
      // One with a request running is in use, however long ago it began.
      if (session.kind === kind && session.lastSeen < cutoff && !session.busy) {
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
