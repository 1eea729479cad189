/**
 * Sessions that outlive one HTTP request and may come back through any node: REST sessions
 * (`X-Session-Id`) and MCP Streamable HTTP sessions (`Mcp-Session-Id`). With PostgreSQL storage
 * their state (active persona, visual context, counters, the protocol the client negotiated) lives
 * in the `sessions` table, so a load balancer can send each request anywhere; no sticky routing.
 * A node keeps a live `Session` object per id only for what cannot be shared: the requests it is
 * serving right now (to cancel them).
 *
 * @module
 */
import { COUNT_MAX, storedCount } from "../numbers.ts";
import type { Database, Migration } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import type { SessionKind } from "./session.ts";
import type { SharedState } from "./shared_state.ts";

export { type SharedState, stateOf } from "./shared_state.ts";

/** Tables owned by the shared sessions (portable SQL: both dialects). */
export const sharedSessionMigrations: Migration[] = [{
  name: "sessions_1",
  sql: `
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      active_persona_id TEXT REFERENCES personas(id) ON DELETE SET NULL,
      visual_context TEXT,
      protocol TEXT,
      message_count INTEGER NOT NULL DEFAULT 0,
      request_count INTEGER NOT NULL DEFAULT 0,
      connected_at INTEGER NOT NULL,
      last_seen INTEGER NOT NULL
    );
    CREATE INDEX sessions_by_seen ON sessions (kind, last_seen);
  `,
}];

interface Row extends Omit<SharedState, "visual_context" | "protocol"> {
  visual_context: string | null;
  protocol: string | null;
}

const COLUMNS =
  "id, kind, active_persona_id, visual_context, protocol, message_count, request_count, connected_at, last_seen";

/**
 * `column` plus a parameter (a count of at most {@linkcode COUNT_MAX}), stopping at COUNT_MAX:
 * session counters grow by one per event and never past what both stores read back exactly.
 * Portable SQL; the parameter is bound twice ({@linkcode added}).
 */
function saturating(column: string): string {
  return `${column} = CASE WHEN ${column} > ${COUNT_MAX} - ? THEN ${COUNT_MAX} ELSE ${column} + ? END`;
}

/** The parameters of {@linkcode saturating} for adding `by` (bounded to [0, COUNT_MAX]). */
function added(by: number): [number, number] {
  const count = storedCount(by);
  return [count, count];
}

const COUNTERS = `${saturating("message_count")}, ${saturating("request_count")}`;

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Reads and writes shared sessions. */
export class SharedSessionStore {
  readonly #db: Database;

  /** A store over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Saves a new session. */
  async create(state: SharedState): Promise<void> {
    await this.#db.run(
      `INSERT INTO sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      state.id,
      state.kind,
      state.active_persona_id,
      json(state.visual_context),
      json(state.protocol),
      storedCount(state.message_count),
      storedCount(state.request_count),
      state.connected_at,
      state.last_seen,
    );
  }

  /** The session `id` of `kind`, if it exists. */
  async load(id: string, kind: SessionKind): Promise<SharedState | undefined> {
    const row = await this.#db.get<Row>(
      `SELECT ${COLUMNS} FROM sessions WHERE id = ? AND kind = ?`,
      id,
      kind,
    );
    if (!row) return undefined;
    return {
      ...row,
      // Written before counters stopped at COUNT_MAX (SQLite holds any 64-bit integer).
      message_count: storedCount(row.message_count),
      request_count: storedCount(row.request_count),
      visual_context: row.visual_context === null ? null : JSON.parse(row.visual_context),
      protocol: row.protocol === null ? null : JSON.parse(row.protocol),
    };
  }

  /**
   * Writes what one request changed: the fields it set (when `changed`), the counters it moved
   * (added, so that requests on two nodes at once both count, and stopping at COUNT_MAX) and the
   * time it was seen. False when the session is gone (closed or expired meanwhile).
   */
  async update(
    state: SharedState,
    delta: { changed: boolean; messages: number; requests: number },
  ): Promise<boolean> {
    if (delta.changed) {
      try {
        return await this.#write(state, delta);
      } catch (error) {
        // The active persona was deleted meanwhile (by any node): the session lets it go.
        if (!isForeignKeyViolation(error)) throw error;
        return await this.#write({ ...state, active_persona_id: null }, delta);
      }
    }
    return await this.#db.run(
      `UPDATE sessions SET ${COUNTERS}, last_seen = ? WHERE id = ?`,
      ...added(delta.messages),
      ...added(delta.requests),
      state.last_seen,
      state.id,
    ) > 0;
  }

  async #write(
    state: SharedState,
    delta: { messages: number; requests: number },
  ): Promise<boolean> {
    return await this.#db.run(
      `UPDATE sessions SET active_persona_id = ?, visual_context = ?, protocol = ?, ${COUNTERS},
           last_seen = ? WHERE id = ?`,
      state.active_persona_id,
      json(state.visual_context),
      json(state.protocol),
      ...added(delta.messages),
      ...added(delta.requests),
      state.last_seen,
      state.id,
    ) > 0;
  }

  /** Deletes session `id`; false when it was already gone. */
  async delete(id: string): Promise<boolean> {
    return await this.#db.run("DELETE FROM sessions WHERE id = ?", id) > 0;
  }

  /**
   * Deletes session `id` to make room, only if it was last seen at or before `cutoff` (epoch ms):
   * whichever node used it since keeps it. False when nothing was deleted.
   */
  async evict(id: string, cutoff: number): Promise<boolean> {
    return await this.#db.run("DELETE FROM sessions WHERE id = ? AND last_seen <= ?", id, cutoff) >
      0;
  }

  /** When each of sessions `ids` was last seen (epoch ms); the ones gone are absent. */
  async lastSeen(ids: readonly string[]): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    for (let start = 0; start < ids.length; start += 500) {
      const part = ids.slice(start, start + 500);
      const rows = await this.#db.all<{ id: string; last_seen: number }>(
        `SELECT id, last_seen FROM sessions WHERE id IN (${part.map(() => "?").join(", ")})`,
        ...part,
      );
      for (const row of rows) seen.set(row.id, Number(row.last_seen));
    }
    return seen;
  }

  /** Marks sessions `ids` used at `now` (requests still running on this node). */
  async touch(ids: readonly string[], now: number): Promise<void> {
    for (const id of ids) {
      await this.#db.run(
        "UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?",
        now,
        id,
        now,
      );
    }
  }

  /** Deletes the sessions of `kind` last seen before `cutoff` (epoch ms); how many. */
  async expire(kind: SessionKind, cutoff: number): Promise<number> {
    return await this.#db.run(
      "DELETE FROM sessions WHERE kind = ? AND last_seen < ?",
      kind,
      cutoff,
    );
  }

  /** How many sessions there are, by kind. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.#db.all<{ kind: string; n: number }>(
      "SELECT kind, COUNT(*) AS n FROM sessions GROUP BY kind",
    );
    return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
  }
}
