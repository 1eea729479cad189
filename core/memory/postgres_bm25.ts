/**
 * BM25 in PostgreSQL, with the formula, constants and statistics of the in-memory index
 * (`lexical_index.ts`): a persona's memories holding a query term are found through the GIN index
 * on their terms, each term's frequency read off the stored `tsvector`, its weight (idf among the
 * persona's memories times the term's prior) computed from the statistics tables
 * (`postgres_rows.ts`), and the sum divided by the query's total weight, capped at 1.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import type { CandidateQuery } from "./backend.ts";
import { BM25_B, BM25_K1, idf, type LexicalHit } from "./lexical_index.ts";
import { anyTermQuery, JSON_TEXTS } from "./postgres_rows.ts";
import type { Visibility } from "./schema.ts";

/** One persona's statistics for a query: its weights (idf × prior) and mean length. */
export interface QueryWeights {
  /** One per query term, in order. */
  weights: number[];
  /** Their sum: the normaliser of `lexical`. */
  total: number;
  averageLength: number;
}

/** The weights of `query`'s terms among the memories of `personaId`. */
export async function queryWeights(
  db: Database,
  personaId: string,
  query: Pick<CandidateQuery, "terms" | "priors">,
): Promise<QueryWeights> {
  const docs = await db.get<{ docs: number; total_length: number }>(
    "SELECT docs, total_length FROM memory_doc_stats WHERE persona_id = ?",
    personaId,
  );
  const frequencies = new Map<string, number>();
  if (query.terms.length > 0) {
    const rows = await db.all<{ term: string; df: number }>(
      `SELECT term, df FROM memory_term_stats
       WHERE persona_id = ? AND term IN ${JSON_TEXTS}`,
      personaId,
      JSON.stringify(query.terms),
    );
    for (const row of rows) frequencies.set(row.term, row.df);
  }
  const n = docs?.docs ?? 0;
  const weights = query.terms.map((term, i) =>
    idf(n, frequencies.get(term) ?? 0) * (query.priors?.[i] ?? 1)
  );
  return {
    weights,
    total: weights.reduce((sum, weight) => sum + weight, 0),
    averageLength: n === 0 ? 0 : (docs?.total_length ?? 0) / n,
  };
}

/** Which of a persona's memories to score. */
export interface Bm25Scope {
  personaId: string;
  visibilities: readonly Visibility[];
  minImportance: number;
  memoryType?: string;
}

const SCORE = `SUM(q.weight * f.tf * ${BM25_K1 + 1} /
    (f.tf + ${BM25_K1 * (1 - BM25_B)} + ${
  BM25_K1 * BM25_B
} * m.term_count / CAST(? AS DOUBLE PRECISION)))`;

const MATCHES = `FROM memories m
  CROSS JOIN LATERAL (SELECT u.lexeme, cardinality(u.positions) AS tf FROM unnest(m.terms) AS u) f
  JOIN (SELECT term, weight FROM jsonb_to_recordset(CAST(CAST(? AS TEXT) AS jsonb)) AS t(term TEXT, weight DOUBLE PRECISION)
    WHERE weight > 0) q ON q.term = f.lexeme
  WHERE m.persona_id = ? AND m.terms @@ CAST(? AS tsquery)`;

function weighted(query: CandidateQuery, weights: QueryWeights): string {
  return JSON.stringify(query.terms.map((term, i) => ({ term, weight: weights.weights[i] })));
}

function hit(row: { id: string; score: number }, total: number): LexicalHit {
  return { id: row.id, lexical: Math.min(1, row.score / total) };
}

/** The `query.limit` best BM25 matches in `scope` (the statistics are the whole persona's). */
export async function bestMatches(
  db: Database,
  query: CandidateQuery,
  scope: Bm25Scope & { weights: QueryWeights },
): Promise<LexicalHit[]> {
  const { weights } = scope;
  if (query.terms.length === 0 || weights.total <= 0 || query.limit <= 0) return [];
  const type = scope.memoryType ?? null;
  const rows = await db.all<{ id: string; score: number }>(
    `SELECT m.id, ${SCORE} AS score ${MATCHES}
       AND m.importance >= ?
       AND m.visibility IN ${JSON_TEXTS}
       AND (CAST(? AS TEXT) IS NULL OR m.memory_type = ?)
     GROUP BY m.id, m.seq ORDER BY score DESC, m.seq DESC LIMIT ?`,
    weights.averageLength || 1,
    weighted(query, weights),
    scope.personaId,
    anyTermQuery(query.terms),
    scope.minImportance,
    JSON.stringify(scope.visibilities),
    type,
    type,
    query.limit,
  );
  return rows.map((row) => hit(row, weights.total));
}

/** The normalised BM25 of each of `ids` (memories of `personaId`) that holds a query term. */
export async function scoresOf(
  db: Database,
  query: CandidateQuery,
  target: { personaId: string; ids: readonly string[]; weights: QueryWeights },
): Promise<Map<string, number>> {
  const { weights } = target;
  if (query.terms.length === 0 || weights.total <= 0 || target.ids.length === 0) return new Map();
  const rows = await db.all<{ id: string; score: number }>(
    `SELECT m.id, ${SCORE} AS score ${MATCHES}
       AND m.id IN ${JSON_TEXTS}
     GROUP BY m.id`,
    weights.averageLength || 1,
    weighted(query, weights),
    target.personaId,
    anyTermQuery(query.terms),
    JSON.stringify(target.ids),
  );
  return new Map(rows.map((row) => [row.id, hit(row, weights.total).lexical]));
}
