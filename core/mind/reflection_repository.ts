/**
 * The reflection counters in SQL (SQLite or PostgreSQL): per persona, the summed importance of
 * memories since its last reflection and how many reflections it has had. Each change is one
 * statement, so nodes adding at once never lose an addition.
 *
 * @module
 */
import type { Database, Migration } from "../storage/mod.ts";

/** Tables owned by reflection. */
export const reflectionMigrations: Migration[] = [{
  name: "reflection_counters_1",
  sql: `
    CREATE TABLE reflection_counters (
      persona_id TEXT PRIMARY KEY REFERENCES personas(id) ON DELETE CASCADE,
      importance REAL NOT NULL DEFAULT 0,
      reflections INTEGER NOT NULL DEFAULT 0
    );
  `,
}];

/** One persona's counter. */
export interface ReflectionCounter {
  /** Summed importance of memories since the last reflection. */
  importance: number;
  /** Reflections so far. */
  reflections: number;
}

/** The counters. */
export interface ReflectionCounters {
  /** Adds `amount` to the persona's sum; returns the counter after. */
  add(personaId: string, amount: number): Promise<ReflectionCounter>;
  /**
   * Reflection number `generation` consumed `amount` of the sum (memories added meanwhile still
   * count); done once per generation, so a retried reflection does not consume twice.
   */
  settle(personaId: string, change: { amount: number; generation: number }): Promise<void>;
  /** The persona's counter (zero when it has none). */
  get(personaId: string): Promise<ReflectionCounter>;
}

/** Counters in the server's database (SQLite or PostgreSQL). */
export class SqlReflectionCounters implements ReflectionCounters {
  readonly #db: Database;

  /** Counters over `db` with {@linkcode reflectionMigrations} applied. */
  constructor(db: Database) {
    this.#db = db;
  }

  async add(personaId: string, amount: number): Promise<ReflectionCounter> {
    const row = await this.#db.get<ReflectionCounter>(
      `INSERT INTO reflection_counters (persona_id, importance) VALUES (?, ?)
       ON CONFLICT (persona_id) DO UPDATE
         SET importance = reflection_counters.importance + excluded.importance
       RETURNING importance, reflections`,
      personaId,
      amount,
    );
    return { importance: row!.importance, reflections: row!.reflections };
  }

  async settle(personaId: string, change: { amount: number; generation: number }): Promise<void> {
    await this.#db.run(
      `UPDATE reflection_counters
       SET importance = CASE WHEN importance > ? THEN importance - ? ELSE 0 END, reflections = ?
       WHERE persona_id = ? AND reflections = ?`,
      change.amount,
      change.amount,
      change.generation,
      personaId,
      change.generation - 1,
    );
  }

  async get(personaId: string): Promise<ReflectionCounter> {
    const row = await this.#db.get<ReflectionCounter>(
      "SELECT importance, reflections FROM reflection_counters WHERE persona_id = ?",
      personaId,
    );
    return { importance: row?.importance ?? 0, reflections: row?.reflections ?? 0 };
  }
}
