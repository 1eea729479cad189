/**
 * The shapes search answers with: a hit (a memory, its score and relevance), the parts of its
 * score (`explain: true`) and a cross-persona hit, built from ranked memories.
 *
 * @module
 */
import { roundTo } from "../numbers.ts";
import type { Candidate, MemoryBackend } from "./backend.ts";
import { nudge, vectorPart } from "./ranking.ts";
import type { Ranked } from "./rank.ts";
import { type MemoryView, toView, type Visibility } from "./schema.ts";

/** A search result: the memory, its score (0..1) and its relevance to the query (0..1). */
export interface SearchHit extends MemoryView {
  score: number;
  relevance: number;
  /** The parts of `score`, with `explain: true` (see {@linkcode ScoreParts}). */
  score_parts?: ScoreParts;
}

/**
 * The parts of a hit's score (`memory.search` with `explain: true`), each rounded to 4 places:
 * `score = relevance · nudge · adjustment`, where `relevance` is the weighted sum of the
 * channels (`lexical`, `alignment` when the local embedder aligns words, `vector`) or the
 * relevance handed on from a memory this one replaces, `nudge` comes from `importance` and
 * `recency`, and `adjustment` is every other factor of the ranking (a replaced memory's halving;
 * 1 when none applies). See `ranking.ts`.
 */
export interface ScoreParts {
  /** Normalised BM25 of the query's words, 0..1. */
  lexical: number;
  /** Word alignment in meaning, 0..1 (local embedder only). */
  alignment?: number;
  /** The vector channel: the cosine above the floor, rescaled to 0..1. */
  vector: number;
  /** The raw cosine of the query's and the memory's vectors, -1..1. */
  similarity: number;
  relevance: number;
  importance: number;
  /** 0.995^(hours since the memory was created). */
  recency: number;
  /** 1 ± 0.1 from importance and recency. */
  nudge: number;
  adjustment: number;
  /** `true` for a hit below the bar that only fills the list up to `n_results` (`fill.ts`). */
  filler?: true;
}

/** A ranked memory and the candidate it was ranked from (its channels). */
export type Found = Ranked & { channels: Candidate };

/** A cross-persona hit also says whose memory it is. */
export interface CrossPersonaHit extends SearchHit {
  source: "own" | "cross_persona";
  source_persona_id: string;
  source_persona_name: string;
}

/** The hit `memory.search` answers with for a ranked memory. */
export function hit(item: Ranked): SearchHit {
  return {
    ...toView(item.record),
    score: roundTo(item.score, 4),
    relevance: roundTo(item.relevance, 4),
  };
}

/** `ranked` with the candidate each was ranked from (the first one of its id, as ranking). */
export function withChannels(ranked: Ranked[], candidates: readonly Candidate[]): Found[] {
  const byId = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!byId.has(candidate.record.id)) byId.set(candidate.record.id, candidate);
  }
  return ranked.map((item) => ({ ...item, channels: byId.get(item.record.id)! }));
}

/** A hit with its {@linkcode ScoreParts}. */
export function explained(item: Found): SearchHit {
  const { lexical, similarity, alignment } = item.channels;
  const moved = nudge(item.record.importance, item.recency);
  const base = item.relevance * moved;
  return {
    ...hit(item),
    score_parts: {
      lexical: roundTo(lexical, 4),
      ...(alignment === undefined ? {} : { alignment: roundTo(alignment.score, 4) }),
      vector: roundTo(vectorPart(similarity), 4),
      similarity: roundTo(similarity, 4),
      relevance: roundTo(item.relevance, 4),
      importance: item.record.importance,
      recency: roundTo(item.recency, 4),
      nudge: roundTo(moved, 4),
      adjustment: roundTo(base > 0 ? item.score / base : 1, 4),
      ...(item.filler ? { filler: true as const } : {}),
    },
  };
}

/**
 * Ids of the memories replacing other personas' `ranked` memories that a cross-persona search of
 * `persona` over `visible` could not return (private ones, or gone).
 */
export async function unseenReplacements(
  backend: MemoryBackend,
  persona: { id: string },
  ranked: readonly Ranked[],
  visible: readonly Visibility[],
): Promise<Set<string>> {
  const ids = ranked.flatMap(({ record }) =>
    record.persona_id !== persona.id && record.superseded_by ? [record.superseded_by] : []
  );
  if (ids.length === 0) return new Set();
  const seen = new Set(
    (await backend.getMany([...new Set(ids)]))
      .filter((record) => record.persona_id === persona.id || visible.includes(record.visibility))
      .map((record) => record.id),
  );
  return new Set(ids.filter((id) => !seen.has(id)));
}
