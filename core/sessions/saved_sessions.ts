/**
 * Saved sessions (`state.save` / `state.load` / `state.delete` on the wire): a session's active
 * persona and visual context persisted in the database under a client-chosen key, so a client can
 * restore them on a new connection. Keys are shared by every client (a key is a capability: use a
 * random one); the table is bounded by count (`MAX_SAVED_STATES`, the least recently saved go
 * first) and, if set, by age (`SAVED_STATE_TTL_S`, swept each minute with the idle sessions).
 *
 * @module
 */
import { z } from "zod";
import type { Database, Migration } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import type { VisualContext } from "./session.ts";

/** Tables owned by the saved sessions (the table keeps its first name, `session_states`). */
export const savedSessionMigrations: Migration[] = [{
  name: "session_states_1",
  sql: `
    CREATE TABLE session_states (
      key TEXT PRIMARY KEY,
      active_persona_id TEXT REFERENCES personas(id) ON DELETE SET NULL,
      visual_context TEXT,
      saved_at TEXT NOT NULL
    );
  `,
}, {
  // The least recently saved go first past MAX_SAVED_STATES, the oldest past SAVED_STATE_TTL_S.
  name: "session_states_2",
  sql: "CREATE INDEX session_states_saved_at ON session_states (saved_at, key);",
}, {
  // PostgreSQL: how many are saved, kept by the database on every insert and delete (whoever
  // writes: any node), so that a save need not count the table (~0.5 ms at 10,000) to know
  // whether it is full. SQLite counts instead: its COUNT(*) of the index costs less than the
  // triggers' extra page writes would (tests/bench/saved_state_save.ts). The table is locked
  // against writes (reads go on) before it is counted, until the triggers exist (the migration's
  // transaction): another node's save cannot fall between the count and the triggers and be
  // missed for good (review21; a node still running the old code saves during a rolling upgrade).
  name: "session_states_3",
  sql: {
    postgres: `
      LOCK TABLE session_states IN SHARE ROW EXCLUSIVE MODE;
      CREATE TABLE session_state_count (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
      INSERT INTO session_state_count (id, n) SELECT 1, COUNT(*) FROM session_states;
      CREATE FUNCTION session_states_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_state_count SET n = n + 1;
        RETURN NULL;
      END $$;
      -- Once per statement: an expiry deleting thousands updates the count once.
      CREATE FUNCTION session_states_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_state_count SET n = n - (SELECT COUNT(*) FROM gone)
          WHERE EXISTS (SELECT 1 FROM gone);
        RETURN NULL;
      END $$;
      CREATE TRIGGER session_states_added AFTER INSERT ON session_states
        FOR EACH ROW EXECUTE FUNCTION session_states_added();
      CREATE TRIGGER session_states_removed AFTER DELETE ON session_states
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION session_states_removed();
    `,
  },
}];

/** Bounds of {@linkcode SavedSessionStore}. */
export interface SavedSessionLimits {
  /** Most saved sessions kept; past it the least recently saved are deleted (default 10,000). */
  maxStates?: number;
}

/** Default of {@linkcode SavedSessionLimits.maxStates} (`MAX_SAVED_STATES`). */
export const MAX_SAVED_STATES = 10_000;

/** A saved session. */
export interface SavedSession {
  key: string;
  active_persona_id: string | null;
  visual_context: VisualContext | null;
  saved_at: string;
}

interface SavedRow {
  key: string;
  active_persona_id: string | null;
  visual_context: string | null;
  saved_at: string;
}

const savedRows = rowMapper<SavedSession>("session_states", {
  key: true,
  active_persona_id: true,
  visual_context: (saved) =>
    saved.visual_context === null ? null : JSON.stringify(saved.visual_context),
  saved_at: true,
});

const SAVE = insertSql(savedRows, { conflict: ["key"] });
const LOAD = `SELECT ${columnList(savedRows)} FROM session_states WHERE key = ?`;
/**
 * Deletes the least recently saved past the cap (`?` 2), never the key just saved (`?` 1) even
 * when others share its millisecond. One statement that counts as it deletes (the count kept by
 * triggers on PostgreSQL, `session_states_3`; counted on SQLite), so saves that overlap each see
 * the others' deletes and together remove no more than the overflow.
 */
const EVICT = {
  sqlite: `DELETE FROM session_states WHERE key IN (SELECT key FROM session_states WHERE key <> ?
    ORDER BY saved_at, key LIMIT max(0, (SELECT COUNT(*) FROM session_states) - ?))`,
  postgres: `DELETE FROM session_states WHERE key IN (SELECT key FROM session_states WHERE key <> ?
    ORDER BY saved_at, key LIMIT greatest(0, (SELECT n FROM session_state_count) - ?))`,
};

/** Reads and writes saved sessions. */
export class SavedSessionStore {
  readonly #db: Database;
  readonly #maxStates: number;

  /** Creates a store over `db` (migrated). */
  constructor(db: Database, limits: SavedSessionLimits = {}) {
    this.#db = db;
    this.#maxStates = limits.maxStates ?? MAX_SAVED_STATES;
  }

  /**
   * Saves (or overwrites) the session under `saved.key`; resolves to what was saved. An active
   * persona deleted by another request meanwhile is saved as none, as the deletion would have
   * left it a moment later (`ON DELETE SET NULL`).
   */
  async save(saved: SavedSession): Promise<SavedSession> {
    const kept = await this.#write(saved);
    await this.#evictOverflow(kept.key);
    return kept;
  }

  async #write(saved: SavedSession): Promise<SavedSession> {
    try {
      await this.#db.run(SAVE, ...savedRows.values(saved));
      return saved;
    } catch (error) {
      if (!isForeignKeyViolation(error) || saved.active_persona_id === null) throw error;
      return await this.#write({ ...saved, active_persona_id: null });
    }
  }

  /**
   * Past `maxStates`, deletes the least recently saved but never `savedKey` (the one just saved):
   * a client saving under ever new keys pushes the oldest out rather than filling the disk.
   */
  async #evictOverflow(savedKey: string): Promise<void> {
    await this.#db.run(EVICT[this.#db.dialect], savedKey, this.#maxStates);
  }

  /** Deletes the session saved under `key`; false when none was. */
  async delete(key: string): Promise<boolean> {
    return await this.#db.run("DELETE FROM session_states WHERE key = ?", key) > 0;
  }

  /** Deletes the sessions saved before `savedBefore` (an ISO time); resolves to how many. */
  async expire(savedBefore: string): Promise<number> {
    return await this.#db.run("DELETE FROM session_states WHERE saved_at < ?", savedBefore);
  }

  /** The session saved under `key`, if any. */
  async load(key: string): Promise<SavedSession | undefined> {
    const row = await this.#db.get<SavedRow>(LOAD, key);
    if (!row) return undefined;
    return {
      ...row,
      visual_context: row.visual_context === null ? null : JSON.parse(row.visual_context),
    };
  }
}

/** A saved session's key: 1-128 characters of letters, digits and `_ - . :`. */
export const savedSessionKey = z.string().regex(
  /^[A-Za-z0-9_.:-]{1,128}$/,
  "must be 1-128 characters of letters, digits, '_', '-', '.' or ':'",
);
