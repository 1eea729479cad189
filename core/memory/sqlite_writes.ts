/**
 * The SQLite backend's writes (insert, save, delete), each applied to the loaded search indexes
 * and the kept rows in the same exclusive turn as the SQL: nothing reads a stale index or row.
 *
 * @module
 */
import { PersonaNotFound } from "../errors.ts";
import type { SqlValue } from "../storage/database.ts";
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { ImportanceWrite, MemoryWrite, VectorWrite } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { recordValues, SAVED_COLUMNS, STORED_COLUMNS, vectorBytes } from "./sqlite_rows.ts";
import type { IndexCache } from "./index_cache.ts";
import { type SearchColumns, searchColumns } from "./index_rows.ts";
import { insertedRow } from "./inserted_rows.ts";
import type { RowCache } from "./row_cache.ts";
import type { TouchWriter } from "./sqlite_touch_writer.ts";

const INSERT = `INSERT INTO memories (${STORED_COLUMNS.join(", ")}, vector, terms, index_vector)
  VALUES (${STORED_COLUMNS.map(() => "?").join(", ")}, ?, ?, ?)`;
/** The access counts a new memory comes with (an import's). */
const INSERT_ACCESS =
  "INSERT INTO memory_access (seq, accessed_count, last_accessed) VALUES (?, ?, ?)";
const SET_VECTOR = "UPDATE memories SET vector = ?, terms = ?, index_vector = ? WHERE id = ?";
/** What the index keys of memories are (row numbers) and where their vectors are indexed. */
const KEYS = `SELECT seq, id, persona_id, embedder FROM memories
  WHERE id IN (SELECT value FROM json_each(?))`;
const UPDATE = `UPDATE memories SET ${
  SAVED_COLUMNS.map((name) => `${name} = ?`).join(", ")
} WHERE id = ?`;

/** A decay's write: importance only, and only while the importance fields are as read. */
const SET_IMPORTANCE = `UPDATE memories SET importance = ?, base_importance = ?
  WHERE id = ? AND importance = ? AND base_importance = ? AND importance_set_at = ?
  RETURNING seq, persona_id, embedder`;

/** A memory's index key and where its vector is indexed. */
interface MemoryKey {
  seq: number;
  id: string;
  persona_id: string;
  embedder: string;
}

/** What a write keeps in step: the connection, the indexes, kept rows and pending counts. */
export interface WriteTargets {
  db: Database;
  cache: IndexCache;
  rows: RowCache;
  touches: TouchWriter;
}

/** Applies a write to the loaded indexes (unloaded ones read SQLite later). */
function indexWrite(
  cache: IndexCache,
  write: { record: MemoryRecord; seq: number; columns: SearchColumns | undefined },
): void {
  const { record, seq, columns } = write;
  const fields = {
    importance: record.importance,
    memoryType: record.memory_type,
    visibility: record.visibility,
  };
  const vectors = cache.loadedVectors(record.persona_id, record.embedder);
  const lexical = cache.loadedLexical(record.persona_id);
  if (columns) {
    if (columns.row.length === vectors?.pitch) vectors.upsertRow(seq, columns.row, fields);
    lexical?.upsertAnalysed(seq, columns.analysed, fields);
  } else {
    vectors?.setFields(seq, fields);
    lexical?.setFields(seq, fields);
  }
  // Whenever content is written, with a vector or not (as PostgreSQL's UPDATE writes its keys):
  // a bridge needs the current content to tie the kind. A reindex's record has no content: its
  // content is as it was, and so are its ties.
  if (typeof record.content === "string") cache.ties(record.persona_id)?.write(seq, record.content);
}

/** Takes memories out of the loaded vector indexes of their (old) embedders. */
function unindexVectors(cache: IndexCache, rows: readonly MemoryKey[]): void {
  for (const row of rows) cache.loadedVectors(row.persona_id, row.embedder)?.remove(row.seq);
}

/** The index keys of memories by id (those that exist). */
function keys(db: Database, ids: readonly string[]): MemoryKey[] {
  if (ids.length === 0) return [];
  return db.all<MemoryKey>(KEYS, JSON.stringify(ids));
}

/** Inserts new memories (each with a vector) and indexes them. */
export function insertMemories(targets: WriteTargets, writes: readonly MemoryWrite[]): void {
  const { db, cache } = targets;
  // A persona written from empty: its ties complete without reading, and without loading its
  // indexes (`sqlite_empty_ties.ts`).
  for (const id of new Set(writes.map((write) => write.record.persona_id))) cache.startTies(id);
  let stored: Array<{ seq: number; columns: SearchColumns; values: SqlValue[] }> = [];
  try {
    stored = cache.write(
      writes.map((write) => write.record.persona_id),
      () =>
        writes.map(({ record, vector }) => {
          if (!vector) throw new Error(`Memory ${record.id} has no vector`);
          const columns = searchColumns(record.content, vector, cache.terms);
          const values = recordValues(record, STORED_COLUMNS);
          const seq = db.insert(INSERT, ...values, vectorBytes(vector), columns.terms, columns.row);
          if (record.accessed_count !== 0 || record.last_accessed !== null) {
            db.run(INSERT_ACCESS, seq, record.accessed_count, record.last_accessed);
          }
          return { seq, columns, values };
        }),
      { inserts: true },
    );
  } catch (error) {
    // The persona was deleted (by another connection) between lookup and insert.
    const [first] = writes;
    if (String(error).includes("FOREIGN KEY constraint failed") && first) {
      throw new PersonaNotFound(first.record.persona_id, "Cannot store memories of persona");
    }
    throw error;
  }
  // A new row may take the number of a deleted one.
  targets.rows.forget(stored.map((row) => row.seq));
  // Committed (not in a caller's transaction, which may still roll back): the rows are kept as
  // written, for the next search not to read them back.
  if (!db.raw.isTransaction) {
    targets.rows.offer(
      writes.flatMap(({ record }, i) => insertedRow(record, stored[i]!) ?? []),
    );
  }
  writes.forEach(({ record }, i) => indexWrite(cache, { record, ...stored[i]! }));
}

/** Saves changed memories (a new vector when given) and re-indexes them. */
export function saveMemories(targets: WriteTargets, writes: readonly MemoryWrite[]): void {
  const { db, cache } = targets;
  const ids = writes.map((write) => write.record.id);
  targets.rows.forgetIds(ids);
  const columns = new Map<string, SearchColumns>();
  const previous = cache.write(writes.map((write) => write.record.persona_id), () => {
    const before = keys(db, ids);
    for (const { record, vector } of writes) {
      db.run(UPDATE, ...recordValues(record, SAVED_COLUMNS), record.id);
      if (vector) {
        const stored = searchColumns(record.content, vector, cache.terms);
        columns.set(record.id, stored);
        db.run(SET_VECTOR, vectorBytes(vector), stored.terms, stored.row, record.id);
      }
    }
    const embedded = writes.filter((write) => write.vector).map((write) => write.record.id);
    if (embedded.length > 0) dequeueRemakes(db, embedded);
    return before;
  });
  const embedders = new Map(writes.map((write) => [write.record.id, write.record.embedder]));
  unindexVectors(cache, previous.filter((old) => embedders.get(old.id) !== old.embedder));
  const seqs = new Map(previous.map((old) => [old.id, old.seq]));
  for (const { record } of writes) {
    const seq = seqs.get(record.id);
    if (seq !== undefined) indexWrite(cache, { record, seq, columns: columns.get(record.id) });
  }
}

/**
 * Writes decayed importances (`MemoryBackend.writeImportance`) in one transaction and sets them
 * in the loaded indexes; the ids written.
 */
export function writeImportance(
  targets: WriteTargets,
  writes: readonly ImportanceWrite[],
): string[] {
  const { db, cache } = targets;
  if (writes.length === 0) return [];
  const personas = new Set(writes.map((write) => write.record.persona_id));
  const written = cache.write(
    personas,
    () =>
      writes.flatMap(({ record, importance, base_importance }) => {
        const row = db.get<{ seq: number; persona_id: string; embedder: string }>(
          SET_IMPORTANCE,
          importance,
          base_importance,
          record.id,
          record.importance,
          record.base_importance,
          record.importance_set_at,
        );
        return row ? [{ ...row, id: record.id, importance }] : [];
      }),
  );
  targets.rows.forgetIds(written.map((row) => row.id));
  for (const row of written) {
    const fields = { importance: row.importance };
    cache.loadedVectors(row.persona_id, row.embedder)?.setFields(row.seq, fields);
    cache.loadedLexical(row.persona_id)?.setFields(row.seq, fields);
  }
  return written.map((row) => row.id);
}

/** Takes memories off the queue of vectors to make again (`memory_remake`). */
function dequeueRemakes(db: Database, ids: readonly string[]): void {
  db.run(
    "DELETE FROM memory_remake WHERE id IN (SELECT value FROM json_each(?))",
    JSON.stringify(ids),
  );
}

/** What the index needs of a memory whose vector a reindex wrote. */
type EmbeddedRow =
  & Pick<MemoryRecord, "persona_id" | "importance" | "memory_type" | "visibility">
  & {
    seq: number;
  };

/** A reindex's write: embedder and vector only, and only while content and embedder are as read. */
const SET_EMBEDDING = `UPDATE memories SET embedder = ?, vector = ?, terms = ?, index_vector = ?
  WHERE id = ? AND content = ? AND embedder = ?
  RETURNING seq, persona_id, importance, memory_type, visibility`;

/**
 * Writes a reindex's vectors (`MemoryBackend.writeVectors`) in one transaction and moves them in
 * the loaded indexes (the fields as stored now); the ids written.
 */
export function writeVectors(targets: WriteTargets, writes: readonly VectorWrite[]): string[] {
  const { db, cache } = targets;
  if (writes.length === 0) return [];
  const personas = new Set(writes.map((write) => write.record.persona_id));
  const written = cache.write(personas, () => {
    const rows = writes.flatMap(({ record, embedder, vector }) => {
      const columns = searchColumns(record.content, vector, cache.terms);
      const row = db.get<EmbeddedRow>(
        SET_EMBEDDING,
        embedder,
        vectorBytes(vector),
        columns.terms,
        columns.row,
        record.id,
        record.content,
        record.embedder,
      );
      return row ? [{ row, columns, id: record.id, from: record.embedder, embedder }] : [];
    });
    dequeueRemakes(db, writes.map((write) => write.record.id));
    return rows;
  });
  targets.rows.forgetIds(written.map((write) => write.id));
  unindexVectors(
    cache,
    written.filter((write) => write.from !== write.embedder).map((write) => ({
      seq: write.row.seq,
      id: write.id,
      persona_id: write.row.persona_id,
      embedder: write.from,
    })),
  );
  for (const { row, columns, id, embedder } of written) {
    const record = { ...row, id, embedder } as unknown as MemoryRecord;
    indexWrite(cache, { record, seq: row.seq, columns });
  }
  return written.map((write) => write.id);
}

/** Deletes memories by id and takes them out of the indexes; how many were deleted. */
export function deleteMemories(targets: WriteTargets, ids: readonly string[]): number {
  const { db, cache } = targets;
  const rows = keys(db, ids);
  targets.rows.forgetIds(ids);
  targets.touches.forgetIds(ids);
  const deleted = cache.write(
    rows.map((row) => row.persona_id),
    () =>
      db.run(
        "DELETE FROM memories WHERE id IN (SELECT value FROM json_each(?))",
        JSON.stringify(ids),
      ),
  );
  unindexVectors(cache, rows);
  for (const row of rows) {
    cache.loadedLexical(row.persona_id)?.remove(row.seq);
    cache.ties(row.persona_id)?.remove(row.seq);
  }
  return deleted;
}

/**
 * Deletes every memory of `personaId` (usually the rows are already gone, by the persona's
 * foreign-key cascade) and its indexes, kept rows and pending access counts; how many rows
 * existed.
 */
export function deletePersonaMemories(parts: WriteTargets, personaId: string): number {
  const deleted = parts.db.run("DELETE FROM memories WHERE persona_id = ?", personaId);
  // Deleting memories bumps the persona's index version row back in (a trigger): it goes
  // with the persona.
  parts.db.run("DELETE FROM memory_versions WHERE persona_id = ?", personaId);
  parts.cache.drop(personaId);
  parts.rows.clear();
  parts.touches.forgetPersona(personaId);
  return deleted;
}
