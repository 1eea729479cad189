/**
 * Reading long-term memory by meaning: searches (each hit counts as an access), a prompt's
 * recall (current memories only) and background work's look for similar memories (no access
 * counted), with search timings reported to the telemetry.
 *
 * @module
 */
import { type MemorySearchEvent, NO_TELEMETRY, type Telemetry, timed } from "../telemetry.ts";
import type { RecalledMemory, RecallOptions } from "../chat/memory_port.ts";
import type { Persona } from "../personas/mod.ts";
import type { Embedder } from "./embedder.ts";
import type { SimilarMemory, SimilarOptions } from "./events.ts";
import { recalled } from "./records.ts";
import { cutText } from "../text_cut.ts";
import { type CrossPersonaParams, QUERY_LIMIT, type SearchParams } from "./schema.ts";
import { cutFolded } from "./folded_cut.ts";
import type { CrossPersonaHit, Searcher, SearchHit } from "./search.ts";
import { embedQueryText, embedTexts } from "./memory_embedding.ts";
import type { SearchOptions } from "./hit_budget.ts";

/** Extra hits a prompt's recall asks for, so superseded ones can be left out. */
const RECALL_SPARE = 5;

/** A chat message or a job's text as a query: cut to the query limit, raw and folded. */
function queryCut(text: string): string {
  return cutFolded(cutText(text, QUERY_LIMIT), QUERY_LIMIT);
}

/** Searches, recall and similar memories for the memory service. */
export class MemoryReads {
  readonly #searcher: Searcher;
  readonly #embedder: Embedder;
  readonly #telemetry: Telemetry;
  readonly #backendName: string;

  /** Reads through `deps.searcher`, queries embedded by `deps.embedder`. */
  constructor(
    deps: { searcher: Searcher; embedder: Embedder; telemetry?: Telemetry; backendName: string },
  ) {
    this.#searcher = deps.searcher;
    this.#embedder = deps.embedder;
    this.#telemetry = deps.telemetry ?? NO_TELEMETRY;
    this.#backendName = deps.backendName;
  }

  /**
   * The persona's own memories closest to `text`, best first, ranked as a search but without
   * counting an access (for background work; superseded ones included).
   */
  async similar(persona: Persona, text: string, options: SimilarOptions): Promise<SimilarMemory[]> {
    const query = queryCut(text.trim());
    if (query === "") return [];
    const [vector] = await embedTexts(this.#embedder, [query], options.signal);
    const ranked = await this.#searcher.ranked(persona, {
      query,
      n_results: options.limit,
      min_importance: 0,
      memory_type: options.memoryType,
    }, { vector: vector!, touch: false });
    return ranked.map(({ record, relevance }) => ({ record, relevance }));
  }

  /** The persona's memories best matching the query; each hit sent counts as an access. */
  search(
    persona: Persona,
    params: SearchParams,
    options: SearchOptions = {},
  ): Promise<SearchHit[]> {
    const { signal, budget } = options;
    params = { ...params, query: cutFolded(params.query, QUERY_LIMIT) };
    return this.#timed("search", signal, async () => {
      const vector = await embedQueryText(this.#embedder, params.query, signal);
      return this.#searcher.search(persona, params, { vector, budget, signal });
    });
  }

  /** The persona's own memories plus other personas' shared/public ones; never others' private. */
  searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    options: SearchOptions = {},
  ): Promise<CrossPersonaHit[]> {
    const { signal, budget } = options;
    params = { ...params, query: cutFolded(params.query, QUERY_LIMIT) };
    return this.#timed("cross_persona", signal, async () => {
      const vector = await embedQueryText(this.#embedder, params.query, signal);
      return this.#searcher.searchCrossPersona(persona, params, { vector, budget, signal });
    });
  }

  /** Runs a search, reporting its duration to the telemetry. */
  #timed<T>(
    kind: MemorySearchEvent["kind"],
    signal: AbortSignal | undefined,
    search: () => Promise<T>,
  ): Promise<T> {
    const telemetry = this.#telemetry;
    const backend = this.#backendName;
    return timed(
      search,
      (outcome, seconds) => telemetry.memorySearch({ kind, backend, outcome, seconds }),
      signal,
    );
  }

  /**
   * Memories relevant to `query` for a prompt; each one the prompt gets counts as an access (the
   * spare hits it does not get count none). Superseded memories are left out: the prompt carries
   * what is current (the replacement is found in their place).
   */
  async recall(persona: Persona, query: string, options: RecallOptions): Promise<RecalledMemory[]> {
    if (query.trim() === "") return [];
    const params = {
      query: queryCut(query),
      n_results: options.limit + RECALL_SPARE,
      min_importance: 0,
    };
    const used = await this.#timed("search", options.signal, async () => {
      const vector = await embedQueryText(this.#embedder, params.query, options.signal);
      // The message's "I" and "my" are its sender's: no preference for the persona's own voice.
      const ranked = await this.#searcher.ranked(persona, params, {
        vector,
        touch: false,
        voiced: false,
        asker: options.asker,
        signal: options.signal,
        // Read here, never given out: the prompt gets a few fields of each (`recalled`).
        shared: true,
      });
      const current = ranked.filter((item) => !item.record.superseded_by);
      return current.slice(0, options.limit);
    });
    await this.#searcher.touch(used);
    return used.map(recalled);
  }
}
