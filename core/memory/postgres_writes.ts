/**
 * The statements that write memories on PostgreSQL storage (`postgres_backend.ts`): inserts with
 * their analysed terms, saves of changed records and access counts. Each is one transaction (or
 * one statement) that the backend may run once more when PostgreSQL ends it for a conflict.
 *
 * @module
 */
import { PersonaNotFound } from "../errors.ts";
import { COUNT_MAX } from "../numbers.ts";
import type { Database } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import type { ImportanceWrite, MemoryWrite, VectorWrite } from "./backend.ts";
import type { ChainLink } from "./backend_reads.ts";
import { JSON_TEXTS, TERMS_WRITTEN_NOW, termVector } from "./postgres_rows.ts";
import type { MemoryRecord } from "./schema.ts";
import {
  columns,
  fromRow,
  type MemoryRow,
  RECORD_COLUMNS,
  recordValues,
  SAVED_COLUMNS,
} from "./sqlite_rows.ts";
import type { VectorStore } from "./vector_store.ts";
import { KIND_KEYS_VALUE, kindKeysOf } from "./postgres_kind_keys.ts";

// Every write of terms says which analyser made them (`TERMS_WRITTEN_NOW`, `postgres_rows.ts`).
// Every write of content writes its kind keys (`postgres_kind_keys.ts`) in the same statement.
const INSERT = `INSERT INTO memories (${columns()}, terms, term_count, terms_analyser, kind_keys)
  VALUES (${
  RECORD_COLUMNS.map(() => "?").join(", ")
}, CAST(? AS tsvector), ?, ${TERMS_WRITTEN_NOW}, ${KIND_KEYS_VALUE})`;
const SETS = SAVED_COLUMNS.map((name) => `${name} = ?`).join(", ");
const KIND_KEYS = `, kind_keys = ${KIND_KEYS_VALUE}`;
// New content rewrites its terms in the same statement: a second UPDATE of a row this
// transaction already wrote re-runs the persona foreign key check (FOR KEY SHARE on the persona
// row), which deadlocked with a persona delete waiting for this row.
const TERMS =
  `, terms = CAST(? AS tsvector), term_count = ?, terms_analyser = ${TERMS_WRITTEN_NOW}`;

/**
 * The `UPDATE` of a saved record: its kind keys only when its content changed (reading them is
 * the costly part of a save, and an importance or link save keeps the content), its terms when a
 * new vector came.
 */
function updateStatement(writes: { kindKeys: boolean; terms: boolean }): string {
  return `UPDATE memories SET ${SETS}${writes.kindKeys ? KIND_KEYS : ""}${
    writes.terms ? TERMS : ""
  } WHERE id = ?`;
}

/** A decay's write: importance only, and only where the importance fields are as read. */
const SET_IMPORTANCE = `UPDATE memories AS m
  SET importance = w.importance, base_importance = w.base_importance
  FROM jsonb_to_recordset(CAST(CAST(? AS TEXT) AS jsonb)) AS w(
    id TEXT, importance DOUBLE PRECISION, base_importance DOUBLE PRECISION,
    was DOUBLE PRECISION, was_base DOUBLE PRECISION, set_at TEXT)
  WHERE m.id = w.id AND m.importance = w.was AND m.base_importance = w.was_base
    AND m.importance_set_at = w.set_at
  RETURNING m.id, m.embedder, m.importance`;

/** The memories with `ids` that exist. */
export async function memoriesByIds(
  db: Database,
  ids: readonly string[],
): Promise<MemoryRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<MemoryRow>(
    `SELECT ${columns()} FROM memories WHERE id IN ${JSON_TEXTS}`,
    JSON.stringify(ids),
  );
  return rows.map(fromRow);
}

/** Each of `ids`'s place in storing order (`seq`: higher is newer), for ties (`nearest_ties.ts`). */
export async function storingOrder(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db.all<{ id: string; seq: number }>(
    `SELECT id, seq FROM memories WHERE id IN ${JSON_TEXTS}`,
    JSON.stringify(ids),
  );
  return new Map(rows.map((row) => [row.id, Number(row.seq)]));
}

/**
 * The memories `ids` and every one their `superseded_by` links lead to, in one recursive query
 * (`UNION` keeps each id once, so a cycle ends it).
 */
export async function chainByIds(db: Database, ids: readonly string[]): Promise<MemoryRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<MemoryRow>(
    `WITH RECURSIVE chain(id) AS (
       SELECT * FROM ${JSON_TEXTS} AS given(id)
       UNION
       SELECT m.superseded_by FROM memories m JOIN chain c ON m.id = c.id
       WHERE m.superseded_by IS NOT NULL)
     SELECT ${columns()} FROM memories WHERE id IN (SELECT id FROM chain)`,
    JSON.stringify(ids),
  );
  return rows.map(fromRow);
}

/** {@linkcode chainByIds}' memories as their links alone (`MemoryBackend.chainLinks`). */
export function chainLinksByIds(db: Database, ids: readonly string[]): Promise<ChainLink[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.all<ChainLink>(
    `WITH RECURSIVE chain(id) AS (
       SELECT * FROM ${JSON_TEXTS} AS given(id)
       UNION
       SELECT m.superseded_by FROM memories m JOIN chain c ON m.id = c.id
       WHERE m.superseded_by IS NOT NULL)
     SELECT id, superseded_by FROM memories WHERE id IN (SELECT id FROM chain)`,
    JSON.stringify(ids),
  );
}

/** Inserts new memories and their vectors in one transaction. */
export async function insertMemories(
  db: Database,
  vectors: VectorStore,
  writes: readonly MemoryWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  try {
    await db.transaction(async () => {
      for (const { record, vector } of writes) {
        if (!vector) throw new Error(`Memory ${record.id} has no vector`);
        const analysed = termVector(record.content);
        await db.run(
          INSERT,
          ...recordValues(record),
          analysed.vector,
          analysed.count,
          kindKeysOf(record.content),
        );
      }
      await vectors.write(writes, new Map());
    });
  } catch (error) {
    // The persona was deleted (through any node) between lookup and insert.
    if (isForeignKeyViolation(error)) {
      throw new PersonaNotFound(writes[0]!.record.persona_id, "Cannot store memories of persona");
    }
    throw error;
  }
}

/** Saves changed memories that still exist (new content with new terms and vector). */
export async function saveMemories(
  db: Database,
  vectors: VectorStore,
  writes: readonly MemoryWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  await db.transaction(async () => {
    const before = new Map((await memoriesByIds(db, writes.map((w) => w.record.id)))
      .map((record) => [record.id, record]));
    const moved = new Map<string, string>();
    for (const { record, vector } of writes) {
      const stored = before.get(record.id);
      if (stored === undefined) continue;
      if (stored.embedder !== record.embedder) moved.set(record.id, stored.embedder);
      // Content another node writes between the read and this UPDATE makes the keys NULL (the
      // trigger of `kindKeysWriterMigration`), never those of content the row no longer holds.
      const newContent = stored.content !== record.content;
      const values = recordValues(record, SAVED_COLUMNS);
      if (newContent) values.push(kindKeysOf(record.content));
      if (vector) {
        const analysed = termVector(record.content);
        values.push(analysed.vector, analysed.count);
      }
      await db.run(
        updateStatement({ kindKeys: newContent, terms: !!vector }),
        ...values,
        record.id,
      );
    }
    const embedded = writes.filter((write) => write.vector).map((write) => write.record.id);
    if (embedded.length > 0) await dequeueRemakes(db, embedded);
    await vectors.write(writes.filter((w) => before.has(w.record.id)), moved);
  });
}

/** Takes memories off the queue of vectors to make again (`memory_remake`). */
async function dequeueRemakes(db: Database, ids: readonly string[]): Promise<void> {
  await db.run(`DELETE FROM memory_remake WHERE id IN ${JSON_TEXTS}`, JSON.stringify(ids));
}

/** Counts one access of each of `records`, at `at`. */
export async function touchMemories(
  db: Database,
  records: readonly MemoryRecord[],
  at: string,
): Promise<void> {
  if (records.length === 0) return;
  await db.run(
    `UPDATE memories SET accessed_count = LEAST(accessed_count + 1, ${COUNT_MAX}), last_accessed = ?
     WHERE id IN ${JSON_TEXTS}`,
    at,
    JSON.stringify(records.map((record) => record.id)),
  );
}

/**
 * Writes decayed importances (`MemoryBackend.writeImportance`): one statement, and the vector
 * store's copy of the importance in the same transaction (the rows stay locked until it ends, so
 * a later update of them writes its copy after this one). The ids written.
 */
export async function writeImportance(
  db: Database,
  vectors: VectorStore,
  writes: readonly ImportanceWrite[],
): Promise<string[]> {
  if (writes.length === 0) return [];
  const rows = JSON.stringify(writes.map(({ record, importance, base_importance }) => ({
    id: record.id,
    importance,
    base_importance,
    was: record.importance,
    was_base: record.base_importance,
    set_at: record.importance_set_at,
  })));
  return await db.transaction(async () => {
    const written = await db.all<{ id: string; embedder: string; importance: number }>(
      SET_IMPORTANCE,
      rows,
    );
    await vectors.writeImportance?.(written);
    return written.map((row) => row.id);
  });
}

/** A reindex's write: the embedder only, and only while content and embedder are as read. */
const SET_EMBEDDER = `UPDATE memories SET embedder = ? WHERE id = ? AND content = ? AND embedder = ?
  RETURNING ${columns()}`;

/**
 * Writes a reindex's vectors (`MemoryBackend.writeVectors`): the embedder in the row, the vector
 * in the store (with the row's fields as they are now, locked until the transaction ends). The
 * ids written.
 */
export async function writeVectors(
  db: Database,
  vectors: VectorStore,
  writes: readonly VectorWrite[],
): Promise<string[]> {
  if (writes.length === 0) return [];
  return await db.transaction(async () => {
    const written: MemoryWrite[] = [];
    const previous = new Map<string, string>();
    for (const { record, embedder, vector } of writes) {
      const row = await db.get<MemoryRow>(
        SET_EMBEDDER,
        embedder,
        record.id,
        record.content,
        record.embedder,
      );
      if (!row) continue;
      written.push({ record: fromRow(row), vector });
      if (record.embedder !== embedder) previous.set(record.id, record.embedder);
    }
    await dequeueRemakes(db, writes.map((write) => write.record.id));
    await vectors.write(written, previous);
    return written.map((write) => write.record.id);
  });
}
