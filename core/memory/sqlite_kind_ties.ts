/**
 * The SQLite backend's kind ties (`kind_ties.ts`): kept with a persona's loaded BM25 index, read
 * from the stored contents a slice at a time by the searches that ask, and kept in step by the
 * writes that re-index a memory's content or delete it (`sqlite_writes.ts`).
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import { keepTies, KIND_TIES_SLICE, KindTies, tiesOf } from "./kind_ties.ts";
import type { LexicalIndex } from "./lexical_index.ts";

const SLICE = `SELECT seq AS id, content FROM memories
  WHERE persona_id = ? AND seq > ? ORDER BY seq LIMIT ?`;

/**
 * Which of `keys` a memory of `personaId` ties to a name (undefined while its ties are still
 * being read: this call reads one more slice). Run in the backend's exclusive turn, its indexes
 * refreshed, `lexical` the persona's loaded index.
 */
export function sqliteTiedKinds(
  db: Database,
  asked: { personaId: string; lexical: LexicalIndex<number>; keys: readonly string[] },
): ReadonlySet<string> | undefined {
  // Row numbers start at 1: every memory is after 0.
  const ties = tiesOf(asked.lexical) ?? keepTies(asked.lexical, new KindTies({ after: 0 }));
  const after = ties.after;
  if (after !== undefined) {
    const texts = db.all<{ id: number; content: string }>(
      SLICE,
      asked.personaId,
      after,
      KIND_TIES_SLICE,
    );
    ties.read(texts, texts.length < KIND_TIES_SLICE);
  }
  return ties.tied(asked.keys);
}
