/**
 * Emotional state rows: one snapshot per persona (`persona_states`), advanced to "now"
 * by the service on every read.
 *
 * @module
 */
import type { Database, Migration } from "../storage/database.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import type { EmotionalState } from "./rules.ts";

/** Tables owned by the emotions module. */
export const emotionMigrations: Migration[] = [{
  name: "persona_states_1",
  sql: `
    CREATE TABLE persona_states (
      persona_id TEXT PRIMARY KEY REFERENCES personas(id) ON DELETE CASCADE,
      mood REAL NOT NULL,
      energy_level REAL NOT NULL,
      stress_level REAL NOT NULL,
      curiosity REAL NOT NULL,
      social_energy REAL NOT NULL,
      interaction_fatigue REAL NOT NULL,
      cooldown_until INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
}];

/** One persona's stored emotional state. */
export interface EmotionRow extends EmotionalState {
  persona_id: string;
}

const stateRows = rowMapper<EmotionRow>("persona_states", {
  persona_id: true,
  mood: true,
  energy_level: true,
  stress_level: true,
  curiosity: true,
  social_energy: true,
  interaction_fatigue: true,
  cooldown_until: true,
  updated_at: true,
});

const SELECT_STATE = `SELECT ${columnList(stateRows)} FROM persona_states WHERE persona_id = ?`;
const SELECT_MANY = `SELECT ${columnList(stateRows)} FROM persona_states WHERE persona_id IN`;
const SAVE_STATE = insertSql(stateRows, { conflict: ["persona_id"] });

/** Reads and writes emotional state snapshots. */
export class EmotionRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** The stored snapshot of `personaId`, if it ever changed from rest. */
  async find(personaId: string): Promise<EmotionalState | undefined> {
    const row = await this.#db.get<EmotionRow>(SELECT_STATE, personaId);
    if (!row) return undefined;
    const { persona_id: _id, ...state } = row;
    return state;
  }

  /**
   * The stored snapshots of `personaIds` in one query, by persona id (those that never changed
   * from rest are absent).
   */
  async findMany(personaIds: readonly string[]): Promise<Map<string, EmotionalState>> {
    const found = new Map<string, EmotionalState>();
    if (personaIds.length === 0) return found;
    const rows = await this.#db.all<EmotionRow>(
      `${SELECT_MANY} (${personaIds.map(() => "?").join(", ")})`,
      ...personaIds,
    );
    for (const { persona_id, ...state } of rows) found.set(persona_id, state);
    return found;
  }

  /** Runs `work` in one transaction holding `personaId`'s state lock (read, change, write). */
  exclusively<T>(personaId: string, work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      await this.#db.lock(`emotions:${personaId}`);
      return await work();
    });
  }

  /** Stores `row` (replacing the persona's previous snapshot). */
  async save(row: EmotionRow): Promise<void> {
    await this.#db.run(SAVE_STATE, ...stateRows.values(row));
  }
}
