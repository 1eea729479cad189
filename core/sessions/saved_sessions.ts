/**
 * Saved sessions (`state.save` / `state.load` on the wire): a session's active persona and
 * visual context persisted in the database under a client-chosen key, so a client can restore them on
 * a new connection.
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
}];

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

/** Reads and writes saved sessions. */
export class SavedSessionStore {
  readonly #db: Database;

  /** Creates a store over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Saves (or overwrites) the session under `saved.key`; resolves to what was saved. An active
   * persona deleted by another request meanwhile is saved as none, as the deletion would have
   * left it a moment later (`ON DELETE SET NULL`).
   */
  async save(saved: SavedSession): Promise<SavedSession> {
    try {
      await this.#db.run(SAVE, ...savedRows.values(saved));
      return saved;
    } catch (error) {
      if (!isForeignKeyViolation(error) || saved.active_persona_id === null) throw error;
      return await this.save({ ...saved, active_persona_id: null });
    }
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
