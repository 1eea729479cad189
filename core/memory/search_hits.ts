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
import { type MemoryRecord, type MemoryView, toView, type Visibility } from "./schema.ts";

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
 * Ids named by other personas' `ranked` memories (`superseded_by`, `supersedes`, `source_ids`) that
 * a cross-persona search of `persona` over `visible` could not return (private ones, or gone): a
 * hit must not show them (attack30 F4, review42 R5).
 */
export async function unseenLinks(
  backend: MemoryBackend,
  persona: { id: string },
  ranked: readonly Ranked[],
  visible: readonly Visibility[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { record } of ranked) {
    if (record.persona_id === persona.id) continue;
    if (record.superseded_by) ids.add(record.superseded_by);
    for (const id of record.supersedes) ids.add(id);
    for (const id of record.source_ids) ids.add(id);
  }
  if (ids.size === 0) return ids;
  for (const record of await backend.getMany([...ids])) {
    if (record.persona_id === persona.id || visible.includes(record.visibility)) {
      ids.delete(record.id);
    }
  }
  return ids;
}

/** `record`'s links as a hit shows them: without the ids in `unseen` (memories the searcher may not see). */
export function visibleLinks(
  record: MemoryRecord,
  unseen: ReadonlySet<string>,
): Pick<MemoryRecord, "superseded_by" | "supersedes" | "source_ids"> {
  return {
    superseded_by: unseen.has(record.superseded_by!) ? null : record.superseded_by,
    supersedes: record.supersedes.filter((id) => !unseen.has(id)),
    source_ids: record.source_ids.filter((id) => !unseen.has(id)),
  };
}
