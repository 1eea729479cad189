/**
 * PostgreSQL's candidates of a search (`MemoryBackend.candidates`, `postgres_backend.ts`): the
 * nearest vectors of the vector store and the best full-text matches of the persona (and of
 * others' shared memories), each scored both ways.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { newerAtCut } from "./nearest_ties.ts";
import { bestMatches, queryWeights, scoresOf } from "./postgres_bm25.ts";
import { anyTermQuery, JSON_TEXTS } from "./postgres_rows.ts";
import { memoriesByIds, storingOrder } from "./postgres_writes.ts";
import { VISIBILITIES, type Visibility } from "./schema.ts";
import type { VectorStore } from "./vector_store.ts";

/** The candidates of `query`: memories in `db`, their vectors in `vectors`. */
export async function postgresCandidates(
  db: Database,
  vectors: VectorStore,
  query: CandidateQuery,
): Promise<Candidate[]> {
  const scopes: Array<{ personaId: string; visibilities: readonly Visibility[] }> = [
    { personaId: query.personaId, visibilities: VISIBILITIES },
  ];
  const others = query.othersVisibility.filter((visibility) => visibility !== "private");
  if (others.length > 0 && query.terms.length > 0) {
    const rows = await db.all<{ persona_id: string }>(
      `SELECT DISTINCT persona_id FROM memories
       WHERE persona_id <> ? AND visibility IN ${JSON_TEXTS} AND terms @@ CAST(? AS tsquery)`,
      query.personaId,
      JSON.stringify(others),
      anyTermQuery(query.terms),
    );
    for (const row of rows) scopes.push({ personaId: row.persona_id, visibilities: others });
  }
  const lexical = new Map<string, number>();
  const weights = new Map<string, Awaited<ReturnType<typeof queryWeights>>>();
  // The vector store (a Chroma round trip) and the full-text queries run side by side.
  const [nearest] = await Promise.all([
    // Full-text hits only (`lexicalOnly`): no nearest-vector search, as on every backend.
    query.lexicalOnly ? [] : vectors.nearest(query),
    (async () => {
      for (const scope of scopes) {
        const scopeWeights = await queryWeights(db, scope.personaId, query);
        weights.set(scope.personaId, scopeWeights);
        const hits = await bestMatches(db, query, {
          ...scope,
          minImportance: query.minImportance,
          memoryType: query.memoryType,
          weights: scopeWeights,
        });
        for (const hit of hits) lexical.set(hit.id, hit.lexical);
      }
    })(),
  ]);
  const similarities = new Map(
    (await newerAtCut(nearest, query.limit, (ids) => storingOrder(db, ids)))
      .map((hit) => [hit.id, hit.similarity]),
  );
  const best = (scores: Map<string, number>) =>
    [...scores].sort((a, b) => b[1] - a[1]).slice(0, query.limit).map(([id]) => id);
  const ids = new Set([...best(similarities), ...best(lexical)]);
  const records = await memoriesByIds(db, [...ids]);
  const unscored = records.filter((record) => !similarities.has(record.id)).map((r) => r.id);
  for (const [id, similarity] of await vectors.similarities(query, unscored)) {
    similarities.set(id, similarity);
  }
  for (const [personaId, group] of Map.groupBy(records, (record) => record.persona_id)) {
    const missing = group.filter((record) => !lexical.has(record.id)).map((record) => record.id);
    if (missing.length === 0) continue;
    const scopeWeights = weights.get(personaId) ??
      await queryWeights(db, personaId, query);
    const scores = await scoresOf(db, query, {
      personaId,
      ids: missing,
      weights: scopeWeights,
    });
    for (const [id, score] of scores) lexical.set(id, score);
  }
  return records.map((record) => ({
    record,
    similarity: similarities.get(record.id) ?? 0,
    lexical: lexical.get(record.id) ?? 0,
  }));
}
