/**
 * One load of a persona's in-memory search indexes for `index_cache.ts`: from what was handed
 * over ahead (`index_handoffs.ts`: rows read elsewhere, maybe decoded already, and a vector
 * index made ahead), else from its own pass over the stored search columns, else row by row.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import {
  type BuiltIndexes,
  indexesFromDecoded,
  indexesFromLoadRow,
  indexesFromMemoryRows,
} from "./index_build.ts";
import type { IndexHandoffs, OfferedRows } from "./index_handoffs.ts";
import { indexKey } from "./index_key.ts";
import { INDEX_LOAD, type LoadRow } from "./index_rows.ts";
import type { SqliteTerms } from "./sqlite_terms.ts";

/**
 * Index loads so far: those that read their rows here, those built from offered rows, of
 * those the ones whose postings came built, those whose vector index was made ahead
 * (`IndexCache.reserve`), and those whose rows were decoded before their postings came
 * (`IndexCache.early`).
 */
export interface IndexLoads {
  read: number;
  offered: number;
  built: number;
  reserved: number;
  ahead: number;
}

/**
 * Loads a persona's vector index for `embedder` and, when asked, its BM25 index, in one pass
 * over its stored search columns (or the rows `options.offered`, read elsewhere at the
 * current version, when no search columns had to be completed since: decoded already when
 * they were handed over ahead), counted in `options.loads`.
 */
export function loadIndexes(
  db: Database,
  personaId: string,
  options: {
    embedder: string;
    dimensions: number;
    lexical: boolean;
    offered?: OfferedRows;
    terms: SqliteTerms;
    handoffs: IndexHandoffs;
    loads: IndexLoads;
    /** Fills in missing search columns; whether there were any. */
    complete: () => boolean;
  },
): BuiltIndexes {
  const { handoffs, loads } = options;
  const key = indexKey(personaId, options.embedder);
  const reserved = handoffs.takeReserved(key);
  const offered = options.complete() ? undefined : options.offered;
  const row = offered?.row ?? db.get<LoadRow>(INDEX_LOAD, options.embedder, personaId)!;
  loads[offered ? "offered" : "read"]++;
  if (offered?.postings) loads.built++;
  // Decoded ahead from the offered rows: only the BM25 index is left to build.
  const decoded = handoffs.takeDecoded(key, offered?.row);
  if (decoded?.vectors.dimensions === options.dimensions) {
    loads.ahead++;
    if (decoded.reserved) loads.reserved++;
    return indexesFromDecoded(decoded, {
      ...options,
      rowTerms: row.terms,
      postings: offered?.postings,
    });
  }
  return indexesFromLoadRow(row, {
    ...options,
    reserved,
    postings: offered?.postings,
    onReserved: () => loads.reserved++,
  }) ?? indexesFromMemoryRows(db, personaId, options);
}
