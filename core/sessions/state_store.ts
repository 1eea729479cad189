/**
 * `state.save` / `state.load`: a session's state (active persona, visual context) persisted in
 * SQLite under a client-chosen key, so a client can restore it on a new connection.
 *
 * @module
 */
import { z } from "zod";
import type { Database, Migration } from "../storage/db.ts";
import type { VisualContext } from "./session.ts";

/** Tables owned by the state store. */
export const stateMigrations: Migration[] = [{
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

/** A saved session state. */
export interface SavedState {
  key: string;
  active_persona_id: string | null;
  visual_context: VisualContext | null;
  saved_at: string;
}

interface StateRow {
  key: string;
  active_persona_id: string | null;
  visual_context: string | null;
  saved_at: string;
}

/** Reads and writes saved session states. */
export class StateStore {
  readonly #db: Database;

  /** Creates a store over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Saves (or overwrites) the state under `state.key`. */
  save(state: SavedState): void {
    this.#db.run(
      `INSERT INTO session_states (key, active_persona_id, visual_context, saved_at)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET active_persona_id = excluded.active_persona_id,
         visual_context = excluded.visual_context, saved_at = excluded.saved_at`,
      state.key,
      state.active_persona_id,
      state.visual_context === null ? null : JSON.stringify(state.visual_context),
      state.saved_at,
    );
  }

  /** The state saved under `key`, if any. */
  load(key: string): SavedState | undefined {
    const row = this.#db.get<StateRow>(
      "SELECT key, active_persona_id, visual_context, saved_at FROM session_states WHERE key = ?",
      key,
    );
    if (!row) return undefined;
    return {
      ...row,
      visual_context: row.visual_context === null ? null : JSON.parse(row.visual_context),
    };
  }
}

/** A state key: 1-128 characters of letters, digits and `_ - . :`. */
export const stateKey = z.string().regex(
  /^[A-Za-z0-9_.:-]{1,128}$/,
  "must be 1-128 characters of letters, digits, '_', '-', '.' or ':'",
);
