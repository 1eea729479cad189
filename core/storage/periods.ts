/**
 * Background work that must run once per period across every process and node sharing the
 * database (the memory decay schedule): each period is claimed by inserting its row, and the
 * primary key lets exactly one insert succeed. Nodes that lose the claim skip that period.
 *
 * @module
 */
import type { Database, Migration } from "./database.ts";

/** Tables of the period claims (portable SQL). */
export const periodMigrations: Migration[] = [{
  name: "schedule_runs_1",
  sql: `
    CREATE TABLE schedule_runs (
      name TEXT NOT NULL,
      period INTEGER NOT NULL,
      node TEXT NOT NULL,
      claimed_at INTEGER NOT NULL,
      PRIMARY KEY (name, period)
    );
  `,
}];

/** Claims of periods of named schedules. */
export class PeriodClaims {
  readonly #db: Database;
  readonly #node: string;

  /** Claims in `db` (migrated) on behalf of `node` (an id of this process). */
  constructor(db: Database, node: string) {
    this.#db = db;
    this.#node = node;
  }

  /** True when this node gets period `period` of schedule `name` (false: another one has it). */
  async claim(name: string, period: number, at: number): Promise<boolean> {
    const inserted = await this.#db.run(
      `INSERT INTO schedule_runs (name, period, node, claimed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name, period) DO NOTHING`,
      name,
      period,
      this.#node,
      at,
    );
    // Old claims are of no use to anyone: keep the table small.
    if (inserted > 0 && period % 64 === 0) {
      await this.#db.run(
        "DELETE FROM schedule_runs WHERE name = ? AND period < ?",
        name,
        period - 64,
      );
    }
    return inserted > 0;
  }
}
