/**
 * Relationship rows: one per unordered pair (the smaller id first), plus the interaction log.
 *
 * @module
 */
import { finiteIn, storedCount } from "../numbers.ts";
import type { Database, Migration } from "../storage/database.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import {
  type InteractionRecord,
  type Relationship,
  RELATIONSHIP_LIMITS,
  type RelationshipType,
  type RelationshipValues,
} from "./schema.ts";

/** Tables owned by the relationship module. */
export const relationshipMigrations: Migration[] = [{
  name: "relationships_1",
  sql: `
    CREATE TABLE relationships (
      persona1_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      persona2_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      affinity REAL NOT NULL,
      trust REAL NOT NULL,
      respect REAL NOT NULL,
      intimacy REAL NOT NULL,
      relationship_type TEXT NOT NULL,
      declared_type TEXT,
      interaction_count INTEGER NOT NULL,
      total_interaction_minutes REAL NOT NULL,
      strength REAL NOT NULL,
      compatibility_score REAL NOT NULL,
      first_meeting TEXT,
      last_interaction TEXT,
      PRIMARY KEY (persona1_id, persona2_id),
      CHECK (persona1_id < persona2_id)
    );
    CREATE INDEX relationships_by_second ON relationships (persona2_id);
    CREATE TABLE relationship_interactions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      persona1_id TEXT NOT NULL,
      persona2_id TEXT NOT NULL,
      quality REAL NOT NULL,
      duration_minutes REAL NOT NULL,
      context TEXT NOT NULL,
      changes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      FOREIGN KEY (persona1_id, persona2_id) REFERENCES relationships (persona1_id, persona2_id)
        ON DELETE CASCADE
    );
    CREATE INDEX relationship_interactions_by_pair
      ON relationship_interactions (persona1_id, persona2_id, id);
  `,
}];

/** The pair in storage order. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

const relationshipRows = rowMapper<Relationship>("relationships", {
  persona1_id: true,
  persona2_id: true,
  affinity: true,
  trust: true,
  respect: true,
  intimacy: true,
  relationship_type: true,
  declared_type: true,
  interaction_count: true,
  total_interaction_minutes: true,
  strength: true,
  compatibility_score: true,
  first_meeting: true,
  last_interaction: true,
});
const COLUMNS = columnList(relationshipRows);
// An upsert: REPLACE would cascade away the pair's interaction log.
const SAVE_RELATIONSHIP = insertSql(relationshipRows, { conflict: ["persona1_id", "persona2_id"] });

const interactionRows = rowMapper<Omit<InteractionRecord, "id">>("relationship_interactions", {
  persona1_id: true,
  persona2_id: true,
  quality: true,
  duration_minutes: true,
  context: true,
  changes: "json",
  created_at: true,
});
const LOG_INTERACTION = insertSql(interactionRows);

/**
 * A row as the service may use it: every number in its range and finite. Every write keeps them
 * so; this holds a row written before the bounds (or by hand) to them, so that one bad row cannot
 * turn a persona's list, the statistics or an export into an internal error, and the next
 * interaction continues from the bound.
 */
function fromRow(row: Relationship): Relationship {
  return {
    ...row,
    affinity: finiteIn(row.affinity, -1, 1, 0),
    trust: finiteIn(row.trust, -1, 1, 0),
    respect: finiteIn(row.respect, -1, 1, 0),
    intimacy: finiteIn(row.intimacy, 0, 1, 0),
    interaction_count: storedCount(row.interaction_count),
    total_interaction_minutes: finiteIn(
      row.total_interaction_minutes,
      0,
      RELATIONSHIP_LIMITS.minutes,
      0,
    ),
    strength: finiteIn(row.strength, 0, 1, 0),
    compatibility_score: finiteIn(row.compatibility_score, 0, 1, 0),
  };
}

interface InteractionRow extends Omit<InteractionRecord, "changes"> {
  changes: string;
}

/** Reads and writes relationships. */
export class RelationshipRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** The relationship of the pair, in either order. */
  async find(a: string, b: string): Promise<Relationship | undefined> {
    const [first, second] = orderedPair(a, b);
    const row = await this.#db.get<Relationship>(
      `SELECT ${COLUMNS} FROM relationships WHERE persona1_id = ? AND persona2_id = ?`,
      first,
      second,
    );
    return row && fromRow(row);
  }

  /** Every relationship `personaId` has, strongest first. */
  async listFor(personaId: string): Promise<Relationship[]> {
    const rows = await this.#db.all<Relationship>(
      `SELECT ${COLUMNS} FROM relationships WHERE persona1_id = ? OR persona2_id = ?
       ORDER BY strength DESC, last_interaction DESC`,
      personaId,
      personaId,
    );
    return rows.map(fromRow);
  }

  /** Every relationship. */
  async all(): Promise<Relationship[]> {
    return (await this.#db.all<Relationship>(`SELECT ${COLUMNS} FROM relationships`)).map(fromRow);
  }

  /** Inserts or updates a relationship (an upsert: REPLACE would cascade away its log). */
  async save(r: Relationship): Promise<void> {
    await this.#db.run(SAVE_RELATIONSHIP, ...relationshipRows.values(r));
  }

  /** Logs an interaction of a saved relationship. */
  async logInteraction(record: Omit<InteractionRecord, "id">): Promise<void> {
    await this.#db.run(LOG_INTERACTION, ...interactionRows.values(record));
  }

  /** The latest interactions of a pair, newest first. */
  async interactions(
    a: string,
    b: string,
    { limit }: { limit: number },
  ): Promise<InteractionRecord[]> {
    const [first, second] = orderedPair(a, b);
    const rows = await this.#db.all<InteractionRow>(
      `SELECT id, persona1_id, persona2_id, quality, duration_minutes, context, changes, created_at
       FROM relationship_interactions WHERE persona1_id = ? AND persona2_id = ?
       ORDER BY id DESC LIMIT ?`,
      first,
      second,
      limit,
    );
    return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as RelationshipValues }));
  }

  /** Runs `work` in one transaction holding the lock of the pair (a, b), in either order. */
  exclusively<T>(a: string, b: string, work: () => Promise<T>): Promise<T> {
    const [first, second] = orderedPair(a, b);
    return this.#db.transaction(async () => {
      await this.#db.lock(`relationship:${first}:${second}`);
      return await work();
    });
  }

  /** Counts by type, for statistics. */
  async countByType(): Promise<Record<RelationshipType, number>> {
    const rows = await this.#db.all<{ relationship_type: RelationshipType; n: number }>(
      "SELECT relationship_type, COUNT(*) AS n FROM relationships GROUP BY relationship_type",
    );
    return Object.fromEntries(rows.map((row) => [row.relationship_type, row.n])) as Record<
      RelationshipType,
      number
    >;
  }
}
