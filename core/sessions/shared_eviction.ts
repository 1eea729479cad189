/**
 * The cap with a shared store: ending one idle detached session on every node, as the store
 * decides (it checks the session's last use as it deletes). Used by `registry.ts`'s `makeRoom`.
 *
 * @module
 */
import type { Session } from "./session.ts";
import type { SharedSessionStore } from "./shared_sessions.ts";
import { atCapacity, EVICTION_GRACE_MS, EVICTION_TRIES } from "./eviction.ts";
import { stateOf } from "./shared_state.ts";

/** What {@linkcode endOneIdle} needs from the registry. */
export interface EndOneIdleOptions {
  /** The store shared with the other nodes. */
  shared: SharedSessionStore;
  /** The registry's clock. */
  now: () => number;
  /** Whether the registry is still at its cap. */
  full: () => boolean;
  /** The cap (MAX_SESSIONS), for the refusal. */
  limit: number;
  /**
   * The least recently used idle session not in `kept` nor being evicted, idle for the grace;
   * throws `AtCapacity` when there is none.
   */
  victim: (now: number, kept: ReadonlySet<Session>) => Session;
  /** Sessions being ended by an opening (another one leaves them alone); shared, updated here. */
  evicting: Set<Session>;
  /** Closes a session here and forgets it. */
  close: (session: Session, reason: string) => void;
}

/**
 * Ends one idle session everywhere: asks the store to delete the registry's victim if no node used
 * it within {@linkcode EVICTION_GRACE_MS}, trying up to {@linkcode EVICTION_TRIES} of them. A
 * victim resumed here while the store deleted it is put back (it is in use). Throws `AtCapacity`
 * when the registry is still full afterwards.
 */
export async function endOneIdle(options: EndOneIdleOptions): Promise<void> {
  const { shared, now: clock, full, evicting } = options;
  const kept = new Set<Session>();
  for (let tries = 0; tries < EVICTION_TRIES && full(); tries++) {
    const now = clock();
    const victim = options.victim(now, kept);
    kept.add(victim);
    evicting.add(victim);
    try {
      if (!await shared.evict(victim.id, now - EVICTION_GRACE_MS)) continue;
      // A copy closed meanwhile (a resume found it gone) stays gone: putting it back would
      // leave a row no session holds.
      if (!victim.closed && (victim.busy || victim.lastSeen > now - EVICTION_GRACE_MS)) {
        // Resumed here while the store deleted it: it is in use, so it comes back.
        await shared.create(stateOf(victim));
        continue;
      }
      options.close(victim, "evicted: too many sessions");
      return;
    } finally {
      evicting.delete(victim);
    }
  }
  if (full()) throw atCapacity(options.limit, undefined, true, clock());
}
