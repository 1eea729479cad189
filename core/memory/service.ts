/**
 * Long-term memory use cases: store (importance scored when not given), correct, delete,
 * search (ranked, see `ranking.ts`), cross-persona search, stats, reindex, and the chat
 * engine's seam ({@linkcode ChatMemory}). Writes are `memory_writer.ts`'s, searches and recall
 * `memory_reads.ts`'s. Decay and pruning hang off `decay` and `pruning`. Whatever the backend,
 * the behaviour is the same.
 *
 * @module
 */
import type {
  ChatMemory,
  ExchangeRecord,
  RecalledMemory,
  TurnRecord,
} from "../chat/memory_port.ts";
import type { Persona } from "../personas/mod.ts";
import type { PageQuery } from "./backend_reads.ts";
import type { MemoryLinksToRestore } from "./restore_links.ts";
import { DecayRunner } from "./decay_runner.ts";
import {
  type SimilarMemory,
  type StoredListener,
  StoreListeners,
  type StoreOptions,
} from "./events.ts";
import { Pruner } from "./pruner.ts";
import { type ChatStoreParts, storeExchange, storeExchanges, storeTurn } from "./chat_stores.ts";
import type {
  CrossPersonaParams,
  MemoryInput,
  MemoryPatch,
  MemoryRecord,
  SearchParams,
} from "./schema.ts";
import { type CrossPersonaHit, Searcher, type SearchHit } from "./search.ts";
import type { MemoryServiceDeps } from "./service_deps.ts";
import type { PersonaMemoryStats, SharedStats } from "./stats.ts";
import { readPersonaStats, readSharedStats } from "./stats_reads.ts";
import { forgetPersona, purgeAgain, purgePersona } from "./persona_purge.ts";
import { Warmer } from "./warmer.ts";
import { VectorRemaker } from "./vector_remaker.ts";
import { MemoryWriter, type ReindexProgress } from "./memory_writer.ts";
import { MemoryReads } from "./memory_reads.ts";
import type { SearchOptions } from "./hit_budget.ts";
import { WriteBehind } from "./write_behind.ts";

export { MAX_SOURCE_IDS, type ReindexProgress } from "./memory_writer.ts";
export type { MemoryServiceDeps, MemorySettings } from "./service_deps.ts";

/** The memory service; also the chat engine's {@linkcode ChatMemory}. */
export class MemoryService implements ChatMemory {
  /** `sqlite` or `chroma`. */
  readonly backendName: string;
  /** The embedder new memories and searches use. */
  readonly embedderId: string;
  /** Decay: force, schedule, statistics. */
  readonly decay: DecayRunner;
  /** Pruning: prune, recommendations, statistics. */
  readonly pruning: Pruner;
  /** Remakes queued stale local vectors in the background (`vector_remaker.ts`, `start`). */
  readonly remaker: VectorRemaker;
  readonly #deps: MemoryServiceDeps;
  readonly #reads: MemoryReads;
  readonly #warmer: Warmer;
  readonly #listeners: StoreListeners;
  readonly #writer: MemoryWriter;
  /** What the chat engine's stores use (`chat_stores.ts`). */
  readonly #chat: ChatStoreParts;
  /** Chats' exchanges, stored after their replies (`write_behind.ts`). */
  readonly #behind: WriteBehind;

  /** Wires the service; nothing runs until called (the decay schedule starts with `decay.start`). */
  constructor(deps: MemoryServiceDeps) {
    this.#deps = deps;
    this.backendName = deps.backend.name;
    this.embedderId = deps.embedder.id;
    this.#reads = new MemoryReads({
      searcher: new Searcher(deps),
      embedder: deps.embedder,
      telemetry: deps.telemetry,
      backendName: this.backendName,
    });
    this.#listeners = new StoreListeners(deps.log);
    this.#writer = new MemoryWriter({ ...deps, listeners: this.#listeners });
    this.#chat = { personas: deps.personas, writer: this.#writer };
    this.#behind = new WriteBehind({
      // Through the method: what stands in for it (a benchmark's probe) stores these too.
      store: (exchanges) => this.rememberExchanges(exchanges),
      log: deps.log,
      later: deps.later,
      sharedStore: deps.sharedStore,
      personas: deps.personas,
    });
    this.pruning = new Pruner(deps);
    this.decay = new DecayRunner({
      ...deps,
      pruner: this.pruning,
      purge: (id) => purgePersona(deps, id),
    });
    this.#warmer = new Warmer(deps);
    this.remaker = new VectorRemaker(deps);
  }

  /** Tells `listener` about every store from now on (the mind queues its jobs this way). */
  onStored(listener: StoredListener): void {
    this.#listeners.add(listener);
  }

  /** Stores one memory of `persona`; importance is scored from the content when not given. */
  async store(
    persona: Persona,
    input: MemoryInput,
    options: StoreOptions = {},
  ): Promise<MemoryRecord> {
    await this.#behind.settle(persona.id);
    const [record] = await this.#writer.storeAll([{ persona, input }], {
      ...options,
      field: () => "created_at",
    });
    return record!;
  }

  /** Stores many memories of `persona` at once (imports, benchmarks). */
  storeMany(
    persona: Persona,
    inputs: readonly MemoryInput[],
    options: StoreOptions = {},
  ): Promise<MemoryRecord[]> {
    return this.#after(
      persona.id,
      () =>
        this.#writer.storeAll(inputs.map((input) => ({ persona, input })), {
          ...options,
          field: (i) => `memories.${i}.created_at`,
        }),
    );
  }

  /** The memory with `id`; throws `NotFound`. */
  get(id: string): Promise<MemoryRecord> {
    // No barrier: a queued exchange has no id yet (made when stored), so no caller can name it.
    return this.#writer.get(id);
  }

  /** Corrects a memory: new content is re-embedded; a new importance restarts its decay. */
  update(id: string, patch: MemoryPatch, signal?: AbortSignal): Promise<MemoryRecord> {
    return this.#writer.update(id, patch, signal);
  }

  /**
   * Deletes a memory; returns it as it was. The memories it superseded are current again, and
   * the one that superseded it no longer lists it.
   */
  delete(id: string): Promise<MemoryRecord> {
    return this.#writer.delete(id);
  }

  /** A persona's memories, newest first, a page at a time. */
  async list(
    persona: Persona,
    options: PageQuery,
  ): Promise<{ memories: MemoryRecord[]; total: number; more: boolean; next?: string }> {
    await this.#behind.settle(persona.id);
    const page = await this.#deps.backend.page(persona.id, options);
    return { memories: page.records, total: page.total, more: page.more, next: page.next };
  }

  /** The memory with `id`, if there is one. */
  find(id: string): Promise<MemoryRecord | undefined> {
    return this.#deps.backend.get(id);
  }

  /**
   * The persona's own memories closest to `text`, best first, ranked as a search but without
   * counting an access (for background work; superseded ones included).
   */
  similar(
    persona: Persona,
    text: string,
    options: { memoryType?: string; limit: number; signal?: AbortSignal },
  ): Promise<SimilarMemory[]> {
    return this.#reads.similar(persona, text, options);
  }

  /** The persona's newest memories, newest first. */
  async recent(persona: Persona, options: { limit: number }): Promise<MemoryRecord[]> {
    return (await this.#deps.backend.page(persona.id, { limit: options.limit, offset: 0 }))
      .records;
  }

  /**
   * Adds `sourceIds` (memories of the same persona) to what memory `id` was drawn from; the
   * newest {@linkcode MAX_SOURCE_IDS} are kept.
   */
  addSources(id: string, sourceIds: readonly string[]): Promise<MemoryRecord> {
    return this.#writer.addSources(id, sourceIds);
  }

  /**
   * Adds already checked links between memories of `personaId` (a bundle's import) in chunks,
   * serving other requests between them; returns how many memories were saved.
   */
  restoreLinks(personaId: string, links: readonly MemoryLinksToRestore[]): Promise<number> {
    return this.#writer.restoreLinks(personaId, links);
  }

  /** The persona's memories best matching the query; each hit sent counts as an access. */
  search(persona: Persona, params: SearchParams, options?: SearchOptions): Promise<SearchHit[]> {
    return this.#after(persona.id, () => this.#reads.search(persona, params, options));
  }

  /** The persona's own memories plus other personas' shared/public ones; never others' private. */
  searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    options?: SearchOptions,
  ): Promise<CrossPersonaHit[]> {
    // Exchanges are private: only the asker's own can be among the hits.
    return this.#after(persona.id, () => this.#reads.searchCrossPersona(persona, params, options));
  }

  /** `memory.get_stats` for `persona`. */
  stats(persona: Persona): Promise<PersonaMemoryStats> {
    return this.#after(
      persona.id,
      () => readPersonaStats(this.#deps.backend, persona.id, this.embedderId),
    );
  }

  /** How many memories `persona` has. */
  count(persona: Persona): Promise<number> {
    return this.#after(persona.id, () => this.#deps.backend.count(persona.id));
  }

  /** `memory.shared_stats`. */
  sharedStats(): Promise<SharedStats> {
    return readSharedStats(this.#deps);
  }

  /**
   * Re-embeds the persona's memories made by another embedder, and those queued to be made again
   * after an analyser change (the background {@linkcode remaker} leaves the persona to it);
   * reports progress per batch.
   */
  reindex(
    persona: Persona,
    options: { signal?: AbortSignal; onProgress?: (progress: ReindexProgress) => void } = {},
  ): Promise<{ total: number; reindexed: number; already_current: number }> {
    const reindex = () =>
      this.remaker.during(persona.id, () => this.#writer.reindex(persona, options));
    return this.#after(persona.id, reindex);
  }

  /**
   * Memories relevant to `query` for a prompt; each one the prompt gets counts as an access (the
   * spare hits it does not get count none). Superseded memories are left out.
   */
  recall(
    persona: Persona,
    query: string,
    options: { limit: number; signal?: AbortSignal; asker?: string },
  ): Promise<RecalledMemory[]> {
    return this.#reads.recall(persona, query, options);
  }

  /** Stores one finished exchange as a private conversation memory of the persona. */
  async rememberExchange(exchange: ExchangeRecord): Promise<{ memory_id: string }> {
    const stored = await storeExchange(this.#chat, exchange);
    this.#behind.working();
    return stored;
  }

  /** Stores chats' exchanges queued after their replies, in one insert (`write_behind.ts`). */
  async rememberExchanges(exchanges: readonly ExchangeRecord[]): Promise<void> {
    await storeExchanges(this.#chat, exchanges);
    this.#behind.working();
  }

  /** Queues an exchange to be stored after the chat's reply (`write_behind.ts`). */
  keepExchange(exchange: ExchangeRecord, context: { sessionId: string }): boolean {
    return this.#behind.add({ exchange, sessionId: context.sessionId });
  }

  /** Stores every exchange queued by {@linkcode keepExchange} now; resolves once all were tried. */
  settleExchanges(): Promise<void> {
    return this.#behind.drain();
  }

  /** Stores a dialogue turn: the speaker remembers what it said, each listener what it heard. */
  rememberTurn(turn: TurnRecord): Promise<void> {
    return storeTurn(this.#chat, turn);
  }

  /** Deletes a deleted persona's memories; if the store is down, queues them for later. */
  async forgetPersona(personaId: string): Promise<void> {
    await this.#behind.forget(personaId);
    return await forgetPersona(this.#deps, personaId);
  }

  /** Queues `personaId`'s memories to be deleted again on the next decay cycle (`purgeAgain`). */
  purgeAgain(personaId: string): Promise<void> {
    return purgeAgain(this.#deps, personaId);
  }

  /**
   * Starts loading what the first searches need, in the background (`warm_up.ts`), once;
   * resolves to the personas whose indexes it loaded. A failure is logged, and searches then
   * load what they need themselves.
   */
  warm(): Promise<string[]> {
    return this.#warmer.warm();
  }

  /**
   * Starts reading the word data and the largest persona's index rows off the event loop, once,
   * ahead of {@linkcode warm} (`warmer.ts`, `warm_up.ts`'s `prefetchLargest`); resolves when the
   * rows are there. A failure is left to the warm-up's load, which then reads them itself.
   */
  prefetch(): Promise<void> {
    return this.#warmer.prefetch();
  }

  /** The read ahead once started ({@linkcode prefetch}). */
  get prefetching(): Promise<void> | undefined {
    return this.#warmer.prefetching;
  }

  /** The warm-up once started: the ids of the personas whose indexes it loaded. */
  get warming(): Promise<string[]> | undefined {
    return this.#warmer.warming;
  }

  /** Runs `work` once the exchanges queued for `personaId` (every persona's if not given) are in. */
  #after<T>(personaId: string | undefined, work: () => Promise<T>): Promise<T> {
    // Nothing queued, the usual case: no wait on a read's path (persona.get counts memories).
    if (this.#behind.idle) return work();
    return this.#behind.settle(personaId).then(work);
  }

  /** Stops the decay schedule, the remaking and the warm-up, waits for them, releases the backend. */
  async close(): Promise<void> {
    await this.remaker.close();
    await this.#warmer.close();
    await this.decay.close();
    await this.#behind.close();
    await this.#writer.settled();
    await this.#writer.close();
    await this.#deps.backend.close();
  }
}
