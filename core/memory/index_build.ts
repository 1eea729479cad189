/**
 * Building a persona's in-memory search indexes (vectors by one embedder, BM25 of all its
 * memories) from what SQLite stores: fast from the search columns read in one row
 * (`INDEX_LOAD`), or row by row from contents and float vectors.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import { LexicalIndex } from "./lexical_index.ts";
import type { PostingsBuild } from "./postings_build.ts";
import { rowBytes } from "./kernel/mod.ts";
import {
  decimals,
  type EarlyLoadRow,
  IMPORTANCE_PARTS,
  type LoadRow,
  MINE,
  searchColumns,
  typeCodes,
  words32,
} from "./index_rows.ts";
import type { SqliteTerms } from "./sqlite_terms.ts";
import type { Visibility } from "./schema.ts";
import { VectorIndex } from "./vector_index.ts";
import { KeySlots } from "./key_slots.ts";

/** A persona's freshly built indexes: vectors always, BM25 when it was asked for. */
export interface BuiltIndexes {
  vectors: VectorIndex<number>;
  lexical?: LexicalIndex<number>;
}

/** What building a persona's indexes needs besides the rows. */
export interface BuildOptions {
  dimensions: number;
  /** Whether to build the BM25 index too. */
  lexical: boolean;
  /** The term ids every persona's memories are stored with. */
  terms: SqliteTerms;
}

interface FieldRow {
  seq: number;
  importance: number;
  memory_type: string;
  visibility: Visibility;
}

function fieldsOf(row: FieldRow) {
  return { importance: row.importance, memoryType: row.memory_type, visibility: row.visibility };
}

/**
 * One `INDEX_LOAD` row decoded, with its vector index built: all of a load but the BM25
 * index, so that it can be done while its postings are still being built elsewhere (the row's
 * `terms` may come later).
 */
export interface DecodedRows {
  /** The row it was decoded from (a load takes it only for the same row). */
  row: EarlyLoadRow;
  vectors: VectorIndex<number>;
  /** Each row's fields, by `ids`. */
  ids: number[];
  fields: { importance: number[]; types: number[]; typeNames: string[]; visibility: Uint8Array };
  /** `ids[i]` → `i`, when every row is the embedder's (the vector index has a copy). */
  slots?: KeySlots<number>;
  /** Whether `vectors` is the index reserved ahead. */
  reserved: boolean;
}

/**
 * The decoded columns of one `INDEX_LOAD` row and its vector index: `reserved`, an empty vector
 * index made ahead, is filled when its dimensions match. Undefined when the row's columns
 * disagree with `dimensions` (vectors of another dimension under the same embedder id): the
 * caller builds row by row then ({@linkcode indexesFromMemoryRows}).
 */
export function decodeLoadRow(
  row: EarlyLoadRow,
  options: { dimensions: number; reserved?: VectorIndex<number> },
): DecodedRows | undefined {
  const { reserved } = options;
  const n = row.n;
  const seqs = decimals(row.seqs);
  const importance = decimals(row.importance, IMPORTANCE_PARTS);
  const { codes: types, names: typeNames } = typeCodes(n === 0 ? null : row.types);
  const flags = row.flags ?? new Uint8Array(0);
  const visibility = new Uint8Array(flags.length);
  let mine = 0;
  for (let i = 0; i < flags.length; i++) {
    visibility[i] = flags[i]! & ~MINE;
    if (flags[i]! & MINE) mine++;
  }
  const rows = row.rows ?? new Uint8Array(0);
  const everyRow = mine === n;
  // Both indexes key row i by seqs[i] when every row is the embedder's: one table, copied.
  const slots = everyRow ? KeySlots.ordered(seqs) : undefined;
  // Rows by the load's embedder, when not all are (the usual case needs no list).
  const own: number[] = [];
  for (let i = 0; !everyRow && i < flags.length; i++) if (flags[i]! & MINE) own.push(i);
  if (
    importance.length !== n || types.length !== n || visibility.length !== n ||
    rows.length !== mine * rowBytes(options.dimensions)
  ) {
    return undefined;
  }
  const taken = reserved?.dimensions === options.dimensions && reserved.size === 0;
  const vectors = taken
    ? reserved
    : new VectorIndex<number>(options.dimensions, Math.max(64, own.length));
  vectors.load({
    ids: everyRow ? seqs : own.map((i) => seqs[i]!),
    fields: {
      importance: everyRow ? importance : own.map((i) => importance[i]!),
      types: everyRow ? types : own.map((i) => types[i]!),
      typeNames,
      visibility: everyRow ? visibility : own.map((i) => visibility[i]!),
    },
    bytes: rows,
    slots: slots && vectors.size === 0 ? slots.copy() : undefined,
  });
  return {
    row,
    vectors,
    ids: seqs,
    fields: { importance, types, typeNames, visibility },
    slots,
    reserved: taken,
  };
}

/**
 * The indexes of decoded rows: their vector index, and the BM25 index when asked for, from
 * `rowTerms`, the decoded row's `terms` (rows decoded ahead get them with their postings).
 */
export function indexesFromDecoded(
  decoded: DecodedRows,
  options: {
    lexical: boolean;
    terms: SqliteTerms;
    rowTerms: LoadRow["terms"];
    postings?: PostingsBuild;
  },
): BuiltIndexes {
  const { vectors } = decoded;
  if (!options.lexical) return { vectors };
  const lexical = new LexicalIndex<number>(options.terms);
  lexical.loadAnalysed({
    ids: decoded.ids,
    fields: decoded.fields,
    terms: words32(options.rowTerms),
    built: options.postings,
    slots: decoded.slots,
  });
  return { vectors, lexical };
}

/**
 * The indexes of one `INDEX_LOAD` row ({@linkcode decodeLoadRow}, then
 * {@linkcode indexesFromDecoded}): `postings` built elsewhere are taken as they are.
 */
export function indexesFromLoadRow(
  row: LoadRow,
  options: BuildOptions & {
    reserved?: VectorIndex<number>;
    postings?: PostingsBuild;
    /** Called when `reserved` was taken. */
    onReserved?: () => void;
  },
): BuiltIndexes | undefined {
  const decoded = decodeLoadRow(row, options);
  if (!decoded) return undefined;
  if (decoded.reserved) options.onReserved?.();
  return indexesFromDecoded(decoded, { ...options, rowTerms: row.terms });
}

/** The indexes of a persona's memories, row by row from contents and float vectors (slow). */
export function indexesFromMemoryRows(
  db: Database,
  personaId: string,
  options: BuildOptions & { embedder: string },
): BuiltIndexes {
  const rows = db.all<FieldRow & { content: string; embedder: string; vector: Uint8Array }>(
    `SELECT seq, importance, memory_type, visibility, content, embedder, vector FROM memories
     WHERE persona_id = ?`,
    personaId,
  );
  const vectors = new VectorIndex<number>(options.dimensions, Math.max(64, rows.length));
  for (const row of rows) {
    if (row.embedder !== options.embedder) continue;
    if (row.vector.byteLength !== options.dimensions * 4) continue;
    vectors.upsert(row.seq, row.vector, fieldsOf(row));
  }
  if (!options.lexical) return { vectors };
  const lexical = new LexicalIndex<number>(options.terms);
  lexical.load(rows.map((row) => ({ id: row.seq, content: row.content, fields: fieldsOf(row) })));
  return { vectors, lexical };
}

/**
 * Fills in the search columns of a persona's rows that have none yet (written before they
 * existed), in one transaction; whether there were any. If it fails, the term ids are
 * forgotten (those it made were rolled back).
 */
export function completeSearchColumns(
  db: Database,
  personaId: string,
  terms: SqliteTerms,
): boolean {
  const rows = db.all<{ seq: number; content: string; vector: Uint8Array }>(
    `SELECT seq, content, vector FROM memories
       WHERE persona_id = ? AND (terms IS NULL OR index_vector IS NULL)`,
    personaId,
  );
  if (rows.length === 0) return false;
  try {
    db.transaction(() => {
      for (const row of rows) {
        const floats = new Float32Array(row.vector.slice().buffer);
        const columns = searchColumns(row.content, floats, terms);
        db.run(
          "UPDATE memories SET terms = ?, index_vector = ? WHERE seq = ?",
          columns.terms,
          columns.row,
          row.seq,
        );
      }
    });
  } catch (error) {
    terms.reset();
    throw error;
  }
  return true;
}
