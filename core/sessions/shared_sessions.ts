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
import type { Database, Migration, SqlValue } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import type { SessionKind } from "./session.ts";
import type { SessionChanges, SharedState } from "./shared_state.ts";

export { type SessionChanges, type SharedState, stateOf } from "./shared_state.ts";

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

/**
 * PostgreSQL's clock in epoch ms: the one clock of every node (as the tasks' heartbeats). A
 * subquery, evaluated once per statement, so `last_seen < (it) - ?` can use `sessions_by_seen`
 * (a bare `clock_timestamp()` is volatile: a per-row filter).
 */
const DB_NOW_MS = "(SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint)";

/** Options of {@linkcode SharedSessionStore}. */
export interface SharedSessionOptions {
  /**
   * This node's clock, when `last_seen` is written and judged by the database's clock
   * (PostgreSQL, several nodes): a time of this node's (a cutoff) is taken as that long ago by
   * the database's clock, and a time read back as that long ago by this node's. So a node whose
   * clock is ahead or behind neither ends other nodes' live sessions nor keeps dead ones. Absent:
   * the times given are written and compared as they are (one node; tests with a manual clock).
   */
  databaseClock?: () => number;
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Reads and writes shared sessions. */
export class SharedSessionStore {
  readonly #db: Database;
  readonly #nodeNow: (() => number) | undefined;

  /** A store over `db` (migrated). */
  constructor(db: Database, options: SharedSessionOptions = {}) {
    this.#db = db;
    this.#nodeNow = db.dialect === "postgres" ? options.databaseClock : undefined;
  }

  /** SQL for "at `at`" (this node's time) and its parameter: now by the database's clock. */
  #at(at: number): [string, number[]] {
    return this.#nodeNow ? [DB_NOW_MS, []] : ["?", [at]];
  }

  /** SQL for the time `cutoff` (this node's) and its parameter, as long ago by the database. */
  #cutoff(cutoff: number): [string, number] {
    return this.#nodeNow ? [`${DB_NOW_MS} - ?`, this.#nodeNow() - cutoff] : ["?", cutoff];
  }

  /** SQL reading `last_seen` as the column `seen`: by the database, how long ago. */
  get #seen(): string {
    return this.#nodeNow ? `${DB_NOW_MS} - last_seen AS seen` : "last_seen AS seen";
  }

  /** A `seen` read by {@linkcode #seen} as this node's time. */
  #seenAt(seen: number | string): number {
    return this.#nodeNow ? this.#nodeNow() - Number(seen) : Number(seen);
  }

  /** Saves a new session. */
  async create(state: SharedState): Promise<void> {
    const [at, atParams] = this.#at(state.last_seen);
    await this.#db.run(
      `INSERT INTO sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${at})`,
      state.id,
      state.kind,
      state.active_persona_id,
      json(state.visual_context),
      json(state.protocol),
      storedCount(state.message_count),
      storedCount(state.request_count),
      state.connected_at,
      ...atParams,
    );
  }

  /** The session `id` of `kind`, if it exists. */
  async load(id: string, kind: SessionKind): Promise<SharedState | undefined> {
    const row = await this.#db.get<Row & { seen: number | string }>(
      `SELECT ${COLUMNS}, ${this.#seen} FROM sessions WHERE id = ? AND kind = ?`,
      id,
      kind,
    );
    if (!row) return undefined;
    const { seen, ...state } = row;
    return {
      ...state,
      // Written before counters stopped at COUNT_MAX (SQLite holds any 64-bit integer).
      message_count: storedCount(row.message_count),
      request_count: storedCount(row.request_count),
      visual_context: row.visual_context === null ? null : JSON.parse(row.visual_context),
      protocol: row.protocol === null ? null : JSON.parse(row.protocol),
      last_seen: this.#seenAt(seen),
    };
  }

  /**
   * Writes what requests changed in session `id`, seen at `lastSeen`: only the fields they set
   * (another request's, here or on another node, are left as they are), the counters they moved
   * (added, so that requests at once all count, and stopping at COUNT_MAX) and the time. An
   * active persona deleted meanwhile (by any node) is written as none, and `changes` then says
   * so. False when the session is gone (closed or expired meanwhile).
   */
  async update(id: string, changes: SessionChanges, lastSeen: number): Promise<boolean> {
    try {
      return await this.#write(id, changes, lastSeen);
    } catch (error) {
      if (!isForeignKeyViolation(error) || !changes.fields.active_persona_id) throw error;
      changes.fields.active_persona_id = null;
      return await this.#write(id, changes, lastSeen);
    }
  }

  async #write(id: string, changes: SessionChanges, lastSeen: number): Promise<boolean> {
    const { fields } = changes;
    const sets: string[] = [];
    const params: SqlValue[] = [];
    if ("active_persona_id" in fields) {
      sets.push("active_persona_id = ?");
      params.push(fields.active_persona_id ?? null);
    }
    for (const field of ["visual_context", "protocol"] as const) {
      if (!(field in fields)) continue;
      sets.push(`${field} = ?`);
      params.push(json(fields[field]));
    }
    const [at, atParams] = this.#at(lastSeen);
    return await this.#db.run(
      `UPDATE sessions SET ${[...sets, COUNTERS].join(", ")}, last_seen = ${at} WHERE id = ?`,
      ...params,
      ...added(changes.messages),
      ...added(changes.requests),
      ...atParams,
      id,
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
    const [before, param] = this.#cutoff(cutoff);
    const sql = `DELETE FROM sessions WHERE id = ? AND last_seen <= ${before}`;
    return await this.#db.run(sql, id, param) > 0;
  }

  /** When each of sessions `ids` was last seen (epoch ms); the ones gone are absent. */
  async lastSeen(ids: readonly string[]): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    for (let start = 0; start < ids.length; start += 500) {
      const part = ids.slice(start, start + 500);
      const rows = await this.#db.all<{ id: string; seen: number | string }>(
        `SELECT id, ${this.#seen} FROM sessions WHERE id IN (${part.map(() => "?").join(", ")})`,
        ...part,
      );
      for (const row of rows) seen.set(row.id, this.#seenAt(row.seen));
    }
    return seen;
  }

  /** Marks sessions `ids` used at `now` (requests still running on this node). */
  async touch(ids: readonly string[], now: number): Promise<void> {
    const [at, atParams] = this.#at(now);
    for (const id of ids) {
      await this.#db.run(
        `UPDATE sessions SET last_seen = ${at} WHERE id = ? AND last_seen < ${at}`,
        ...atParams,
        id,
        ...atParams,
      );
    }
  }

  /** Deletes the sessions of `kind` last seen before `cutoff` (epoch ms); how many. */
  async expire(kind: SessionKind, cutoff: number): Promise<number> {
    const [before, param] = this.#cutoff(cutoff);
    return await this.#db.run(
      `DELETE FROM sessions WHERE kind = ? AND last_seen < ${before}`,
      kind,
      param,
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
