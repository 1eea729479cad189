/**
 * The SQLite backend's reads and writes of the `memory_referents` table (`referent_rows.ts`),
 * synchronous on its connection, for the backend to run in its exclusive turn; PostgreSQL's
 * are `referent_rows.ts`'s own.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import {
  type BeforeRow,
  DELETE_REFERENT,
  INSERT_REFERENT,
  MEMORY_BEFORE,
  MEMORY_STORED_BEFORE,
  memoryBefore,
  type Referent,
  referentsSql,
} from "./referent_rows.ts";

/** The persona's memory stored last before `at` (`MemoryBackend.memoryBefore`). */
export function sqliteMemoryBefore(
  db: Database,
  personaId: string,
  at: string,
): MemoryBefore | undefined {
  return memoryBefore(db.get<BeforeRow>(MEMORY_BEFORE, personaId, at));
}

/** The memory stored last before memory `id` (`MemoryBackend.memoryStoredBefore`). */
export function sqliteMemoryStoredBefore(db: Database, id: string): MemoryBefore | undefined {
  return memoryBefore(db.get<BeforeRow>(MEMORY_STORED_BEFORE, id, id));
}

/** Writes `referents` (`MemoryBackend.writeReferents`). */
export function writeSqliteReferents(db: Database, referents: readonly Referent[]): void {
  for (const { id, referent } of referents) db.run(INSERT_REFERENT, referent, id);
}

/** Drops memory `id`'s referent (`MemoryBackend.dropReferent`). */
export function dropSqliteReferent(db: Database, id: string): void {
  db.run(DELETE_REFERENT, id);
}

/** The referents of `ids`, by id (`MemoryBackend.referents`). */
export function sqliteReferents(db: Database, ids: readonly string[]): Map<string, string> {
  return new Map(
    db.all<Referent>(referentsSql("(SELECT value FROM json_each(?))"), JSON.stringify(ids))
      .map((row) => [row.id, row.referent]),
  );
}
