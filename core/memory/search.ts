/**
 * Search: candidates from the backend (nearest vectors plus full-text hits), ranked by
 * `ranking.ts`, then each hit's access is recorded. Another persona's private memories are
 * never candidates, in any search.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { clamp, roundTo } from "../numbers.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { rank, type Ranked } from "./ranking.ts";
import {
  type CrossPersonaParams,
  type MemoryView,
  type SearchParams,
  toView,
  type Visibility,
} from "./schema.ts";
import { queryTerms } from "./lexical_index.ts";
import { alignment, weightedQuery } from "./meaning/alignment.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

/** A search result: the memory, its score (0..1) and its relevance to the query (0..1). */
export interface SearchHit extends MemoryView {
  score: number;
  relevance: number;
}

/** A cross-persona hit also says whose memory it is. */
export interface CrossPersonaHit extends SearchHit {
  source: "own" | "cross_persona";
  source_persona_id: string;
  source_persona_name: string;
}

/** How far a chain of replacements (a replaced by b replaced by c ...) is followed. */
const MAX_SUPERSESSION_HOPS = 8;

/** Candidates per retrieval path: ten per wanted result (AI Town's overfetch), 50 to 500. */
export function poolSize(wanted: number): number {
  return clamp(wanted * 10, 50, 500);
}

/** Runs searches for the memory service. */
export class Searcher {
  readonly #backend: MemoryBackend;
  readonly #embedder: Embedder;
  readonly #clock: Clock;
  readonly #personas: PersonaService;

  /** A searcher over `deps.backend`. */
  constructor(
    deps: { backend: MemoryBackend; embedder: Embedder; clock: Clock; personas: PersonaService },
  ) {
    this.#backend = deps.backend;
    this.#embedder = deps.embedder;
    this.#clock = deps.clock;
    this.#personas = deps.personas;
  }

  async #run(
    persona: Persona,
    query: { text: string; vector: Float32Array; othersVisibility: readonly Visibility[] },
    filter: { n: number; minImportance: number; memoryType?: string },
  ): Promise<Ranked[]> {
    const now = this.#clock.now();
    const words = await WordVectors.shared();
    const terms = queryTerms(query.text);
    const candidateQuery: CandidateQuery = {
      personaId: persona.id,
      othersVisibility: query.othersVisibility,
      vector: query.vector,
      embedder: this.#embedder.id,
      terms,
      priors: terms.map((term) => words.stemInformativeness(term)),
      minImportance: filter.minImportance,
      memoryType: filter.memoryType,
      limit: poolSize(filter.n),
    };
    const candidates = await this.#backend.candidates(candidateQuery);
    candidates.push(...await this.#replacements(candidates, filter));
    // Defence in depth: whatever a backend returns, others' private memories never leave here.
    const allowed = candidates.filter(({ record }) =>
      record.persona_id === persona.id ||
      (record.visibility !== "private" && query.othersVisibility.includes(record.visibility))
    );
    await this.#align(allowed, { text: query.text, candidateQuery });
    const ranked = rank(allowed, { now, limit: filter.n });
    if (ranked.length > 0) {
      const at = isoTime(now);
      await this.#backend.touch(ranked.map((item) => item.record), at);
      for (const item of ranked) {
        item.record = {
          ...item.record,
          accessed_count: item.record.accessed_count + 1,
          last_accessed: at,
        };
      }
    }
    return ranked;
  }

  /** Sets each candidate's word alignment, when the embedder has word vectors. */
  async #align(
    candidates: Candidate[],
    query: { text: string; candidateQuery: CandidateQuery },
  ): Promise<void> {
    if (!this.#embedder.wordVectors || candidates.length === 0) return;
    const vectors = await this.#embedder.wordVectors();
    const { terms } = query.candidateQuery;
    const termWeights = await this.#backend.termWeights(query.candidateQuery);
    const weights = new Map(terms.map((term, i) => [term, termWeights[i] ?? 0]));
    const weighted = weightedQuery(query.text, (_word, stem) => weights.get(stem) ?? 0);
    for (const candidate of candidates) {
      candidate.alignment = alignment(weighted, {
        content: candidate.record.content,
        vectors: vectors,
      });
    }
  }

  /**
   * The memories that replace candidates but were not found themselves (following chains), as
   * candidates of their own: ranking hands them the relevance of what they replace.
   */
  async #replacements(
    candidates: readonly Candidate[],
    filter: { minImportance: number; memoryType?: string },
  ): Promise<Candidate[]> {
    const known = new Set(candidates.map((candidate) => candidate.record.id));
    const added: Candidate[] = [];
    let pending = candidates.map((candidate) => candidate.record.superseded_by);
    for (let hops = 0; hops < MAX_SUPERSESSION_HOPS && pending.length > 0; hops++) {
      const next: Array<string | null> = [];
      for (const id of new Set(pending)) {
        if (id === null || known.has(id)) continue;
        known.add(id);
        const record = await this.#backend.get(id);
        if (
          !record || record.importance < filter.minImportance ||
          (filter.memoryType !== undefined && record.memory_type !== filter.memoryType)
        ) continue;
        added.push({ record, similarity: 0, lexical: 0 });
        next.push(record.superseded_by);
      }
      pending = next;
    }
    return added;
  }

  /** The persona's own memories for `params`. */
  async search(persona: Persona, params: SearchParams, vector: Float32Array): Promise<SearchHit[]> {
    const ranked = await this.#run(persona, { text: params.query, vector, othersVisibility: [] }, {
      n: params.n_results,
      minImportance: params.min_importance,
      memoryType: params.memory_type,
    });
    return ranked.map(hit);
  }

  /** Own memories plus other personas' shared/public ones, as the flags allow. */
  async searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    vector: Float32Array,
  ): Promise<CrossPersonaHit[]> {
    const othersVisibility: Visibility[] = [];
    if (params.include_shared) othersVisibility.push("shared");
    if (params.include_public) othersVisibility.push("public");
    const ranked = await this.#run(persona, { text: params.query, vector, othersVisibility }, {
      n: params.n_results,
      minImportance: params.min_importance,
    });
    const names = new Map((await this.#personas.list()).map((item) => [item.id, item.name]));
    return ranked
      .filter((item) => names.has(item.record.persona_id))
      .map((item) => ({
        ...hit(item),
        source: item.record.persona_id === persona.id ? "own" : "cross_persona",
        source_persona_id: item.record.persona_id,
        source_persona_name: names.get(item.record.persona_id)!,
      }));
  }
}

function hit(item: Ranked): SearchHit {
  return {
    ...toView(item.record),
    score: roundTo(item.score, 4),
    relevance: roundTo(item.relevance, 4),
  };
}
