/**
 * Vectors in PostgreSQL with pgvector (`MEMORY_BACKEND=pgvector`): each memory's vector in its
 * own row (`embedding`, with its dimension in `dims`), searched by cosine distance through an
 * HNSW index per dimension, made the first time a dimension is used. With pgvector 0.8 or later
 * the index scan goes on until enough rows pass the filters (`hnsw.iterative_scan`), so a
 * persona among many still gets its nearest memories; the planner may also choose an exact scan
 * where the persona's rows are few.
 *
 * @module
 */
import { withTiesAtCut } from "./nearest_ties.ts";
import type { Database } from "../storage/database.ts";
import type { CandidateQuery, MemoryWrite } from "./backend.ts";
import { JSON_TEXTS } from "./postgres_rows.ts";
import type { VectorHit, VectorStore } from "./vector_store.ts";

/** Graph breadth of a search (pgvector's default is 40: too few for a filtered search). */
export const EF_SEARCH = 200;

function literal(vector: Float32Array): string {
  return `[${Array.from(vector).join(",")}]`;
}

function dimensionsOf(vector: Float32Array): number {
  if (!Number.isInteger(vector.length) || vector.length < 1 || vector.length > 16_000) {
    throw new Error(`A vector of ${vector.length} dimensions cannot be stored`);
  }
  return vector.length;
}

/** pgvector behind the vector store seam. */
export class PgvectorStore implements VectorStore {
  readonly name = "pgvector";
  readonly #db: Database;
  readonly #indexed = new Set<number>();
  #iterative: Promise<boolean> | null = null;

  /** A store in `db`, whose memory tables have the pgvector columns. */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Makes the HNSW index of `dims`-dimensional vectors unless it exists. */
  async #index(dims: number): Promise<void> {
    if (this.#indexed.has(dims)) return;
    await this.#db.transaction(async () => {
      await this.#db.lock(`pgvector:index:${dims}`);
      await this.#db.exec(
        `CREATE INDEX IF NOT EXISTS memories_hnsw_${dims} ON memories
           USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WHERE dims = ${dims}`,
      );
    });
    this.#indexed.add(dims);
  }

  /** Whether this pgvector can go on scanning until enough rows pass the filters (0.8+). */
  #canIterate(): Promise<boolean> {
    this.#iterative ??= this.#db.get<{ v: string }>(
      "SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'",
    ).then((row) => {
      const [major = 0, minor = 0] = (row?.v ?? "0").split(".").map(Number);
      return major > 0 || minor >= 8;
    });
    return this.#iterative;
  }

  async write(writes: readonly MemoryWrite[]): Promise<void> {
    for (const { record, vector } of writes) {
      if (!vector) continue;
      const dims = dimensionsOf(vector);
      await this.#db.run(
        "UPDATE memories SET embedding = CAST(? AS vector), dims = ? WHERE id = ?",
        literal(vector),
        dims,
        record.id,
      );
    }
  }

  async nearest(query: CandidateQuery): Promise<VectorHit[]> {
    if (query.limit <= 0) return [];
    const dims = dimensionsOf(query.vector);
    await this.#index(dims);
    const iterate = await this.#canIterate();
    // Every memory tied with the last kept comes too: the backend keeps the newer of them.
    return await withTiesAtCut(
      query.limit,
      (n) => this.#nearest(query, { dims, iterate, n }),
      (hit) => hit.similarity,
    );
  }

  async #nearest(
    query: CandidateQuery,
    scan: { dims: number; iterate: boolean; n: number },
  ): Promise<VectorHit[]> {
    const { dims, iterate } = scan;
    const type = query.memoryType ?? null;
    const target = `CAST(? AS vector(${dims}))`;
    const rows = await this.#db.transaction(async () => {
      await this.#db.exec(
        `SET LOCAL hnsw.ef_search = ${EF_SEARCH}` +
          (iterate ? "; SET LOCAL hnsw.iterative_scan = relaxed_order" : ""),
      );
      return await this.#db.all<VectorHit>(
        `SELECT id, 1 - (embedding::vector(${dims}) <=> ${target}) AS similarity FROM memories
         WHERE dims = ${dims} AND embedder = ?
           AND (persona_id = ? OR (persona_id <> ?
             AND visibility IN ${JSON_TEXTS}))
           AND importance >= ? AND (CAST(? AS TEXT) IS NULL OR memory_type = ?)
         ORDER BY embedding::vector(${dims}) <=> ${target} LIMIT ?`,
        literal(query.vector),
        query.embedder,
        query.personaId,
        query.personaId,
        JSON.stringify(query.othersVisibility.filter((v) => v !== "private")),
        query.minImportance,
        type,
        type,
        literal(query.vector),
        scan.n,
      );
    });
    // An iterative scan in relaxed order may hand back near-ties out of order.
    return rows.sort((a, b) => b.similarity - a.similarity);
  }

  async similarities(query: CandidateQuery, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const dims = dimensionsOf(query.vector);
    const rows = await this.#db.all<VectorHit>(
      `SELECT id, 1 - (embedding <=> CAST(? AS vector)) AS similarity FROM memories
       WHERE id IN ${JSON_TEXTS}
         AND embedder = ? AND dims = ?`,
      literal(query.vector),
      JSON.stringify(ids),
      query.embedder,
      dims,
    );
    return new Map(rows.map((row) => [row.id, row.similarity]));
  }

  remove(): Promise<void> {
    // The vectors went with their rows.
    return Promise.resolve();
  }

  removePersona(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
