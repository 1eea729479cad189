/**
 * The cap's choices (MAX_SESSIONS): which idle detached session may go for a newcomer, and the
 * refusal when none may. Used by `registry.ts`.
 *
 * @module
 */
import { AtCapacity } from "../errors.ts";
import type { Session, SessionKind } from "./session.ts";
import type { SharedSessionStore } from "./shared_sessions.ts";

/** Kinds whose sessions span requests, and so nodes. */
export const SHARED_KINDS: readonly SessionKind[] = ["rest", "http"];

/** Session kinds that live beyond one connection (ended by the client or by expiry). */
export const DETACHED_KINDS: ReadonlySet<SessionKind> = new Set(SHARED_KINDS);

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

/** A resumed session whose row is older than this is marked used in the store at once. */
export const TOUCH_AFTER_MS = 60_000;

/** Most sessions one opening asks the shared store to end before it is refused. */
export const EVICTION_TRIES = 4;

/** The least recently used idle detached session of `sessions` not in `skip`. */
export function leastRecent(
  sessions: Iterable<Session>,
  skip: (session: Session) => boolean,
): Session | undefined {
  let oldest: Session | undefined;
  for (const session of sessions) {
    if (!DETACHED_KINDS.has(session.kind) || session.busy || skip(session)) continue;
    if (oldest === undefined || session.lastSeen < oldest.lastSeen) oldest = session;
  }
  return oldest;
}

/**
 * Marks the detached sessions of `sessions` with a request running as used at `now` (a long
 * request keeps its session from looking idle); returns their ids.
 */
export function markBusyUsed(sessions: Iterable<Session>, now: number): string[] {
  const busy: string[] = [];
  for (const session of sessions) {
    if (!DETACHED_KINDS.has(session.kind) || !session.busy) continue;
    session.lastSeen = now;
    busy.push(session.id);
  }
  return busy;
}

/** The sessions of `kind` unused since before `cutoff`, none with a request running. */
export function idleSince(
  sessions: Iterable<Session>,
  kind: SessionKind,
  cutoff: number,
): Session[] {
  // One with a request running is in use, however long ago it began.
  return [...sessions].filter((session) =>
    session.kind === kind && session.lastSeen < cutoff && !session.busy
  );
}

/**
 * The refusal at the cap `limit`: `oldest` is the least recently used idle session that was a
 * candidate (none: every one busy, unless some were `kept` for use elsewhere).
 */
export function atCapacity(
  limit: number,
  oldest: Session | undefined,
  kept: boolean,
  now: number,
): AtCapacity {
  // The ones kept were used on another node lately (the store said so as it was asked).
  const why = oldest === undefined && !kept
    ? "each with a request running"
    : `each used within the last ${EVICTION_GRACE_MS / 60_000} minutes`;
  // Told to come back when the least recently used one may go (busy ones: shortly).
  const wait = oldest === undefined ? 0 : oldest.lastSeen + EVICTION_GRACE_MS - now;
  return new AtCapacity(`Too many sessions (${limit}), ${why}; retry later`, {
    limit,
    retry_after_ms: Math.max(CAPACITY_RETRY_MS, wait),
  });
}

/**
 * Takes from `store` when each of the `idle` sessions was last used on any node; the ones it no
 * longer has (ended elsewhere) are given to `gone`, unless a request took them up meanwhile.
 */
export async function learn(
  store: SharedSessionStore,
  idle: readonly Session[],
  gone: (session: Session) => void,
): Promise<void> {
  const stored = await store.lastSeen(idle.filter((session) => !session.busy).map((s) => s.id));
  for (const session of idle) {
    const seen = stored.get(session.id);
    if (session.busy || session.closed) continue;
    if (seen === undefined) gone(session);
    else if (seen > session.lastSeen) session.lastSeen = seen;
  }
}
