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
import type { MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { rank, type Ranked } from "./ranking.ts";
import {
  type CrossPersonaParams,
  type MemoryView,
  type SearchParams,
  toView,
  type Visibility,
} from "./schema.ts";
import { keywords } from "./text.ts";

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
    const candidates = await this.#backend.candidates({
      personaId: persona.id,
      othersVisibility: query.othersVisibility,
      vector: query.vector,
      embedder: this.#embedder.id,
      keywords: keywords(query.text),
      minImportance: filter.minImportance,
      memoryType: filter.memoryType,
      limit: poolSize(filter.n),
    });
    // Defence in depth: whatever a backend returns, others' private memories never leave here.
    const allowed = candidates.filter(({ record }) =>
      record.persona_id === persona.id ||
      (record.visibility !== "private" && query.othersVisibility.includes(record.visibility))
    );
    const ranked = rank(allowed, query.text, { now, limit: filter.n });
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
