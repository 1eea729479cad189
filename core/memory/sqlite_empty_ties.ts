/**
 * Kind ties (`kind_ties.ts`) complete without reading any stored content, for a persona this
 * process writes from empty (perf61): its first store loads its (empty) indexes
 * ({@linkcode loadEmptyIndexes}), whose ties start complete ({@linkcode startTies}), and every
 * write after takes its own ties in (`sqlite_writes.ts`). A search in a tight loop after a bulk
 * insert then looks up no kind word no memory ties, with no quiet moment needed to read them
 * (`sqlite_kind_ties.ts`, which still reads the ties of an index loaded from stored rows).
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { MemoryWrite } from "./backend.ts";
import { keepTies, KindTies } from "./kind_ties.ts";
import type { LexicalIndex } from "./lexical_index.ts";

/** Whether a persona has any memory (by `memories_by_persona`). */
const HAS_MEMORY = "SELECT EXISTS (SELECT 1 FROM memories WHERE persona_id = ?) AS held";

/** What {@linkcode loadEmptyIndexes} asks of `IndexCache` (named here: it imports this module). */
export interface EmptyLoads {
  /** The loaded BM25 index of a persona, if any. */
  loadedLexical(personaId: string): LexicalIndex<number> | undefined;
  /** Loads a persona's indexes (vectors by `embedder`). */
  get(personaId: string, embedder: string, dimensions: number): unknown;
}

function hasMemory(db: Database, personaId: string): boolean {
  return db.get<{ held: number }>(HAS_MEMORY, personaId)?.held !== 0;
}

/**
 * Keeps complete (empty) ties with a persona's BM25 index just loaded when the persona has no
 * memory: every memory it will hold is then one this process writes, each write taking its ties
 * in. Dropped or loaded again (another connection's commit, a rollback), the index loses them.
 */
export function startTies(
  db: Database,
  loaded: { personaId: string; lexical: LexicalIndex<number> },
): void {
  if (loaded.lexical.size === 0 && !hasMemory(db, loaded.personaId)) {
    keepTies(loaded.lexical, new KindTies());
  }
}

/**
 * Loads the (empty) indexes of each written persona that has no memory yet and none loaded,
 * before its first memories are inserted, so that the writes keep them (and their ties) in step.
 * A persona with memories loads at its first search, as before. Run in the backend's turn.
 */
export function loadEmptyIndexes(
  targets: { db: Database; cache: EmptyLoads },
  writes: readonly MemoryWrite[],
): void {
  const { db, cache } = targets;
  const seen = new Set<string>();
  for (const { record, vector } of writes) {
    if (vector === undefined || seen.has(record.persona_id)) continue;
    seen.add(record.persona_id);
    if (cache.loadedLexical(record.persona_id) === undefined && !hasMemory(db, record.persona_id)) {
      cache.get(record.persona_id, record.embedder, vector.length);
    }
  }
}
