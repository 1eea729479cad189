/**
 * The SQLite backend's candidate search: the best rows of the persona's (and, when asked, other
 * personas' visible) in-memory indexes by vector and by BM25, each with the other channel's
 * score too, their records read from the kept rows or one SQL read.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { VISIBILITIES, type Visibility } from "./schema.ts";
import { fromRow, MEMORY_RECORDS, RECORD_SELECT } from "./sqlite_rows.ts";
import type { IndexCache, PersonaIndex } from "./index_cache.ts";
import type { NumberedRow, RowCache } from "./row_cache.ts";
import type { TouchWriter } from "./sqlite_touch_writer.ts";

const BY_SEQS = `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
  WHERE seq IN (SELECT value FROM json_each(?))`;

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
  for (const scope of scopesOf(db, query)) {
    const index = cache.get(scope.personaId, query.embedder, dimensions);
    const filter = {
      minImportance: query.minImportance,
      memoryType: query.memoryType,
      visibilities: scope.visibilities,
    };
    for (const hit of index.vectors.nearest(query.vector, query.limit, filter)) {
      similarities.set(hit.id, hit.similarity);
    }
    for (const hit of index.lexical.search(query, query.limit, filter)) {
      lexical.set(hit.id, hit.lexical);
    }
  }
  const best = (scores: Map<number, number>) =>
    [...scores].sort((a, b) => b[1] - a[1]).slice(0, query.limit).map(([seq]) => seq);
  const seqs = new Set([...best(similarities), ...best(lexical)]);
  if (seqs.size === 0) return [];
  const rows = sources.rows.rows(
    [...seqs],
    (missing) => db.all<NumberedRow>(BY_SEQS, JSON.stringify(missing)),
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
    const record = sources.touches.applied(fromRow(row));
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
