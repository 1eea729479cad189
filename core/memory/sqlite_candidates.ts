/**
 * The SQLite backend's candidate search: the best rows of the persona's (and, when asked, other
 * personas' visible) in-memory indexes by vector and by BM25, each with the other channel's
 * score too, their records read from the kept rows or one SQL read.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { SqlValue } from "../storage/database.ts";
import { readSafely, tooLarge } from "../storage/sqlite_safe_integers.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { VISIBILITIES, type Visibility } from "./schema.ts";
import { MEMORY_RECORDS, RECORD_COLUMNS, RECORD_SELECT } from "./sqlite_rows.ts";
import type { IndexCache, PersonaIndex } from "./index_cache.ts";
import type { NumberedRow, RowCache } from "./row_cache.ts";
import type { TouchWriter } from "./sqlite_touch_writer.ts";

const BY_SEQS = `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
  WHERE seq IN (SELECT value FROM json_each(?))`;

/** Where each record column is in a row of {@linkcode BY_SEQS} read as an array. */
const AT = Object.fromEntries(RECORD_COLUMNS.map((name, i) => [name, i + 1])) as Record<
  (typeof RECORD_COLUMNS)[number],
  number
>;

/**
 * The rows numbered `seqs` ({@linkcode BY_SEQS}), read as arrays: the driver's row objects have
 * no prototype and read slowly, and the row cache copies each one to a plain object anyway.
 */
export function rowsBySeqs(db: Database, seqs: readonly number[]): NumberedRow[] {
  // `node:sqlite` has it (Node 22.16), its type declarations not yet.
  const statement = db.prepare(BY_SEQS) as ReturnType<Database["prepare"]> & {
    setReturnArrays(enabled: boolean): void;
  };
  statement.setReturnArrays(true);
  try {
    const json = JSON.stringify(seqs);
    let read: unknown[];
    try {
      read = statement.all(json);
    } catch (error) {
      // As the connection's own reads (`sqlite_connection.ts`): an integer beyond 2^53 - 1 read
      // again as a bigint, held to ±(2^53 - 1), not a failed search.
      if (!tooLarge(error)) throw error;
      read = readSafely(statement, (safe) => safe.all(json));
    }
    return read.map((row) => {
      const values = row as unknown as SqlValue[];
      return {
        seq: values[0],
        id: values[AT.id],
        persona_id: values[AT.persona_id],
        content: values[AT.content],
        memory_type: values[AT.memory_type],
        importance: values[AT.importance],
        base_importance: values[AT.base_importance],
        importance_set_at: values[AT.importance_set_at],
        emotional_valence: values[AT.emotional_valence],
        related_personas: values[AT.related_personas],
        visibility: values[AT.visibility],
        metadata: values[AT.metadata],
        created_at: values[AT.created_at],
        last_accessed: values[AT.last_accessed],
        accessed_count: values[AT.accessed_count],
        embedder: values[AT.embedder],
        superseded_by: values[AT.superseded_by],
        supersedes: values[AT.supersedes],
        source_ids: values[AT.source_ids],
      } as NumberedRow;
    });
  } finally {
    // The statement is the connection's cached one: others may read it as objects.
    statement.setReturnArrays(false);
  }
}

/** What a candidate search reads: the connection, the indexes, kept rows and pending counts. */
export interface CandidateSources {
  db: Database;
  cache: IndexCache;
  rows: RowCache;
  touches: TouchWriter;
}

/** A persona whose memories a search looks at, and which of them. */
interface Scope {
  personaId: string;
  visibilities: readonly Visibility[];
}

/** The personas (and which of their memories) a search looks at. */
function scopesOf(db: Database, query: CandidateQuery): Scope[] {
  const scopes: Scope[] = [{ personaId: query.personaId, visibilities: VISIBILITIES }];
  if (query.othersVisibility.length > 0) {
    const others = db.all<{ persona_id: string }>(
      `SELECT DISTINCT persona_id FROM memories WHERE embedder = ? AND persona_id != ?
         AND visibility IN (SELECT value FROM json_each(?))`,
      query.embedder,
      query.personaId,
      JSON.stringify(query.othersVisibility),
    );
    for (const { persona_id } of others) {
      scopes.push({ personaId: persona_id, visibilities: query.othersVisibility });
    }
  }
  return scopes;
}

/**
 * The candidates of `query` (run inside the backend's exclusive turn, its indexes refreshed).
 */
export function findCandidates(sources: CandidateSources, query: CandidateQuery): Candidate[] {
  const { db, cache } = sources;
  const dimensions = query.vector.length;
  const similarities = new Map<number, number>();
  const lexical = new Map<number, number>();
  const scopes = scopesOf(db, query);
  for (const scope of scopes) {
    const index = cache.get(scope.personaId, query.embedder, dimensions);
    const filter = {
      minImportance: query.minImportance,
      memoryType: query.memoryType,
      visibilities: scope.visibilities,
    };
    const nearest = query.lexicalOnly ? 0 : query.limit;
    for (const hit of index.vectors.nearest(query.vector, nearest, filter)) {
      similarities.set(hit.id, hit.similarity);
    }
    for (const hit of index.lexical.search(query, query.limit, filter)) {
      lexical.set(hit.id, hit.lexical);
    }
  }
  // One index's hits come best first and at most `limit` of them (each channel's score a
  // non-decreasing function of the score it ranks by): already what a sort would make of them.
  const best = (scores: Map<number, number>) =>
    [...scores].sort((a, b) => b[1] - a[1]).slice(0, query.limit).map(([seq]) => seq);
  let seqs: number[];
  if (scopes.length === 1) {
    // The two maps' keys, the vector hits first, as a set of them would list them (none made).
    seqs = [...similarities.keys()];
    for (const seq of lexical.keys()) if (!similarities.has(seq)) seqs.push(seq);
  } else {
    const union = new Set(best(similarities));
    for (const seq of best(lexical)) union.add(seq);
    seqs = [...union];
  }
  if (seqs.length === 0) return [];
  // In ascending order, as the rows come back: the kept rows are then found in order and their
  // sort by row number (`RowCache.rows`) checks a sorted list instead of comparing ~n log n
  // pairs through a callback (a typed array sorts numbers natively).
  sortRowNumbers(seqs);
  const rows = sources.rows.rows(
    seqs,
    (missing) => rowsBySeqs(db, missing),
    // A transaction may still roll back what its rows show.
    { keep: !db.raw.isTransaction },
  );
  // A candidate found by one channel gets the other's score too: the BM25 ones of each
  // persona's index in one call (the query's terms weighed once, not once per candidate).
  const missingLexical = new Map<string, number[]>();
  for (const { seq, persona_id } of rows) {
    if (lexical.has(seq)) continue;
    const seqsOfPersona = missingLexical.get(persona_id);
    if (seqsOfPersona) seqsOfPersona.push(seq);
    else missingLexical.set(persona_id, [seq]);
  }
  for (const [personaId, missing] of missingLexical) {
    const index = cache.get(personaId, query.embedder, dimensions);
    index.lexical.lexicalMany(missing, query).forEach((score, i) =>
      lexical.set(missing[i]!, score)
    );
  }
  // Each persona's vector index looked up once, not once per candidate.
  const vectorsOf = new Map<string, PersonaIndex["vectors"]>();
  return rows.map((row) => {
    const { seq } = row;
    // Shared with every search that finds the kept row (frozen): nothing new to hold per search.
    const record = sources.touches.applied(sources.rows.recordOf(row));
    let similarity = similarities.get(seq);
    if (similarity === undefined) {
      let vectors = vectorsOf.get(record.persona_id);
      if (vectors === undefined) {
        vectors = cache.get(record.persona_id, query.embedder, dimensions).vectors;
        vectorsOf.set(record.persona_id, vectors);
      }
      similarity = vectors.similarity(seq, query.vector) ?? 0;
    }
    return { record, similarity, lexical: lexical.get(seq) ?? 0 };
  });
}

/** Row numbers up to this fit V8's small integers (31 bits), read back from an `Int32Array`. */
const SMALL_ROW_NUMBER = 2 ** 30 - 1;

/**
 * Sorts `numbers` (row numbers: whole, positive) in ascending order, in place. Through an
 * `Int32Array`, whose numbers come back as small integers: read back from a `Float64Array` they
 * would turn the list into one of doubles, and every later lookup by them (the row cache's, the
 * hit maps') into one by a boxed number. Larger row numbers: the comparator sort.
 */
export function sortRowNumbers(numbers: number[]): void {
  if (!numbers.every((number) => number <= SMALL_ROW_NUMBER)) {
    numbers.sort((a, b) => a - b);
    return;
  }
  const sorted = new Int32Array(numbers).sort();
  for (let i = 0; i < sorted.length; i++) numbers[i] = sorted[i]!;
}
