/**
 * Stored terms of an older analyser, made again on PostgreSQL storage. A new analyser version
 * (`ANALYSER_VERSION`, `text.ts`) queues the memories it reads differently in
 * `memory_reanalyse` (its migration in `postgres_rows.ts`: version 2 changed only text that is
 * not plain ASCII), and so does the `terms_analyser` trigger for terms a node of an older
 * version writes during a rolling upgrade. The backend empties the queue in the background
 * (`postgres_reanalyser.ts`: begun by its first search, looked at again every
 * `REANALYSE_RECHECK_MS`), a batch at a time, each batch one transaction that rewrites the
 * memories' `terms` and `term_count` (the statistics follow by their trigger) and takes them off
 * the queue; searches meanwhile use the old terms of what is not done yet. Several nodes share
 * the work: a batch another node holds is skipped (`SKIP LOCKED`), and a memory whose content
 * changed meanwhile keeps the terms its writer gave it (written by the current analyser). SQLite
 * does the same with a `NULL` in its `terms` column (`memories_terms_analyser_2`); Chroma's
 * index is made in the process.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { onceMoreOnConflict } from "./postgres_conflicts.ts";
import { JSON_TEXTS, TERMS_WRITTEN_NOW, termVector } from "./postgres_rows.ts";

/** Memories analysed again per transaction. */
export const REANALYSE_BATCH = 500;

/**
 * How long after finding the queue empty a node looks at it again (at a search): what a node of
 * an older version queued meanwhile waits at most this long, plus a search.
 */
export const REANALYSE_RECHECK_MS = 60_000;

/** Progress of {@linkcode reanalyseTerms}: queued memories done so far (rewritten or gone). */
export type ReanalyseProgress = (done: number) => void;

/**
 * Analyses again every queued memory (see the module comment); how many it rewrote (a memory
 * deleted meanwhile only leaves the queue). Returns when the queue is empty, when what is left
 * is held by another node, or after the batch under way when `signal` is aborted.
 */
export async function reanalyseTerms(
  db: Database,
  options: { onProgress?: ReanalyseProgress; signal?: AbortSignal } = {},
): Promise<number> {
  let done = 0;
  let written = 0;
  while (!options.signal?.aborted) {
    const batch = await onceMoreOnConflict(() => reanalyseBatch(db));
    if (batch.taken === 0) break;
    done += batch.taken;
    written += batch.written;
    options.onProgress?.(done);
  }
  return written;
}

async function reanalyseBatch(db: Database): Promise<{ taken: number; written: number }> {
  return await db.transaction(async () => {
    const rows = await db.all<{ id: string; content: string | null }>(
      `SELECT r.id, m.content FROM memory_reanalyse r LEFT JOIN memories m ON m.id = r.id
       ORDER BY r.id LIMIT ${REANALYSE_BATCH} FOR UPDATE OF r SKIP LOCKED`,
    );
    let written = 0;
    for (const row of rows) {
      if (row.content === null) continue; // deleted meanwhile
      const analysed = termVector(row.content);
      written += await db.run(
        `UPDATE memories SET terms = CAST(? AS tsvector), term_count = ?,
           terms_analyser = ${TERMS_WRITTEN_NOW}
         WHERE id = ? AND content = ?`,
        analysed.vector,
        analysed.count,
        row.id,
        row.content,
      );
    }
    if (rows.length > 0) {
      await db.run(
        `DELETE FROM memory_reanalyse WHERE id IN ${JSON_TEXTS}`,
        JSON.stringify(rows.map((row) => row.id)),
      );
    }
    return { taken: rows.length, written };
  });
}
