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

const SELECT_MANY = `SELECT ${columnList(stateRows)} FROM persona_states WHERE persona_id IN`;
const SAVE_STATE = insertSql(stateRows, { conflict: ["persona_id"] });
const ONE_ROW = `(${stateRows.columns.map(() => "?").join(", ")})`;

/** {@linkcode SAVE_STATE} for `count` rows in one statement, by count. */
const saveStates = new Map<number, string>();
function saveStatesSql(count: number): string {
  let sql = saveStates.get(count);
  if (sql === undefined) {
    sql = SAVE_STATE.replace(
      `VALUES ${ONE_ROW}`,
      `VALUES ${Array(count).fill(ONE_ROW).join(", ")}`,
    );
    saveStates.set(count, sql);
  }
  return sql;
}

/**
 * Reads and writes emotional state snapshots. On SQLite, snapshots read outside a transaction
 * are kept while the states stay as they were: no save of this process since, nor a persona's
 * deletion (it cascades here: {@linkcode EmotionRepository.changed}), and the file's
 * `data_version` the same (asked fresh on every read, so another process's commit shows at
 * once). A chat's own writes (history, memory) keep them: they read emotions on every message. A room of
 * personas whose states are read every simulated tick then reads SQLite only after something
 * was written. A read inside a transaction (read, change, write) always reads the row.
 */
export class EmotionRepository {
  readonly #db: Database;
  /** Kept snapshots by persona id (null: at rest, no row), valid at {@linkcode #version}. */
  readonly #kept = new Map<string, EmotionalState | null>();
  #version = "";
  /** Moves with each save of this process (before and after it) and each persona deletion. */
  #generation = 0;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** States may have changed here (a save begins or ends, a persona was deleted): drop the kept. */
  changed(): void {
    this.#generation++;
  }

  /** The stored snapshot of `personaId`, if it ever changed from rest. */
  async find(personaId: string): Promise<EmotionalState | undefined> {
    return (await this.findMany([personaId])).get(personaId);
  }

  /**
   * The stored snapshots of `personaIds` in one query, by persona id (those that never changed
   * from rest are absent).
   */
  async findMany(personaIds: readonly string[]): Promise<Map<string, EmotionalState>> {
    if (personaIds.length === 0) return new Map();
    if (this.#db.dialect !== "sqlite" || this.#db.inTransaction) {
      return await this.#read(personaIds);
    }
    const generation = this.#generation;
    const stamp = await this.#db.changeStamp("persona_states", { fresh: true });
    const version = `${generation}:${stamp}`;
    if (version !== this.#version) {
      this.#kept.clear();
      this.#version = version;
    }
    const missing = personaIds.filter((id) => !this.#kept.has(id));
    const read = missing.length > 0 ? await this.#read(missing) : undefined;
    // Unless this process wrote meanwhile (then the rows may be stale already). Another
    // process's commit since the stamp was read only makes the rows newer than the stamp: the
    // next read's stamp differs, and they are dropped.
    if (read && this.#generation === generation && this.#version === version) {
      for (const id of missing) this.#kept.set(id, read.get(id) ?? null);
    }
    const found = new Map<string, EmotionalState>();
    for (const id of personaIds) {
      const state = read?.get(id) ?? this.#kept.get(id);
      // Copies: a caller may change what it gets.
      if (state) found.set(id, { ...state });
    }
    return found;
  }

  async #read(personaIds: readonly string[]): Promise<Map<string, EmotionalState>> {
    const found = new Map<string, EmotionalState>();
    const rows = await this.#db.all<EmotionRow>(
      `${SELECT_MANY} (${personaIds.map(() => "?").join(", ")})`,
      ...personaIds,
    );
    // Field by field: an object rest (`{ persona_id, ...state }`) costs several times more.
    for (const row of rows) {
      found.set(row.persona_id, {
        mood: row.mood,
        energy_level: row.energy_level,
        stress_level: row.stress_level,
        curiosity: row.curiosity,
        social_energy: row.social_energy,
        interaction_fatigue: row.interaction_fatigue,
        cooldown_until: row.cooldown_until,
        updated_at: row.updated_at,
      });
    }
    return found;
  }

  /** Runs `work` in one transaction holding `personaId`'s state lock (read, change, write). */
  exclusively<T>(personaId: string, work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      await this.#db.lock(`emotions:${personaId}`);
      return await work();
    });
  }

  /** {@linkcode exclusively} holding the state lock of each of `personaIds` (in sorted order). */
  exclusivelyAll<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      for (const id of [...personaIds].sort()) await this.#db.lock(`emotions:${id}`);
      return await work();
    });
  }

  /** Stores `row` (replacing the persona's previous snapshot). */
  async save(row: EmotionRow): Promise<void> {
    this.changed();
    try {
      await this.#db.run(SAVE_STATE, ...stateRows.values(row));
    } finally {
      this.changed();
    }
  }

  /**
   * Stores `rows` (each replacing its persona's snapshot) in one statement: a dialogue turn's
   * speaker and listeners. Rows of the same persona are saved one by one, in order (the last
   * stands), since one upsert may not change a row twice on PostgreSQL.
   */
  async saveAll(rows: readonly EmotionRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (rows.length === 1 || new Set(rows.map((row) => row.persona_id)).size < rows.length) {
      for (const row of rows) await this.save(row);
      return;
    }
    this.changed();
    try {
      await this.#db.run(
        saveStatesSql(rows.length),
        ...rows.flatMap((row) => stateRows.values(row)),
      );
    } finally {
      this.changed();
    }
  }
}
