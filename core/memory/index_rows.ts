/**
 * The rows of a persona's search indexes as the SQLite backend stores and loads them: the version
 * rows that say whose indexes went stale, a memory's stored search columns (analysed terms,
 * int8 vector), and the one-pass load query with the decoders of its folded columns.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { analyse, type TermDictionary } from "./bm25.ts";
import { quantize } from "./kernel/mod.ts";

/** The version rows and their triggers (access counters are not indexed, so they do not bump). */
export const indexVersionMigrations: Migration[] = [{
  name: "memories_2_index_versions",
  sql: `
    CREATE TABLE memory_versions (persona_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE TRIGGER memory_versions_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (new.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memory_versions_delete AFTER DELETE ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (old.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memory_versions_update
      AFTER UPDATE OF importance, memory_type, visibility, embedder, vector ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (new.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
  `,
}];

/** Importance travels as an integer of this many parts (fits in 32 bits). */
export const IMPORTANCE_PARTS = 1e9;

/**
 * A persona's rows for its indexes in one pass, each column folded into one value (lists joined
 * by spaces, BLOBs end to end: `group_concat` sees every row in the same order), so a load of
 * 100,000 memories makes a dozen JavaScript values instead of a million. Row numbers and
 * importance come as comma-separated integers (importance scaled by `IMPORTANCE_PARTS`), read
 * by `decimals()` (cheaper for SQLite to make than `unhex(printf(...))` binary, which was
 * tried); the SQL runs where the read does, on the worker for large personas. Visibility and
 * whether the vector is by the load's embedder come as one byte per row ({@linkcode LoadRow}'s
 * `flags`: a third cheaper for SQLite than a digit column each, and no parse). It reads the
 * covering index `memories_search` alone.
 */
export const INDEX_LOAD = `SELECT count(*) AS n,
  group_concat(seq, ',') AS seqs,
  group_concat(CAST(round(importance * ${IMPORTANCE_PARTS}) AS INTEGER), ',') AS importance,
  group_concat(memory_type, ' ') AS types,
  CAST(group_concat(CASE visibility
    WHEN 'private' THEN CASE WHEN embedder = ?1 THEN char(9) ELSE char(1) END
    WHEN 'shared' THEN CASE WHEN embedder = ?1 THEN char(10) ELSE char(2) END
    ELSE CASE WHEN embedder = ?1 THEN char(12) ELSE char(4) END END, '') AS BLOB) AS flags,
  CAST(group_concat(terms, '') AS BLOB) AS terms,
  CAST(group_concat(CASE WHEN embedder = ?1 THEN index_vector END, '') AS BLOB) AS rows
FROM memories WHERE persona_id = ?2`;

/** The rows of a persona's index load ({@linkcode INDEX_LOAD}). */
export interface LoadRow {
  n: number;
  /** `seq` of each row in decimal, comma-separated. */
  seqs: string | null;
  /** Importance of each row in {@linkcode IMPORTANCE_PARTS}, decimal, comma-separated. */
  importance: string | null;
  types: string | null;
  /**
   * A byte per row: its visibility's bit (1, 2, 4), plus {@linkcode MINE} when its vector is by
   * the load's embedder.
   */
  flags: Uint8Array | null;
  terms: Uint8Array | null;
  rows: Uint8Array | null;
}

/**
 * A {@linkcode LoadRow} as it comes early from the worker (`IndexCache.early`): its `terms` are
 * held back for the postings and set on the same object later, so nothing may read them yet.
 */
export type EarlyLoadRow = Omit<LoadRow, "terms">;

/** The bit of a {@linkcode LoadRow}'s `flags` byte that says the row's vector is the load's. */
export const MINE = 8;

/**
 * The comma-separated decimal integers of `text`, each divided by `parts` (none
 * when null). Decimal text because SQLite writes an integer's digits in a third of the time
 * `unhex(printf(...))` takes to write its bytes, on the read that every large load waits for;
 * read by `JSON.parse` (exact to 2^53), half the time of a loop over the digits, which runs
 * once, unoptimised, on a load's critical path.
 */
export function decimals(text: string | null, parts = 1): number[] {
  if (text === null || text === "") return [];
  const values = JSON.parse(`[${text}]`) as number[];
  if (parts !== 1) { for (let i = 0; i < values.length; i++) values[i] = values[i]! / parts; }
  return values;
}

/**
 * Each row's memory type as an index into `names` (in order of first appearance), from an index
 * load's space-separated type names: a run of one type is compared in place, not split into a
 * string per row and looked up in a map (half the time at 100,000 memories).
 */
export function typeCodes(text: string | null): { codes: number[]; names: string[] } {
  const codes: number[] = [];
  const names: string[] = [];
  if (text === null) return { codes, names };
  const known = new Map<string, number>();
  let name = "";
  let code = -1;
  for (let at = 0; at <= text.length;) {
    let end = text.indexOf(" ", at);
    if (end < 0) end = text.length;
    if (code < 0 || end - at !== name.length || !text.startsWith(name, at)) {
      name = text.slice(at, end);
      code = known.get(name) ?? -1;
      if (code < 0) known.set(name, code = names.push(name) - 1);
    }
    codes.push(code);
    at = end + 1;
  }
  return { codes, names };
}

/** `bytes` as 32-bit words (copied when not aligned). */
export function words32(bytes: Uint8Array | null): Uint32Array {
  if (!bytes) return new Uint32Array(0);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/** A memory's stored search columns: its analysed terms and its int8 vector. */
export interface SearchColumns {
  /** The {@linkcode analyse}d terms: count, then sorted term ids. */
  analysed: Uint32Array;
  /** `analysed` as the bytes of the `terms` column. */
  terms: Uint8Array;
  /** The int8 row of the vector with its scale: the `index_vector` column. */
  row: Uint8Array;
}

/** The stored search columns of a memory, from its content and vector. */
export function searchColumns(
  content: string,
  vector: Float32Array,
  terms: TermDictionary,
): SearchColumns {
  const analysed = analyse(content, terms);
  return {
    analysed,
    terms: new Uint8Array(analysed.buffer, analysed.byteOffset, analysed.byteLength),
    row: quantize(vector),
  };
}

/** A persona's version row: the version its memories are at (bumped by every indexed write). */
export const PERSONA_VERSION = "SELECT version FROM memory_versions WHERE persona_id = ?";

/** Whether the persona's row is there (`memories` references `personas`: the table is). */
export const PERSONA_KNOWN = "SELECT 1 AS known FROM personas WHERE id = ?";

/**
 * The statements that read a persona's index rows elsewhere (another connection, both in one
 * transaction): its version, then its rows. Their first rows go to `IndexCache.offer`.
 */
export function indexReadStatements(
  personaId: string,
  embedder: string,
): Array<{ sql: string; params: string[] }> {
  return [{ sql: PERSONA_VERSION, params: [personaId] }, {
    sql: INDEX_LOAD,
    params: [embedder, personaId],
  }];
}
