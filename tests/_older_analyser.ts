/**
 * What the analyser-upgrade tests (`memory_analyser_migration_test.ts`,
 * `memory_analyser4_migration_test.ts`) share: a PostgreSQL store made to look as an older
 * analyser left it, and a look into the upgrade's queues.
 *
 * @module
 */

import type { Database } from "../core/storage/mod.ts";

/** How the store looked before the upgrade under test. */
export interface OlderStore {
  /** The analyser version every row is marked with. */
  version: number;
  /** The memory whose terms that version wrote differently. */
  id: string;
  /** Those terms, as that version wrote them. */
  terms: readonly string[];
  /** The migration that reads such memories again: marked not applied. */
  migration: string;
}

/**
 * Makes `db` hold what an older PostgreSQL store held: `id`'s old terms, every row marked
 * `version`, nothing queued, `migration` not applied. The terms trigger is off meanwhile: it would
 * queue the row itself, and then the test could not tell whether the migration does.
 */
export async function asOlderStore(db: Database, older: OlderStore): Promise<void> {
  await db.exec("ALTER TABLE memories DISABLE TRIGGER memories_terms_writer");
  await db.run("UPDATE memories SET terms_analyser = ?", older.version);
  await db.run(
    "UPDATE memories SET terms = CAST(? AS tsvector), term_count = ? WHERE id = ?",
    older.terms.map((term) => `'${term}':1`).join(" "),
    older.terms.length,
    older.id,
  );
  await db.exec("ALTER TABLE memories ENABLE TRIGGER memories_terms_writer");
  await db.run("DELETE FROM memory_reanalyse");
  await db.run("DELETE FROM memory_remake");
  await db.run("DELETE FROM schema_migrations WHERE name = ?", older.migration);
}

/** The ids in `table` (a queue), in order. */
export async function queuedIn(db: Database, table: string): Promise<string[]> {
  return (await db.all<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
}
