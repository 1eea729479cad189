/**
 * The recall benchmark's baseline (`tests/bench/recall.ts`): no server, plain SQLite FTS5 BM25.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type { QueryOutcome, RecallSet } from "./_set.ts";

/**
 * The baseline: FTS5 BM25 (Porter, unicode61) over the same memories, every query word OR'ed;
 * the top `depth` labels per query.
 */
export function runBaseline(set: RecallSet, depth: number): QueryOutcome[] {
  const db = new DatabaseSync(":memory:");
  db.exec(
    "CREATE VIRTUAL TABLE docs USING fts5(label UNINDEXED, text, tokenize = 'porter unicode61')",
  );
  const insert = db.prepare("INSERT INTO docs (label, text) VALUES (?, ?)");
  for (const memory of set.memories) insert.run(memory.label, memory.text);
  const search = db.prepare(
    `SELECT label FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ${depth}`,
  );
  const outcomes = set.queries.map((query) => {
    const words = query.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const match = words.map((word) => `"${word}"`).join(" OR ");
    const rows = search.all(match) as Array<{ label: string }>;
    return { query, ranked: rows.map((row) => row.label) };
  });
  db.close();
  return outcomes;
}
