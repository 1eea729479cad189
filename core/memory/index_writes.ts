/**
 * This process's writes to the memories of personas whose indexes the SQLite backend keeps
 * (`index_cache.ts`): one transaction that reads the tracked personas' versions before and after,
 * so that an index current before stays current (the caller updates it) and one that was not is
 * dropped, and that forgets the indexes if the transaction rolls back.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { KeptVersions } from "./kept_versions.ts";

/** What a tracked write needs of the index cache. */
export interface TrackedIndexes {
  /** The connection the write runs on. */
  readonly db: Database;
  /** The versions the loaded indexes reflect. */
  readonly kept: KeptVersions;
  /** A persona's index version in the database now. */
  version(personaId: string): number;
  /** Forgets a persona's indexes (they reload on next use). */
  drop(personaId: string): void;
  /** Forgets the indexes of `personaIds` (and the term ids, with `terms`) on a rollback. */
  undoOnRollback(personaIds: readonly string[], options?: { terms?: boolean }): void;
}

/**
 * Runs `work` (a write to the memories of `personaIds`) in one transaction, keeping the tracked
 * personas' versions in step: with `inserts`, each persona's version moves by its number of
 * entries in `personaIds` (one insert each, the trigger's bump), unread; else it is read again.
 * A persona whose index was not current before, or a `work` that throws, drops its indexes.
 */
export function writeTracked<T>(
  indexes: TrackedIndexes,
  write: { personaIds: readonly string[]; work: () => T; inserts: boolean },
): T {
  const { personaIds, work, inserts } = write;
  return indexes.db.transaction(() => {
    const counts = new Map<string, number>();
    for (const id of personaIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    const tracked = [...counts.keys()].filter((id) => indexes.kept.tracks(id));
    const before = new Map<string, number>();
    for (const id of tracked) {
      const version = indexes.version(id);
      if (indexes.kept.current(id, version)) before.set(id, version);
    }
    let result: T;
    try {
      result = work();
    } catch (error) {
      // Without a savepoint, what `work` wrote before it failed stays in a caller's transaction.
      for (const id of tracked) indexes.drop(id);
      throw error;
    }
    for (const id of tracked) {
      const version = before.get(id);
      if (version === undefined) indexes.drop(id);
      else indexes.kept.moved(id, inserts ? version + counts.get(id)! : indexes.version(id));
    }
    indexes.undoOnRollback(tracked, { terms: true });
    return result;
  });
}
