/**
 * Memory rows in SQL: the mapping between rows and {@linkcode MemoryRecord}s (the SQLite tables
 * themselves are `sqlite_migrations.ts`'s).
 *
 * @module
 */
import { COUNT_MAX, storedCount } from "../numbers.ts";
import type { SqlValue } from "../storage/database.ts";
import { parseJsonRemembered } from "./json_memo.ts";
import type { MemoryRecord } from "./schema.ts";

/** A `memories` row without its vector: lists and objects are JSON text. */
export type MemoryRow =
  & Omit<MemoryRecord, "related_personas" | "metadata" | "supersedes" | "source_ids">
  & { related_personas: string; metadata: string; supersedes: string; source_ids: string };

/** The record columns, in {@linkcode recordValues} order. */
export const RECORD_COLUMNS = [
  "id",
  "persona_id",
  "content",
  "memory_type",
  "importance",
  "base_importance",
  "importance_set_at",
  "emotional_valence",
  "related_personas",
  "visibility",
  "metadata",
  "created_at",
  "last_accessed",
  "accessed_count",
  "embedder",
  "superseded_by",
  "supersedes",
  "source_ids",
] as const;

/** The access counts, kept in `memory_access` (`touch` moves them). */
const ACCESS_COLUMNS: ReadonlySet<string> = new Set(["accessed_count", "last_accessed"]);

/** The record columns a `memories` row holds (all but the access counts), in record order. */
export const STORED_COLUMNS = RECORD_COLUMNS.filter((name) => !ACCESS_COLUMNS.has(name));

/** Where SQLite records are read from: each memory with its access counts (none: never accessed). */
export const MEMORY_RECORDS = "memories LEFT JOIN memory_access USING (seq)";

/** The record columns as SQL (PostgreSQL's `memories` holds them all). */
export function columns(alias = ""): string {
  return RECORD_COLUMNS.map((name) => `${alias}${name}`).join(", ");
}

/**
 * The record columns as SQL over SQLite's {@linkcode MEMORY_RECORDS}: the access count held to
 * {@linkcode COUNT_MAX} in SQL, so a count stored before the bound (or by hand) beyond 2^53 - 1,
 * which node:sqlite refuses to read as a number, never fails a read (review21).
 */
export const RECORD_SELECT = RECORD_COLUMNS.map((name) =>
  name === "accessed_count"
    ? `MIN(COALESCE(accessed_count, 0), ${COUNT_MAX}) AS accessed_count`
    : name
).join(", ");

/**
 * `row` (as `node:sqlite` returns it: an object without prototype, whose properties read slowly)
 * as a plain object of the same fields, which every later read (kept rows are read by every
 * search that finds them) reads at full speed.
 */
export function plainRow<T extends MemoryRow & { seq: number }>(row: T): T {
  return {
    seq: row.seq,
    id: row.id,
    persona_id: row.persona_id,
    content: row.content,
    memory_type: row.memory_type,
    importance: row.importance,
    base_importance: row.base_importance,
    importance_set_at: row.importance_set_at,
    emotional_valence: row.emotional_valence,
    related_personas: row.related_personas,
    visibility: row.visibility,
    metadata: row.metadata,
    created_at: row.created_at,
    last_accessed: row.last_accessed,
    accessed_count: row.accessed_count,
    embedder: row.embedder,
    superseded_by: row.superseded_by,
    supersedes: row.supersedes,
    source_ids: row.source_ids,
  } as T;
}

/**
 * `JSON.parse` of a list or object column: no parse for the usual empty ones, the others
 * remembered by text (`json_memo.ts`: each call a fresh copy).
 */
function parseJson<T>(text: string): T {
  if (text === "[]") return [] as T;
  if (text === "{}") return {} as T;
  return parseJsonRemembered(text) as T;
}

/** The record a row stands for (its record columns only, whatever else the row has). */
export function fromRow(row: MemoryRow): MemoryRecord {
  return {
    id: row.id,
    persona_id: row.persona_id,
    content: row.content,
    memory_type: row.memory_type,
    importance: row.importance,
    base_importance: row.base_importance,
    importance_set_at: row.importance_set_at,
    emotional_valence: row.emotional_valence,
    related_personas: parseJson(row.related_personas),
    visibility: row.visibility,
    metadata: parseJson(row.metadata),
    created_at: row.created_at,
    last_accessed: row.last_accessed,
    // Held to COUNT_MAX on every store, as relationships' counts are (PostgreSQL's rows too).
    accessed_count: storedCount(row.accessed_count),
    embedder: row.embedder,
    superseded_by: row.superseded_by,
    supersedes: parseJson(row.supersedes),
    source_ids: parseJson(row.source_ids),
  };
}

/** The columns `save` writes: all but the id and the access counters (only `touch` moves those). */
export const SAVED_COLUMNS = STORED_COLUMNS.filter((name) => name !== "id");

/** The bound values of `record` for `names` (every column by default), in that order. */
export function recordValues(
  record: MemoryRecord,
  names: readonly (typeof RECORD_COLUMNS)[number][] = RECORD_COLUMNS,
): SqlValue[] {
  return names.map((name) => {
    const value = record[name];
    // Most lists are empty (no sources, nothing superseded): "[]" without a serialiser call.
    if (Array.isArray(value)) return value.length === 0 ? "[]" : JSON.stringify(value);
    return value !== null && typeof value === "object" ? JSON.stringify(value) : value as SqlValue;
  });
}

/** The bytes SQLite stores for `vector`. */
export function vectorBytes(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

/**
 * A persona's memories queued in `memory_remake` (`memories_vectors_analyser_2`), with their
 * embedders: vectors to make again (SQLite and PostgreSQL alike). The queue drives the join
 * (SQLite's CROSS JOIN keeps its left table outside, in its key order): it is empty or short
 * but after an analyser upgrade, while a join planned from the persona's side looked up each of
 * the persona's memories in the queue, 0.1-0.9 s of the event loop at 100,000 memories that the
 * background remaker's look at every start (and `memory.get_stats`) paid.
 */
export const REMAKE_QUEUE = `SELECT m.id, m.embedder FROM memory_remake q
  CROSS JOIN memories m WHERE m.id = q.id AND m.persona_id = ? ORDER BY q.id`;
