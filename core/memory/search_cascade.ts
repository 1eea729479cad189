/**
 * How one search query becomes its ranking: a compound question's parts that stand alone are
 * ranked too (`compound_question.ts`), each part embedded on its own, and each ranking runs as a
 * cascade when the embedder has one (`encoder_cascade.ts`). The ranking itself is the caller's
 * (`Searcher`'s run); no access is counted here.
 *
 * @module
 */
import type { Embedder } from "./embedder.ts";
import { compoundParts, rankedInParts } from "./compound_question.ts";
import { embedQueryText } from "./memory_embedding.ts";
import type { RunFilter, RunQuery } from "./search_candidates.ts";
import type { Found } from "./search_hits.ts";

/** What a cascaded ranking runs on. */
export interface CascadeRanker {
  /** The embedder: its cascade, and the parts' vectors. */
  embedder: Embedder;
  /** Ranks candidates for one query (the search's run). */
  run(query: RunQuery, filter: RunFilter): Promise<Found[]>;
}

/**
 * `cascadedOne`'s ranking of `search.query`, no access counted (`touch: false`); a compound
 * question's parts that stand alone are ranked too, without fillers (`compound_question.ts`).
 */
export async function rankedInCascade(
  search: { query: RunQuery; filter: RunFilter },
  ranker: CascadeRanker,
): Promise<Found[]> {
  const { query, filter } = search;
  const parts = compoundParts(query.text);
  const one = { ...filter, touch: false };
  return parts.length === 0
    ? await cascadedOne(query, one, ranker)
    : await rankedInParts(parts, async (part) => {
      if (part === undefined) return await cascadedOne(query, one, ranker);
      // A cancelled request or chat turn embeds and ranks no further part (`embedQueryText`).
      const vector = await embedQueryText(ranker.embedder, part, query.signal);
      return await cascadedOne({ ...query, text: part, vector }, { ...one, fill: false }, ranker);
    });
}

/**
 * `ranker.run`, as a cascade when the embedder has one (`encoder_cascade.ts`) and gave the query
 * its first-pass vector: ranked without the encoder at the local weights, and encoded and ranked
 * again only when that ranking is weak. Else the ranking of `query.vector`.
 */
async function cascadedOne(
  query: RunQuery,
  filter: RunFilter,
  ranker: CascadeRanker,
): Promise<Found[]> {
  const cascade = ranker.embedder.cascade;
  if (!cascade?.isFirstPass(query.vector)) return ranker.run(query, filter);
  const first = await ranker.run({
    ...query,
    weights: cascade.localWeights,
    similarityScale: cascade.similarityScale,
  }, filter);
  if (!cascade.needsEncoder(first)) return first;
  return ranker.run({ ...query, vector: await cascade.encodedQuery(query.text) }, filter);
}
