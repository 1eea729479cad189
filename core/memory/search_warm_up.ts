/**
 * The search path made ready once a new server has loaded its indexes (`warm_up.ts`): what
 * a first search would otherwise pay for once, on top of its own work, run on a made-up query and
 * two made-up memories: the Unicode regular expressions of query analysis, voice and intent
 * (compiled on first use), ICU's collator (ranking orders memories by creation time with
 * `localeCompare`: tens of milliseconds the first time), and the code of the query's analysis,
 * its vector, word alignment and ranking (compiled on first call). Nothing is stored; the texts
 * join the memos of analysed texts like any other.
 *
 * @module
 */
import type { Embedder } from "./embedder.ts";
import type { MemoryRecord } from "./schema.ts";
import { analysedQuery } from "./query_analysis.ts";
import { rank } from "./ranking.ts";
import { weightedQuery } from "./meaning/alignment.ts";
import { queryAligner } from "./meaning/query_aligner.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";

/** The made-up query (a question, a wish and a person: most of the analysis runs). */
export const WARM_UP_QUERY = "Where did I want to travel with my sister last summer?";
/** The made-up memories (the persona's voice with a wish; a group's talk with a name). */
export const WARM_UP_MEMORIES: readonly string[] = [
  "I want to visit Lisbon with my sister Ines next summer.",
  "We talked about the old harbour of Porto last night.",
];

/** Runs the search path once on {@linkcode WARM_UP_QUERY} (local embedder only). */
export async function warmSearchPath(embedder: Embedder, words: WordVectors): Promise<void> {
  if (!embedder.wordVectors || !embedder.embedQuery) return;
  const query = analysedQuery(WARM_UP_QUERY, words, { expand: true });
  const vector = await embedder.embedQuery(WARM_UP_QUERY);
  const align = queryAligner(
    weightedQuery(WARM_UP_QUERY, () => 1),
    await embedder.wordVectors(),
  );
  const now = Date.now();
  const candidates = WARM_UP_MEMORIES.map((content, i) => ({
    record: madeUpRecord(content, new Date(now - i * 86_400_000).toISOString(), embedder.id),
    similarity: vector.length > 0 ? 0.5 : 0,
    lexical: 0.5 - i / 10,
    alignment: align(content),
  }));
  rank(candidates, {
    now,
    limit: candidates.length,
    voice: query.voice,
    intents: !query.asksIntent,
  });
}

/** A memory record of `content` that is stored nowhere. */
function madeUpRecord(content: string, createdAt: string, embedder: string): MemoryRecord {
  return {
    id: `warm-up-${createdAt}`,
    persona_id: "warm-up",
    content,
    memory_type: "observation",
    importance: 0.5,
    base_importance: 0.5,
    importance_set_at: createdAt,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: createdAt,
    last_accessed: null,
    accessed_count: 0,
    embedder,
    superseded_by: null,
    supersedes: [],
    source_ids: [],
  };
}
